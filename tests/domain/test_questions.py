"""The questionnaire's choices become answers, and a link's answers prefill the form; "don't know" stays."""

from datetime import date

import pytest

from kicheck import form_draft as form
from kicheck.answers import LATEST_BEFORE_START, Answers
from kicheck.form_draft import ObjectionChoice, Prefill
from kicheck.link import decode_query, encode
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("choice", "day", "expected"),
    [
        (ObjectionChoice.NOT_YET, None, (None, False)),
        (ObjectionChoice.BEFORE_START, None, (LATEST_BEFORE_START, True)),
        (ObjectionChoice.ON_DATE, date(2025, 7, 1), (date(2025, 7, 1), False)),
    ],
)
def test_objection_from_choice(choice, day, expected):
    """ "By the deadline" is an objection with an unknown day, never a made-up date."""
    assert form.objection_from_choice(choice, day) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("svc=fb", Prefill(ObjectionChoice.NOT_YET, None)),
        ("svc=fb&obj_fb=before-start", Prefill(ObjectionChoice.BEFORE_START, None)),
        ("svc=fb&obj_fb=2025-05-26", Prefill(ObjectionChoice.BEFORE_START, None)),  # what the v1 form wrote
        ("svc=fb&obj_fb=2025-07-01", Prefill(ObjectionChoice.ON_DATE, date(2025, 7, 1))),
    ],
)
def test_objection_prefill(query, expected):
    """The objection radio and date field a link opens with."""
    assert form.objection_prefill(decode_query(query, TODAY).answers, "fb") == expected


@pytest.mark.parametrize(
    ("choice", "linked"),
    [("yes", True), ("no", False), ("unknown", None), (None, None)],
)
def test_linked_answer(choice, linked):
    """The linked radio: yes, no, and "I don't know" or no choice as None."""
    assert form.linked_answer(choice) is linked


@pytest.mark.parametrize(
    ("query", "choice"),
    [
        ("svc=fb,ig&linked=1", "yes"),
        ("svc=fb,ig&linked=0", "no"),
        ("svc=fb,ig&linked=unknown", "unknown"),
        ("svc=fb,ig", None),  # a v1 link without the key: the form asks instead of presetting "no"
        ("svc=fb,ig&linked=maybe", None),
        ("svc=fb&linked=1", None),
    ],
)
def test_linked_prefill(query, choice):
    """The linked radio a link opens with; nothing preselected when the link did not answer."""
    assert form.linked_prefill(decode_query(query, TODAY)) == choice


def test_form_with_unknowns_makes_a_v11_link():
    """Answers from the form keep both "don't know"s, and the link says them as values."""
    a = form.answers_from_form(
        "de", 30.0, False, ["fb", "ig"], [], [], None, {}, objected_before_start=["ig"]
    )
    assert a == Answers(
        age=30,
        services=frozenset({"fb", "ig"}),
        linked=None,
        objections={"ig": LATEST_BEFORE_START},
        objected_before_start=frozenset({"ig"}),
    )
    assert "linked=unknown&obj_ig=before-start" in encode(a)
