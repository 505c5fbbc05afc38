"""The data protection authorities as a picker: German Länder first, then the EU/EEA countries (FACTS.md R8).

Pure functions over data/authorities.yaml; the result page renders the choice, the link may carry its id.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from babel import Locale

from kicheck.knowledge import Authority, Knowledge
from kicheck.texts import LOCALES

Group = Literal["land", "country"]


@dataclass(frozen=True)
class AuthorityOption:
    id: str
    group: Group  # "land": a German Land's authority; "country": a country's national authority
    region: str  # the Land or the country, in the page language
    name: str  # the authority's name, in the page language
    label: str  # what the picker shows: "Bayern – Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)"
    note: str = ""  # the authority's note in the page language (the BfDI: for Meta, the Land's is competent)


def country_name(code: str, lang: str) -> str:
    """AT -> Österreich / Austria (Babel's CLDR names, so no list of countries lives in this project)."""
    return Locale.parse(LOCALES.get(lang, LOCALES["de"])).territories.get(code, code)


def _sort_key(text: str) -> str:
    """Österreich sorts under O, as a German reader expects: accents folded, case ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _option(authority: Authority, lang: str) -> AuthorityOption:
    group: Group = "land" if authority.land is not None else "country"
    region = authority.land(lang) if authority.land is not None else country_name(authority.country, lang)
    name = authority.name(lang)
    note = authority.note(lang) if authority.note is not None else ""
    return AuthorityOption(authority.id, group, region, name, f"{region} – {name}", note)


def authority_options(knowledge: Knowledge, lang: str) -> tuple[AuthorityOption, ...]:
    """Every authority for a picker: the German Länder by name, then the countries by name (page language)."""
    options = [_option(a, lang) for a in knowledge.authorities.values()]
    lands = sorted((o for o in options if o.group == "land"), key=lambda o: _sort_key(o.region))
    countries = sorted((o for o in options if o.group == "country"), key=lambda o: _sort_key(o.region))
    return (*lands, *countries)


def authority_note(knowledge: Knowledge, authority_id: str | None, lang: str) -> str:
    """The chosen authority's note in the page language, "" when it has none (shown beside its link)."""
    authority = chosen_authority(knowledge, authority_id)
    if authority is None or authority.note is None:
        return ""
    return authority.note(lang)


def chosen_authority(knowledge: Knowledge, authority_id: str | None) -> Authority | None:
    """The authority with this id, or None when none was chosen or the id is unknown (the page says so)."""
    if authority_id is None:
        return None
    return knowledge.authorities.get(authority_id.strip().lower())
