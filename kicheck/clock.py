"""The visitor's day: dates in a link are judged by the calendar of the person reading it, not the server's.

The server runs on UTC; shortly after midnight in Germany it is still yesterday there, and an objection made
"today" would be "in the future". The browser's time zone decides; without one (or with a name no time-zone
database knows) the check's home, Europe/Berlin.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Europe/Berlin"
# Berlin's standard time, for a system without a time-zone database (never expected: tzdata is installed).
_BERLIN_STANDARD = timezone(timedelta(hours=1), "CET")


def zone(name: str | None) -> tzinfo:
    """The time zone of an IANA name such as "America/New_York"; Europe/Berlin when missing or unknown."""
    for candidate in (name, DEFAULT_TIMEZONE):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ValueError, KeyError, OSError, TypeError):  # unknown, malformed ("../x"), unreadable
                continue
    return _BERLIN_STANDARD


def day_in(name: str | None, now: datetime) -> date:
    """The calendar day it is at the (timezone-aware) instant `now` in the time zone called `name`."""
    return now.astimezone(zone(name)).date()


def today_in(name: str | None) -> date:
    """Today in the time zone called `name` (the visitor's browser), else in Europe/Berlin."""
    return day_in(name, datetime.now(UTC))
