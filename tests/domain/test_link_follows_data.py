"""The share link's fixed values (a public contract) and the data behind them cannot drift apart unnoticed.

`pub=` takes the services that can be public, `ai=` those with Meta AI, `linked=` is about the Accounts Center
group, `before-start` means the last day before the training started: a copy of data/ that says otherwise fails
at load, naming file and key. (A form of its own follows the data: the link carries obj_<code> for each service
that has one, tests/domain/test_rules_as_data.py and tests/app/test_check_page_follows_data.py.)
"""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from kicheck.answers import AI_CAPABLE, LATEST_BEFORE_START, PUBLIC_CAPABLE
from kicheck.knowledge import KnowledgeError, load

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
