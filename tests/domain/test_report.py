"""The downloads: the Markdown summary and the calendar reminders."""

import re
from datetime import date

import pytest
from icalendar import Calendar

from kicheck.link import decode_query
from kicheck.outputs import build_result
from tests.conftest import TODAY, long_date

LINK = "https://check.example/result?v=1"


def result(query, kb):
    return build_result(decode_query(query, TODAY).answers, kb, TODAY, LINK)


def test_markdown_has_date_answers_verdicts_actions_sources_and_version(kb):
    """The summary holds everything the page says, with real links."""
    md = result("lang=en&age=34&svc=fb,ig&pub=ig&obj_ig=2025-07-01", kb).markdown
    assert md.startswith("# Meta-KI-Check: your result")
    assert "As of: 29 November 2026" in md
    assert "- How old are you?: 34" in md
    assert "### Facebook: In use" in md and "### Instagram: Partly protected" in md
    assert "(https://www.facebook.com/help/contact/712876720715583)" in md
    assert "Unclear: Older posts after a late objection." in md
    sources = md.split("## Sources\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert (
        len(sources) == len(result("lang=en&age=34&svc=fb,ig&pub=ig&obj_ig=2025-07-01", kb).view.sources) > 3
    )
    assert all(
        re.fullmatch(r"- .+: \[.+\]\(https://[^ )]+\) – (confirmed|reported|unclear);.*", line)
        for line in sources
    )
    assert f"Knowledge version {kb.meta.version}, reviewed on {long_date(kb.meta.reviewed_on, 'en')}" in md
    assert LINK in md


def test_markdown_in_german(kb):
    """The export is translated too."""
    md = result("lang=de&age=34&svc=wa&ai=wa", kb).markdown
    assert "### WhatsApp: Wird genutzt" in md
    assert "Stand: 29. November 2026" in md


def events(ics: bytes):
    return [c for c in Calendar.from_ical(ics).walk() if c.name == "VEVENT"]


def test_minor_gets_a_reminder_when_turning_18(kb):
    """A 16-year-old is reminded on the earliest possible 18th birthday, told the range and to object on or
    after the day (an objection before it may not count, R4), never "about now"."""
    found = events(result("lang=en&age=16&svc=ig", kb).ics)
    assert found[0].decoded("dtstart") == date(2027, 11, 30)
    assert "18th birthday" in str(found[0].get("summary"))
    description = str(found[0].get("description"))
    assert "between 30 November 2027 and 29 November 2028" in description
    assert "on or after your 18th birthday" in description


def test_recent_objection_gets_a_confirmation_check_tomorrow(kb):
    """Whoever objected in the last two weeks (or should object now) is reminded to check the confirmation e-mail."""
    found = events(result("lang=de&age=40&svc=fb&obj_fb=2026-11-20", kb).ics)
    assert [e.decoded("dtstart") for e in found] == [date(2026, 11, 30)]
    assert "Bestätigungs-E-Mail" in str(found[0].get("summary"))
    assert LINK in str(found[0].get("description"))
    assert found[0].walk("VALARM")


def test_told_to_object_gets_a_confirmation_check_tomorrow(kb):
    """The reminder follows the verdict's decision: an objection action now means a check tomorrow."""
    found = events(result("lang=en&age=40&svc=fb", kb).ics)
    assert [e.decoded("dtstart") for e in found] == [date(2026, 11, 30)]


@pytest.mark.parametrize(
    "query",
    [
        "age=40&svc=wa",
        "age=40&svc=none",
        "age=15&svc=wa&ai=wa",
        # an objection 17 months ago: no "check the confirmation tomorrow", and nobody protected is told to object
        "age=40&svc=fb&obj_fb=2025-07-01",
        # with only one linked account's objection the other is told to object too (R7), so both here
        "age=40&svc=fb,ig&linked=1&obj_fb=2025-01-01&obj_ig=2025-01-01",
    ],
)
def test_no_reminder_where_none_fits(query, kb):
    """No made-up reminder: the .ics is offered only when one fits."""
    assert result(query, kb).ics is None
