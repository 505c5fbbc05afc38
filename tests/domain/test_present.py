"""The verdict in words: what the result page and the export say beyond the status."""

from datetime import date

import pytest

from kicheck.answers import decode_query
from kicheck.present import result_view
from kicheck.texts import Texts
from kicheck.verdict import decide
from tests.conftest import TODAY


def view(query: str, kb, today: date = TODAY):
    answers = decode_query(query, today).answers
    return result_view(decide(answers, kb, today), Texts(kb, answers.lang))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a link made on another day says which age it judges today
        ("lang=en&age=17&svc=fb&d=2025-10-29", "This link was made on 29 October 2025; you were 17 then. Today you are 18 or 19"),
        ("lang=de&age=17&svc=fb&d=2025-10-29", "damals waren Sie 17. Heute sind Sie 18 oder 19"),
        # a birthday that may still be ahead is not "you turned 18"
        ("lang=en&age=17&svc=fb&d=2026-05-29", "Your 18th birthday falls on a day between 30 May 2026 and 29 May 2027 – it may still be ahead"),
        ("lang=en&age=19&svc=fb", "You turned 18 after or around the start of training"),
    ],
)  # fmt: skip
def test_notes_say_how_the_age_is_judged(query, expected, kb):
    """The notes name the age judged today and whether the 18th birthday may still be ahead."""
    assert any(expected in note for note in view(query, kb).notes)


@pytest.mark.parametrize("query", ["lang=en&age=17&svc=fb&d=2026-11-29", "lang=en&age=17&svc=fb"])
def test_no_age_note_for_a_link_made_today(query, kb):
    """A link made today (or without a day) needs no word on the age."""
    assert not any("This link was made" in note for note in view(query, kb).notes)
