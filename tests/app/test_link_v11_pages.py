"""Share link v1.1 on the pages' side of ui/common: the visitor's day, and one language rule for page and link.

ui.common.today() is the visitor's day (browser time zone, else Europe/Berlin), not the server's UTC day;
current_lang() uses the decoder's link_language, so the page and the link's notice agree.
"""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
import streamlit as st

from kicheck import clock
from ui.common import today as visitor_today  # the real one: the pages' tests fix it to TODAY

# 23:30 UTC on 29 November: already 30 November in Berlin, still 29 November in New York.
INSTANT = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)


class _FrozenClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return INSTANT.astimezone(tz) if tz else INSTANT.replace(tzinfo=None)


@pytest.mark.parametrize(
    ("browser_zone", "day"),
    [
        (None, date(2026, 11, 30)),  # no zone sent: Berlin
        ("Europe/Berlin", date(2026, 11, 30)),
        ("America/New_York", date(2026, 11, 29)),
        ("UTC", date(2026, 11, 29)),
        ("No/Such_Zone", date(2026, 11, 30)),
    ],
)
def test_today_is_the_visitors_day(monkeypatch, browser_zone, day):
    """The page's today follows st.context.timezone, with Europe/Berlin when there is none or it is unknown."""
    monkeypatch.setattr(clock, "datetime", _FrozenClock)
    monkeypatch.setattr(st, "context", SimpleNamespace(timezone=browser_zone))
    assert visitor_today() == day


@pytest.mark.parametrize(
    ("query", "title", "notice"),
    [
        # the first lang counts, on the page as in the notice (v1: the page took the last one)
        (
            "lang=en&lang=de&age=30&svc=fb",
            "Does Meta use my data for AI?",
            "“lang” came more than once; “de” was ignored.",
        ),
        (
            "lang=%20en&age=30&svc=fb",
            "Does Meta use my data for AI?",
            "“lang”: the spaces around “ en” were removed.",
        ),
        ("LANG=en&age=30&svc=fb", "Does Meta use my data for AI?", "“LANG” was read as “lang”."),
    ],
)
def test_page_language_follows_the_decoders_rule(open_page, query, title, notice):
    """lang=en&lang=de, lang=%20en and LANG=en all give English, and the notice says what was repaired."""
    at = open_page("/", query)
    assert at.title[0].value == title
    at = open_page("/result", query)
    assert notice in [el.value for el in at.get_by_key("link-notice").text]
