"""The contract of the design: a fact about a service is a change in data/, not in Python.

Each test loads a modified copy of data/ and shows that the verdict follows the changed fact, with no code edited.
"""

import shutil
from pathlib import Path

import pytest
import yaml

from kicheck.knowledge import load
from kicheck.link import decode_query
from kicheck.present import result_view
from kicheck.texts import Texts
from kicheck.verdict import Status, decide
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
IN_USE, PARTLY, PROTECTED = Status.IN_USE, Status.PARTLY, Status.PROTECTED
NOT_AFFECTED, UNCLEAR = Status.NOT_AFFECTED, Status.UNCLEAR


def service(records: list[dict], code: str) -> dict:
    return next(r for r in records if r["code"] == code)


def threads_gets_its_own_form(data: Path) -> None:
    """Meta announces an objection form for Threads: Threads no longer follows Instagram's objection."""
    forms = yaml.safe_load((data / "forms.yaml").read_text())
    forms.append({**forms[1], "id": "object_th", "url": "https://www.threads.net/objection"})
    (data / "forms.yaml").write_text(yaml.safe_dump(forms, allow_unicode=True))
    actions = yaml.safe_load((data / "actions.yaml").read_text())
    next(a for a in actions if a["id"] == "object_service")["forms"].append("object_th")
    (data / "actions.yaml").write_text(yaml.safe_dump(actions, allow_unicode=True))
    services = yaml.safe_load((data / "services.yaml").read_text())
    service(services, "th")["objection"] = {"form": "object_th"}
    (data / "services.yaml").write_text(yaml.safe_dump(services, allow_unicode=True))


def facebook_objection_covers_whatsapp(data: Path) -> None:
    """Meta says the Facebook objection also covers Meta AI chats in WhatsApp (reported)."""
    services = yaml.safe_load((data / "services.yaml").read_text())
    service(services, "wa")["objection"] = {
        "follows": "fb",
        "confidence": "reported",
        "facts": ["F17"],
        "action": "object_for_ai_chats",
    }
    (data / "services.yaml").write_text(yaml.safe_dump(services, allow_unicode=True))


def threads_link_is_reported(data: Path) -> None:
    """Meta says the Instagram objection covers Threads (reported): no longer an unclear point."""
    services = yaml.safe_load((data / "services.yaml").read_text())
    threads = service(services, "th")
    threads["objection"]["confidence"] = "reported"
    threads["unclear"] = [u for u in threads["unclear"] if u["when"] != "always"]
    (data / "services.yaml").write_text(yaml.safe_dump(services, allow_unicode=True))


def meta_ai_app_has_public_content(data: Path) -> None:
    """The Meta AI app's shared prompts count as public content: it is no longer affected only through chats.

    Always-public items only: posts one can set public would need `pub=app`, which the share link cannot carry
    (the loader refuses such a copy, tests/domain/test_link_follows_data.py)."""
    services = yaml.safe_load((data / "services.yaml").read_text())
    app = service(services, "app")
    app["affected_through"] = "public_content"
    app["categories"] = ["always_public", *app["categories"]]
    (data / "services.yaml").write_text(yaml.safe_dump(services, allow_unicode=True))


@pytest.fixture
def modified(tmp_path):
    """A knowledge base loaded from a copy of data/ with one fact changed."""

    def load_with(change):
        target = tmp_path / "data"
        shutil.copytree(ROOT / "data", target)
        change(target)
        return load(target)

    return load_with


def verdict(query: str, kb):
    return decide(decode_query(query, TODAY, kb.services_with_own_form).answers, kb, TODAY)


def statuses(query: str, kb) -> dict[str, Status]:
    return {v.service: v.status for v in verdict(query, kb).services}


