"""The browser's language, for a first visit whose link has no `lang=`.

A link's own `lang=` always wins (kicheck.link.link_language), and so does a language chosen earlier in the
session. Only without either does the page follow the browser: its first language (navigator.language), then
the languages it sends in Accept-Language, best first. The first one the check speaks (de or en) is taken;
a browser in neither gets None, and the caller stays with German.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kicheck.answers import LANGUAGES

# Accept-Language is a header anyone can craft: read only its first few entries, each only as far as needed.
MAX_ACCEPT_ENTRIES = 16
MAX_TAG_LENGTH = 35  # the longest well-formed language tags stay below this (RFC 5646, 4.4.1)


def primary_language(tag: str | None) -> str | None:
    """ "en-US" -> "en", "DE_at" -> "de"; None for anything that is not a language tag."""
    if not tag:
        return None
    tag = tag.strip()
    if not tag or len(tag) > MAX_TAG_LENGTH:
        return None
    primary = tag.replace("_", "-").split("-", 1)[0].lower()
    return primary if primary.isascii() and primary.isalpha() and 2 <= len(primary) <= 8 else None


def accept_language_tags(header: str | None) -> list[str]:
    """The tags of an Accept-Language header, best first (by q; ties in header order); q=0 left out."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for position, entry in enumerate(header.split(",")[:MAX_ACCEPT_ENTRIES]):
        tag, _, rest = entry.partition(";")
        quality = 1.0
        for parameter in rest.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0  # a broken weight: not a preference anyone stated
        if quality > 0 and tag.strip():
            weighted.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


def browser_language(
    locale: str | None, accept_language: str | None, languages: Sequence[str] = LANGUAGES
) -> str | None:
    """The first of the browser's languages the check speaks, or None when it speaks none of them."""
    candidates: Iterable[str | None] = [locale, *accept_language_tags(accept_language)]
    for tag in candidates:
        primary = primary_language(tag)
        if primary in languages:
            return primary
    return None
