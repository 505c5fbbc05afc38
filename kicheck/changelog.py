"""How current the knowledge is: what changed since a link was made, is the review stale, where courts stand.

Pure functions over data/changelog.yaml and data/meta.yaml. A shared link carries the knowledge version it was
made with (`k=`); opening it later shows the entries since then that touch the person's services, so a result
can be trusted months later. The texts are in data/i18n (keys `knowledge.*`, `changes.*`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from kicheck.answers import NO_SERVICE
from kicheck.knowledge import ALL_SERVICES, ChangelogEntry, Knowledge, version_key
from kicheck.texts import Texts

MAX_AGE_DAYS = 120  # issue 9: older than this, every result says the knowledge may be out of date


@dataclass(frozen=True)
class ChangesSince:
    """The changelog entries a link made with `version` has not seen.

    `known` is False when the link names no version, or one this knowledge never had: then nobody can say what
    changed, and the page must say so instead of showing nothing (which would read as "nothing changed").
    """

    version: str | None
    known: bool
    entries: tuple[ChangelogEntry, ...]


def is_known_version(knowledge: Knowledge, version: str | None) -> bool:
    return version is not None and any(e.version == version for e in knowledge.changelog)


def touches(entry: ChangelogEntry, services: Iterable[str] | None) -> bool:
    """Whether a change concerns a person with these services (None: every service counts)."""
    if services is None or ALL_SERVICES in entry.services:
        return True
    wanted = set(services) or {NO_SERVICE}  # no service named: a person without a Meta account
    return bool(set(entry.services) & wanted)


def entries_since(
    knowledge: Knowledge, version: str | None, services: Iterable[str] | None = None
) -> ChangesSince:
    """Entries newer than `version` touching `services` (None = all), oldest first; unknown -> known=False."""
    if not is_known_version(knowledge, version):
        return ChangesSince(version, False, ())
    since = version_key(version)
    wanted = None if services is None else tuple(services)
    newer = tuple(e for e in knowledge.changelog if version_key(e.version) > since and touches(e, wanted))
    return ChangesSince(version, True, newer)


def versions(knowledge: Knowledge) -> tuple[tuple[str, date, tuple[ChangelogEntry, ...]], ...]:
    """The whole changelog grouped by version, newest first: (version, date, entries) for the Sources page."""
    grouped: dict[str, list[ChangelogEntry]] = {}
    for entry in knowledge.changelog:
        grouped.setdefault(entry.version, []).append(entry)
    rows = [(v, max(e.date for e in es), tuple(es)) for v, es in grouped.items()]
    return tuple(sorted(rows, key=lambda row: version_key(row[0]), reverse=True))


def is_stale(knowledge: Knowledge, today: date, max_age_days: int = MAX_AGE_DAYS) -> bool:
    """True when the knowledge was last reviewed more than `max_age_days` days before `today`."""
    return today - knowledge.meta.reviewed_on > timedelta(days=max_age_days)


def stale_notice(t: Texts, today: date, max_age_days: int = MAX_AGE_DAYS) -> str | None:
    """The plain "Stand" warning every result shows when the review is too old; None while it is fresh."""
    if not is_stale(t.knowledge, today, max_age_days):
        return None
    return t("knowledge.stale", reviewed=t.date(t.knowledge.meta.reviewed_on), days=max_age_days)


def changes_notice(t: Texts, changes: ChangesSince) -> str:
    """The sentence above the changes: made with an unknown version / nothing changed / these changed."""
    if not changes.known:
        return t("changes.unknown")
    if not changes.entries:
        return t("changes.none", version=changes.version)
    return t("changes.some", version=changes.version)


def proceedings_line(t: Texts) -> str:
    """ "As of 29 November 2026: no judgment in a main proceeding ..." with its date, in the page language."""
    status = t.knowledge.meta.proceedings
    return t.pick(status.text).format(date=t.date(status.as_of))
