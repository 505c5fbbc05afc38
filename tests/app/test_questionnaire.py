"""The questionnaire's draft: how a link's answers become choices and the choices become answers."""

from __future__ import annotations

from datetime import date

import pytest

from kicheck.answers import decode_query
from tests.conftest import TODAY
from ui.questionnaire import Draft, answers_from_draft, draft_from_answers, missing


def link_draft(query: str) -> Draft:
    decoded = decode_query(query, TODAY)
    return draft_from_answers(decoded.answers, "svc=" in query)


@pytest.mark.parametrize(
    "query",
    [
        "v=1&lang=de&age=34&svc=fb,ig,wa&pub=ig&ai=wa&linked=1&obj_fb=2025-07-14",
        "v=1&lang=de&age=16&bd=wrong&svc=ig&obj_ig=2025-05-26",
        "v=1&lang=en&svc=fb,ig&obj_fb=2024-06-20&obj_ig=2025-06-02",
        "v=1&lang=de&svc=none",
    ],
)
def test_a_link_survives_the_draft(query):
    """Link -> draft -> answers gives the link's answers back (nothing invented, nothing lost)."""
    decoded = decode_query(query, TODAY)
    assert answers_from_draft(link_draft(query), decoded.answers.lang) == decoded.answers


# (link, what the draft shows)
CHOICES = [
    # the day-unknown objection of a v1 link is shown as "before 27 May 2025, day unknown", without a day
    ("svc=fb&obj_fb=2025-05-26", {"objection": {"fb": "before_start"}, "objection_day": {"fb": None}}),
    (
        "svc=fb&obj_fb=2025-05-25",
        {"objection": {"fb": "on_date"}, "objection_day": {"fb": date(2025, 5, 25)}},
    ),
    ("svc=fb", {"objection": {"fb": "not_yet"}}),
    # linked: v1's absent value means "no" once both services are given; without both, unanswered
    ("svc=fb,ig", {"linked": "no"}),
    ("svc=fb,ig&linked=1", {"linked": "yes"}),
    ("svc=fb", {"linked": None}),
    # an explicit no-account answer is a choice, a missing svc is none
    ("svc=none", {"services": ["none"]}),
    ("age=30", {"services": []}),
]


@pytest.mark.parametrize(("query", "shown"), CHOICES)
def test_link_answers_as_choices(query, shown):
    draft = link_draft(query)
    for name, value in shown.items():
        got = getattr(draft, name)
        assert {k: got.get(k) for k in value} == value if isinstance(value, dict) else got == value


@pytest.mark.parametrize(
    ("draft", "problems"),
    [
        (Draft(), ["svc"]),
        (Draft(services=["none"]), []),
        (Draft(services=["fb"], objection={"fb": "on_date"}), ["obj_fb"]),
        (Draft(services=["fb"], objection={"fb": "on_date"}, objection_day={"fb": date(2025, 7, 1)}), []),
        (Draft(services=["fb", "ig"], objection={"fb": "before_start", "ig": "on_date"}), ["obj_ig"]),
        # a hidden question (Instagram not chosen) is not asked
        (Draft(services=["fb"], objection={"ig": "on_date"}), []),
    ],
)
def test_missing_answers(draft, problems):
    """Only a missing service choice and an objection day not given stop the result."""
    assert missing(draft) == problems


def test_dont_know_linked_is_read_on_the_safe_side():
    """'I don't know' for linked accounts never becomes a protection from the other account's objection."""
    draft = Draft(services=["fb", "ig"], linked="unknown", objection={"fb": "before_start"})
    assert answers_from_draft(draft, "de").linked is False
