"""What changed since a link was made, the "Stand" warning and the courts' status line (kicheck/changelog.py)."""

from datetime import date

import pytest

from kicheck.changelog import (
    changes_notice,
    entries_since,
    is_stale,
    proceedings_line,
    stale_notice,
    versions,
)
from kicheck.knowledge import ChangelogEntry, Text
from kicheck.texts import Texts


def entry(version, services, label):
    return ChangelogEntry(
        version=version, date=date(2026, 11, 29), text=Text(de=label, en=label), services=services
    )


# A changelog small enough to read: labels name what each entry touches.
LOG = (
    entry("2026.11-1", ("all",), "baseline"),
    entry("2026.11-2", ("fb",), "fb change"),
    entry("2026.11-2", ("wa",), "wa change"),
    entry("2026.11-2", (), "sources only"),
    entry("2026.12-1", ("all",), "everyone"),
    entry("2026.12-9", ("th",), "threads"),
    entry("2026.12-10", ("ig",), "instagram"),
)


@pytest.fixture
def small(kb):
    return kb.model_copy(update={"changelog": LOG})


@pytest.mark.parametrize(
    ("version", "services", "known", "labels"),
    [
        # no version, or one this knowledge never had: nobody can say what changed
        (None, {"fb"}, False, []),
        ("2025.01-1", {"fb"}, False, []),
        ("not-a-version", None, False, []),
        # a known version: only newer entries, only those touching the person's services (or everyone)
        ("2026.11-1", {"fb"}, True, ["fb change", "everyone"]),
        ("2026.11-1", {"wa"}, True, ["wa change", "everyone"]),
        ("2026.11-1", set(), True, ["everyone"]),
        (
            "2026.11-1",
            None,
            True,
            ["fb change", "wa change", "sources only", "everyone", "threads", "instagram"],
        ),
        ("2026.11-2", {"fb", "wa"}, True, ["everyone"]),
        # versions compare as numbers: 12-10 is newer than 12-9
        ("2026.12-9", {"th", "ig"}, True, ["instagram"]),
        # made with the current version: known, nothing to show
        ("2026.12-10", {"fb", "ig"}, True, []),
    ],
)
def test_entries_since(small, version, services, known, labels):
    """Only what the link has not seen, and only what concerns this person; unknown stays unknown."""
    changes = entries_since(small, version, services)
    assert changes.known is known
    assert [e.text.en for e in changes.entries] == labels


def test_real_changelog_since_the_baseline(kb):
    """A WhatsApp-only link of 2026.11-1 hears about R2, R3, R4 and R8, not about Instagram's tips; in 2026.11-3
    about own content vs others' posts, private chats (F8), WhatsApp's deletion and F25 wording (R3) and the
    "assumed" In use (R4), not about Messenger's and the app's Instagram route (R2)."""
    changes = entries_since(kb, "2026.11-1", {"wa"})
    assert changes.known
    # 2026.12-1 (knowledge v3): the age wording (R11), the "assumed" badge, the omnibus (R9) and WhatsApp's link
    assert [e.revision for e in changes.entries] == [
        *("R2", "R3", "R4", "R8", None, None, "R3", "R4"),
        *("R11", None, "R9", None),
    ]
    assert entries_since(kb, kb.meta.version, {"wa"}).entries == ()


@pytest.mark.parametrize(
    ("services", "revisions"),
    [
        # linked accounts: "Protected (not certain)" and the step that makes it certain (R7)
        ({"fb", "ig"}, ["R7", "R11", None, "R9", "R15"]),
        # Messenger's route is a reading of Meta's wording (R13), the Facebook form's two ids (R15)
        ({"ms"}, ["R13", "R11", None, "R9", "R15"]),
        ({"th"}, [None, "R11", None, "R9"]),
        # a link without an account (svc=none) hears what changed for it, nothing about services it lacks
        (set(), ["R11", None, "R9", None]),
    ],
)
def test_knowledge_v3_tells_an_old_link_what_changed_for_its_services(kb, services, revisions):
    """Issue 16: a link made with 2026.11-3 hears the v3 entries that touch its services, and only those."""
    changes = entries_since(kb, "2026.11-3", services)
    assert [e.revision for e in changes.entries] == revisions
    assert {e.version for e in changes.entries} == {"2026.12-1"}


def test_versions_newest_first(small):
    """The Sources page lists the changelog by version, newest first, with every entry of a version."""
    rows = versions(small)
    assert [v for v, _, _ in rows] == ["2026.12-10", "2026.12-9", "2026.12-1", "2026.11-2", "2026.11-1"]
    assert len(rows[3][2]) == 3


@pytest.mark.parametrize(
    ("today", "max_age", "stale"),
    [
        (date(2026, 12, 4), 120, False),  # the review day itself (knowledge v3)
        (date(2027, 4, 3), 120, False),  # exactly 120 days later: not yet "more than"
        (date(2027, 4, 4), 120, True),  # 121 days
        (date(2026, 12, 5), 0, True),
    ],
)
def test_is_stale(kb, today, max_age, stale):
    """The knowledge counts as stale only when its review is more than max_age days old."""
    assert kb.meta.reviewed_on == date(2026, 12, 4)
    assert is_stale(kb, today, max_age) is stale


def test_stale_notice_says_stand_plainly(kb):
    """With a fixed 'today' past the limit the result gets a plain warning with the review date; before, none."""
    assert stale_notice(Texts(kb, "de"), date(2026, 12, 6)) is None
    warning = stale_notice(Texts(kb, "de"), date(2027, 4, 10))
    assert warning.startswith("Stand: 4. Dezember 2026.") and "120 Tagen" in warning
    assert "4 December 2026" in stale_notice(Texts(kb, "en"), date(2027, 4, 10))


@pytest.mark.parametrize(
    ("version", "services", "lang", "start"),
    [
        (None, {"fb"}, "de", "In diesem Link steht nicht, mit welchem Wissensstand"),
        ("2026.11-1", {"wa"}, "en", "Your link was made with knowledge version 2026.11-1. Since then"),
        ("2026.11-3", {"wa"}, "en", "Your link was made with knowledge version 2026.11-3. Since then"),
        (
            "2026.12-1",
            {"wa"},
            "en",
            "Your link was made with knowledge version 2026.12-1. Nothing has changed",
        ),
    ],
)
def test_changes_notice(kb, version, services, lang, start):
    """Unknown, changed and unchanged each get their own sentence: an empty list never reads as 'no change'."""
    assert changes_notice(Texts(kb, lang), entries_since(kb, version, services)).startswith(start)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Stand 4. Dezember 2026: Bisher ist kein Urteil in einem Hauptsacheverfahren"),
        ("en", "As of 4 December 2026: no judgment in a main proceeding"),
    ],
)
def test_proceedings_line_carries_its_date(kb, lang, text):
    """The status line says what holds and since when, in the page language."""
    assert proceedings_line(Texts(kb, lang)).startswith(text)
