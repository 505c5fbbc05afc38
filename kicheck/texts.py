"""Choosing and filling the texts for one language: UI strings, dates, service names, lists.

Pages and exports get every visible word from here (from data/i18n/*.yaml and the content files), so both
languages stay complete and the same code renders both.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from kicheck.knowledge import Knowledge, Text
from kicheck.verdict import DateRange, Window

LOCALES = {"de": "de_DE", "en": "en_GB"}


@functools.lru_cache(maxsize=8192)
def _long_date(day: date, locale: str) -> str:
    """Babel parses locale and pattern on every call; a page shows the same few dates again and again."""
    return format_date(day, format="long", locale=locale)


@dataclass(frozen=True)
class Texts:
    knowledge: Knowledge
    lang: str
    # A parent checking for their child: texts with a parent's wording (i18n/<lang>.child.yaml) replace the
    # person's own ("Wie alt ist Ihr Kind?" instead of "Wie alt sind Sie?").
    for_child: bool = False

    @property
    def locale(self) -> str:
        return LOCALES.get(self.lang, LOCALES["de"])

    def __call__(self, key: str, /, **params: object) -> str:
        """The UI text for `key`, with {placeholders} filled. A missing key is a bug the tests catch."""
        text = self.knowledge.texts[self.lang][key]
        if self.for_child:
            text = self.knowledge.texts_for_child.get(self.lang, {}).get(key, text)
        return text.format(**params) if params else text

    def pick(self, text: Text) -> str:
        return text(self.lang)

    def date(self, day: date) -> str:
        """27. Mai 2025 / 27 May 2025."""
        return _long_date(day, self.locale)

    def month(self, yyyy_mm: str) -> str:
        """2026-11 -> November 2026."""
        year, month = (int(p) for p in yyyy_mm.split("-"))
        return format_skeleton("yMMMM", date(year, month, 1), locale=self.locale)

    def range(self, span: DateRange) -> str:
        if span.exact:
            return self.date(span.earliest)
        return self("date.between", earliest=self.date(span.earliest), latest=self.date(span.latest))

    def window(self, window: Window) -> str:
        if window.start.exact:
            start = self.date(window.start.earliest)
            if window.end is None:
                return self("window.open", start=start)
            return self("window.closed", start=start, end=self.date(window.end))
        # From the 18th birthday, known only as a range.
        earliest, latest = self.date(window.start.earliest), self.date(window.start.latest)
        if window.end is None:
            return self("window.open_range", earliest=earliest, latest=latest)
        return self("window.closed_range", earliest=earliest, latest=latest, end=self.date(window.end))

    def service(self, code: str) -> str:
        return self.knowledge.services[code].name

    def services(self, codes: tuple[str, ...] | list[str]) -> str:
        """Facebook, Instagram und WhatsApp / Facebook, Instagram and WhatsApp."""
        names = [self.service(c) for c in codes]
        return format_list(names, locale=self.locale) if names else ""

    def status(self, status: str) -> str:
        return self(f"status.{status}")

    def confidence(self, confidence: str) -> str:
        return self(f"confidence.{confidence}")
