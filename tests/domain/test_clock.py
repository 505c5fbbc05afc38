"""The visitor's day: the browser's time zone, else Europe/Berlin; never the server's UTC."""

from datetime import UTC, date, datetime

import pytest

from kicheck.clock import DEFAULT_TIMEZONE, day_in, today_in, zone


@pytest.mark.parametrize(
    ("name", "utc", "day"),
    [
        # 00:30 in Berlin is already tomorrow, while UTC is still on today
        ("Europe/Berlin", datetime(2026, 11, 29, 23, 30, tzinfo=UTC), date(2026, 11, 30)),
        ("UTC", datetime(2026, 11, 29, 23, 30, tzinfo=UTC), date(2026, 11, 29)),
        # summer time: Berlin is UTC+2
        ("Europe/Berlin", datetime(2025, 7, 1, 22, 30, tzinfo=UTC), date(2025, 7, 2)),
        ("Europe/Berlin", datetime(2025, 7, 1, 21, 30, tzinfo=UTC), date(2025, 7, 1)),
        # west of UTC it is still yesterday
        ("America/New_York", datetime(2026, 11, 30, 3, 0, tzinfo=UTC), date(2026, 11, 29)),
        ("Pacific/Kiritimati", datetime(2026, 11, 29, 10, 30, tzinfo=UTC), date(2026, 11, 30)),
        # no time zone, or one no database knows: Berlin
        (None, datetime(2026, 11, 29, 23, 30, tzinfo=UTC), date(2026, 11, 30)),
        ("", datetime(2026, 11, 29, 23, 30, tzinfo=UTC), date(2026, 11, 30)),
        ("Mars/Olympus_Mons", datetime(2026, 11, 29, 23, 30, tzinfo=UTC), date(2026, 11, 30)),
        ("../../etc/passwd", datetime(2026, 11, 29, 23, 30, tzinfo=UTC), date(2026, 11, 30)),
        ("Europe/Berlin\x00", datetime(2026, 11, 29, 23, 30, tzinfo=UTC), date(2026, 11, 30)),
    ],
)
def test_day_in_the_visitors_time_zone(name, utc, day):
    """The calendar day at one instant depends on the visitor's time zone, with Berlin as the fallback."""
    assert day_in(name, utc) == day


def test_unknown_zone_falls_back_to_berlin():
    """A time zone name no database knows gives Europe/Berlin, not UTC and not an error."""
    assert zone("Not/A_Zone") == zone(DEFAULT_TIMEZONE)
    assert str(zone(None)) == DEFAULT_TIMEZONE


def test_today_in_is_a_date_near_the_utc_date():
    """today_in reads the clock: within a day of UTC's date."""
    utc_day = datetime.now(UTC).date()
    assert abs((today_in("Pacific/Kiritimati") - utc_day).days) <= 1