@pytest.mark.parametrize(
    ("change", "query", "before", "after"),
    [
        # Threads with a form of its own: the Instagram objection (before the start) no longer covers it
        (threads_gets_its_own_form, "age=34&svc=ig,th&obj_ig=2025-01-10", {"ig": PROTECTED, "th": PROTECTED},
         {"ig": PROTECTED, "th": IN_USE}),
        # ... and the link carries its objection (obj_th): ignored as an unknown key before, counted after
        (threads_gets_its_own_form, "age=34&svc=ig,th&obj_th=2025-08-01", {"ig": IN_USE, "th": IN_USE},
         {"ig": IN_USE, "th": PARTLY}),
        # the Facebook objection covers WhatsApp's Meta AI chats: protected before the start, partly after
        (facebook_objection_covers_whatsapp, "age=34&svc=fb,wa&ai=wa&obj_fb=2025-01-10",
         {"fb": PROTECTED, "wa": IN_USE}, {"fb": PROTECTED, "wa": PROTECTED}),
        (facebook_objection_covers_whatsapp, "age=34&svc=fb,wa&ai=wa&obj_fb=2025-08-01",
         {"fb": PARTLY, "wa": IN_USE}, {"fb": PARTLY, "wa": PARTLY}),
        # ... and with linked accounts, the Instagram objection reaches WhatsApp through Facebook
        (facebook_objection_covers_whatsapp, "age=34&svc=fb,ig,wa&ai=wa&linked=1&obj_ig=2025-01-10",
         {"fb": PROTECTED, "ig": PROTECTED, "wa": IN_USE}, {"fb": PROTECTED, "ig": PROTECTED, "wa": PROTECTED}),
        # a minor's Meta AI chats: Unclear only where they are all that could be used (affected_through, R4)
        (meta_ai_app_has_public_content, "age=15&svc=app,wa&ai=app,wa",
         {"app": UNCLEAR, "wa": UNCLEAR}, {"app": NOT_AFFECTED, "wa": UNCLEAR}),
    ],
)  # fmt: skip
def test_statuses_follow_the_data(modified, kb, change, query, before, after):
    """The same answers get the new status once the fact in data/ changes."""
    assert statuses(query, kb) == before
    assert statuses(query, modified(change)) == after


def test_threads_form_is_offered_for_threads(modified, kb):
    """With a form of its own, Threads is objected to directly, with its own form, not through Instagram."""
    query = "lang=en&age=34&svc=th"
    assert verdict(query, kb).actions[0].id == "object_threads"
    changed = modified(threads_gets_its_own_form)
    v = verdict(query, changed)
    assert (v.actions[0].id, v.actions[0].services) == ("object_service", ("th",))
    links = result_view(v, Texts(changed, "en")).actions[0].links
    assert [link.url for link in links] == ["https://www.threads.net/objection"]


def test_whatsapp_actions_follow_the_data(modified, kb):
    """Covered by the Facebook objection, WhatsApp gets the 'object on Facebook' step, and none once protected."""
    changed = modified(facebook_objection_covers_whatsapp)
    alone = [(a.id, a.services) for a in verdict("age=34&svc=wa&ai=wa", changed).actions]
    assert ("object_for_ai_chats", ("wa",)) in alone
    assert ("object_for_ai_chats", ("wa",)) not in [
        (a.id, a.services) for a in verdict("age=34&svc=wa&ai=wa", kb).actions
    ]
    protected = [a.id for a in verdict("age=34&svc=fb,wa&ai=wa&obj_fb=2025-01-10", changed).actions]
    # Protected only by a reported route: no objection step, but the chat levers stay (never
    # "nothing to do, your content is not used" on a protection nobody can confirm)
    assert protected == ["wa_stop_ai", "wa_delete_chats", "wa_chat_privacy", "wa_general_objection"]
    reasons = verdict("age=34&svc=fb,wa&ai=wa&obj_fb=2025-01-10", changed).service("wa").reasons
    assert reasons == ("reason.objected_before", "reason.follows_reported")


def test_confidence_of_a_link_is_data(modified, kb):
    """A 'reported' link drops the unclear point and says 'reported' instead of 'unclear'."""
    query = "age=34&svc=ig,th&obj_ig=2025-01-10"
    before = verdict(query, kb).service("th")
    after = verdict(query, modified(threads_link_is_reported)).service("th")
    assert ("F3" in before.unclear, "reason.follows_unclear" in before.reasons) == (True, True)
    assert ("F3" in after.unclear, "reason.follows_reported" in after.reasons) == (False, True)
    assert before.status == after.status == PROTECTED


def test_knowledge_api_for_the_pages_follows_the_data(modified, kb):
    """What the pages ask the knowledge base (which services have a form, which can be linked) is data too."""
    assert (kb.services_with_own_form, kb.accounts_center) == (("fb", "ig"), ("fb", "ig"))
    assert (kb.objection_forms("th"), kb.objection_forms("ms"), kb.objection_forms("wa")) == (
        ("object_ig",),
        ("object_fb", "object_ig"),  # Facebook or Instagram (R2)
        (),
    )
    changed = modified(threads_gets_its_own_form)
    assert changed.services_with_own_form == ("fb", "ig", "th")
    assert changed.objection_forms("th") == ("object_th",)
