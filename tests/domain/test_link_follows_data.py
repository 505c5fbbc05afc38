"""The share link's fixed values (a public contract) and the data behind them cannot drift apart unnoticed.

`pub=` takes the services that can be public, `ai=` those with Meta AI, `linked=` is about the Accounts Center
group, `before-start` means the last day before the training started: a copy of data/ that says otherwise fails
at load, naming file and key. (A form of its own follows the data: the link carries obj_<code> for each service
that has one, tests/domain/test_rules_as_data.py and tests/app/test_check_page_follows_data.py.)
"""

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from kicheck.answers import AI_CAPABLE, LATEST_BEFORE_START, PUBLIC_CAPABLE, Answers
from kicheck.knowledge import KnowledgeError, load
from kicheck.link import decode_query, encode, normalized
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def service(records: list[dict], code: str) -> dict:
    return next(r for r in records if r["code"] == code)


def threads_gets_meta_ai(raw: list[dict]) -> None:
    service(raw, "th")["categories"].append("ai_chats")


def whatsapp_loses_meta_ai(raw: list[dict]) -> None:
    wa = service(raw, "wa")
    wa["categories"].remove("ai_chats")


def messenger_posts_can_be_public(raw: list[dict]) -> None:
    service(raw, "ms")["categories"].append("public_posts")


def threads_joins_the_accounts_center(raw: list[dict]) -> None:
    service(raw, "th")["accounts_center"] = True


def training_starts_a_day_later(raw: dict) -> None:
    raw["training_start"] = "2025-05-28"


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        (
            "services.yaml",
            threads_gets_meta_ai,
            r"services\.yaml: th\.categories: a 'ai_chats' category, .*`ai=`",
        ),
        ("services.yaml", whatsapp_loses_meta_ai, r"services\.yaml: wa\.categories: no 'ai_chats' category"),
        (
            "services.yaml",
            messenger_posts_can_be_public,
            r"services\.yaml: ms\.categories: a 'public' .*`pub=`",
        ),
        (
            "services.yaml",
            threads_joins_the_accounts_center,
            r"services\.yaml: accounts_center: fb, ig, th, .*`linked=`",
        ),
        ("meta.yaml", training_starts_a_day_later, r"meta\.yaml: training_start: 2025-05-28, .*2025-05-26"),
    ],
)
def test_a_fact_the_link_cannot_carry_fails_at_load(tmp_path, file, change, message):
    """A copy of data/ whose fact disagrees with the link's fixed values is refused, naming file and key."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    raw = yaml.safe_load((data / file).read_text())
    change(raw)
    (data / file).write_text(yaml.safe_dump(raw, allow_unicode=True))
    with pytest.raises(KnowledgeError, match=message):
        load(data)


def test_the_link_values_are_the_datas(kb):
    """The shipped data agrees with the link (what the load check compares, read directly)."""
    used = {code: {kb.categories[c].used_when for c in s.categories} for code, s in kb.services.items()}
    assert tuple(code for code in used if "public" in used[code]) == PUBLIC_CAPABLE
    assert tuple(code for code in used if "ai_chats" in used[code]) == AI_CAPABLE
    assert kb.meta.training_start == LATEST_BEFORE_START + timedelta(days=1)


# The link's objection keys follow the services with a form of their own (Knowledge.services_with_own_form).
WITH_THREADS_FORM = ("fb", "ig", "th")


@pytest.mark.parametrize(
    ("query", "objection_services", "objections", "problems"),
    [
        # the shipped data (Facebook, Instagram): obj_th is no key of the format, listed and ignored as before
        ("svc=ig,th&obj_th=2025-08-01", ("fb", "ig"), {}, [("obj_th", "unknown_key")]),
        ("svc=ig,th&obj_ig=2025-08-01", ("fb", "ig"), {"ig": date(2025, 8, 1)}, []),
        # Threads with a form of its own in data/: obj_th is read like obj_ig, with the same checks
        ("svc=ig,th&obj_th=2025-08-01", WITH_THREADS_FORM, {"th": date(2025, 8, 1)}, []),
        ("svc=ig&obj_th=2025-08-01", WITH_THREADS_FORM, {}, [("obj_th", "not_used")]),
        (
            "svc=th&OBJ_TH=before-start",
            WITH_THREADS_FORM,
            {"th": LATEST_BEFORE_START},
            [("obj_th", "repaired_case")],
        ),
    ],
)
def test_objection_keys_follow_the_forms_in_data(query, objection_services, objections, problems):
    """obj_<code> is read for each service with a form of its own, and only for those."""
    decoded = decode_query(query, TODAY, objection_services)
    assert dict(decoded.answers.objections) == objections
    assert [(p.key, p.reason) for p in decoded.problems] == problems


def test_a_threads_objection_survives_its_link():
    """encode writes obj_th for a Threads objection, and decoding with Threads' form gives the same answers."""
    answers = normalized(
        Answers(services=frozenset({"ig", "th"}), objections={"th": date(2025, 8, 1)}), WITH_THREADS_FORM
    )
    link = encode(answers)
    assert "obj_th=2025-08-01" in link.split("&")
    decoded = decode_query(link, TODAY, WITH_THREADS_FORM)
    assert (decoded.answers, decoded.problems) == (answers, ())
