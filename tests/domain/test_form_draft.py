"""The questionnaire's draft: how a link's answers become choices and the choices become answers."""

from __future__ import annotations

from datetime import date

import pytest

from kicheck.answers import LATEST_BEFORE_START
from kicheck.form_draft import Draft, answers_from_draft, draft_from_link, missing
from kicheck.link import decode_query, encode
from tests.conftest import TODAY


def link_draft(query: str) -> Draft:
    return draft_from_link(decode_query(query, TODAY), TODAY)


@pytest.mark.parametrize(
    "query",
    [
        "v=1.1&lang=de&age=34&svc=fb,ig,wa&pub=ig&ai=wa&linked=1&obj_fb=2025-07-14",
        "v=1.1&lang=de&age=16&bd=wrong&svc=ig&obj_ig=before-start",
        "v=1.1&lang=en&svc=fb,ig&linked=unknown&obj_fb=2024-06-20&obj_ig=2025-06-02",
        "v=1.1&lang=de&svc=fb,ig&linked=0",
        "v=1.1&lang=de&svc=none",
    ],
)
def test_a_link_survives_the_draft(query):
    """Link -> draft -> answers gives the link's answers back (nothing invented, nothing lost)."""
    decoded = decode_query(query, TODAY)
    assert answers_from_draft(link_draft(query), decoded.answers.lang) == decoded.answers


# (link, what the draft shows)
CHOICES = [
    # the day-unknown objection is "before 27 May 2025, day unknown", without a day; v1 wrote it as 26 May
    ("svc=fb&obj_fb=before-start", {"objection": {"fb": "by_deadline"}, "objection_day": {"fb": None}}),
    ("svc=fb&obj_fb=2025-05-26", {"objection": {"fb": "by_deadline"}, "objection_day": {"fb": None}}),
    (
        "svc=fb&obj_fb=2025-05-25",
        {"objection": {"fb": "on_date"}, "objection_day": {"fb": date(2025, 5, 25)}},
    ),
    ("svc=fb", {"objection": {"fb": "not_yet"}}),
    # linked: only what the link answered is chosen
    ("svc=fb,ig", {"linked": None}),
    ("svc=fb,ig&linked=0", {"linked": "no"}),
    ("svc=fb,ig&linked=1", {"linked": "yes"}),
    ("svc=fb,ig&linked=unknown", {"linked": "unknown"}),
    # an explicit no-account answer is a choice; a link without svc chooses nothing
    ("svc=none", {"services": ["none"]}),
    ("age=30", {"services": []}),
    # the birth date: the link's answer for a minor (missing = correct, as in v1); a link for an adult or
    # without an age never had the question, so changing the age to under 18 must not find it answered
    ("age=15&svc=ig", {"birthdate": "ok"}),
    ("age=15&bd=wrong&svc=ig", {"birthdate": "wrong"}),
    ("v=1.2&age=15&bd=unknown&svc=ig", {"birthdate": "unknown"}),
    ("age=40&svc=ig", {"birthdate": None}),
    ("svc=ig", {"birthdate": None}),
    # the age moves on with the link's day; when a birthday may have passed, it is asked, not assumed
    ("age=30&svc=fb&d=2026-11-29", {"age": 30, "age_on_link_day": None}),
    ("age=30&svc=fb&d=2025-11-29", {"age": 31, "age_on_link_day": None}),  # a year to the day
    ("age=30&svc=fb&d=2025-12-01", {"age": None, "age_on_link_day": (30, date(2025, 12, 1))}),
]


@pytest.mark.parametrize(("query", "shown"), CHOICES)
def test_link_answers_as_choices(query, shown):
    draft = link_draft(query)
    for name, value in shown.items():
        got = getattr(draft, name)
        assert ({k: got.get(k) for k in value} if isinstance(value, dict) else got) == value


ME = {"who": "self"}


@pytest.mark.parametrize(
    ("draft", "problems"),
    [
        (Draft(), ["who", "svc"]),
        (Draft(**ME), ["svc"]),
        (Draft(**ME, services=["none"]), []),
        # no answer the person did not choose counts: the objection and Meta AI questions need a choice
        (Draft(**ME, services=["fb"]), ["ai", "obj_fb"]),
        (Draft(**ME, services=["fb"], ai=["nowhere"], objection={"fb": "not_yet"}), []),
        (Draft(**ME, services=["fb"], ai=["unknown"], objection={"fb": "unknown"}), []),
        (Draft(**ME, services=["th"]), []),  # Threads has neither Meta AI nor a form of its own
        (Draft(**ME, services=["fb"], ai=["fb"], objection={"fb": "on_date"}), ["date_fb"]),
        (
            Draft(
                **ME,
                services=["fb"],
                ai=["fb"],
                objection={"fb": "on_date"},
                objection_day={"fb": date(2025, 7, 1)},
            ),
            [],
        ),
        (
            Draft(
                **ME, services=["fb", "ig"], ai=["nowhere"], objection={"fb": "by_deadline", "ig": "on_date"}
            ),
            ["linked", "date_ig"],
        ),
        # a hidden question (Instagram not chosen) is not asked
        (Draft(**ME, services=["fb"], ai=["nowhere"], objection={"fb": "not_yet", "ig": "on_date"}), []),
        # the profile's birth date is asked of a minor only, and never preselected
        (Draft(**ME, age=15, services=["none"]), ["bd"]),
        (Draft(**ME, age=15, birthdate="unknown", services=["none"]), []),
        (Draft(**ME, age=18, services=["none"]), []),
    ],
)
def test_missing_answers(draft, problems):
    """Every question shown needs a choice ("I don't know" is one); an objection "on this day" needs the day."""
    assert missing(draft) == problems


def test_uncertain_answers_stay_uncertain():
    """'I don't know' and an unanswered linked question are None; 'before 27 May' has no known day."""
    draft = Draft(services=["fb", "ig"], linked="unknown", objection={"fb": "by_deadline"})
    answers = answers_from_draft(draft, "de")
    assert answers.linked is None
    assert answers.objection("fb") == LATEST_BEFORE_START and not answers.objection_day_known("fb")
    assert answers_from_draft(Draft(services=["fb", "ig"]), "de").linked is None


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        # a parent who types 15, taps Instagram and answers "I don't know" about the profile: the safe side
        (
            Draft(
                who="child",
                age=15,
                birthdate="unknown",
                services=["ig"],
                ai=["nowhere"],
                objection={"ig": "not_yet"},
            ),
            "v=1.2&lang=de&who=child&age=15&bd=unknown&svc=ig",
        ),
        (
            Draft(who="self", age=40, services=["fb", "wa"], ai=["unknown"], objection={"fb": "unknown"}),
            "v=1.2&lang=de&age=40&svc=fb,wa&ai=unknown&obj_fb=unknown",
        ),
        # without a v1.2 answer the link is written as v1.1, as before
        (
            Draft(who="self", age=40, services=["fb"], ai=["nowhere"], objection={"fb": "not_yet"}),
            "v=1.1&lang=de&age=40&svc=fb",
        ),
    ],
)
def test_new_answers_reach_the_link(draft, expected):
    """ "For my child" and each "I don't know" reach the link as the v1.2 values, and come back from it."""
    answers = answers_from_draft(draft, "de")
    assert encode(answers) == expected
    back = draft_from_link(decode_query(expected, TODAY), TODAY)
    assert (back.who, back.birthdate, back.ai, back.objection) == (
        draft.who,
        draft.birthdate,  # an adult's link never had the birth-date question: it stays unanswered
        draft.ai,
        draft.objection,
    )
