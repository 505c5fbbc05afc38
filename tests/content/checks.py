"""The content checks over data/, in one registry (after datenanfragen/data's checks).

Each check has a name, says what it protects, and returns the places it finds wrong ("facts.yaml:F6.text"),
so a failure names the file and the key. Checks about wording read every text of every file through one
walker, `every_text`: a text added to any model is read without anyone remembering to add it here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from kicheck.knowledge import Knowledge, Text

# ---------------------------------------------------------------------------------------------- the walker

# Where each part of the knowledge base is read from. A new part of Knowledge without a file here stops the
# walker (KeyError) instead of going unread.
FILES = {
    "meta": "meta.yaml",
    "sources": "sources.yaml",
    "retired_sources": "sources.yaml",
    "facts": "facts.yaml",
    "forms": "forms.yaml",
    "services": "services.yaml",
    "categories": "categories.yaml",
    "events": "events.yaml",
    "actions": "actions.yaml",
    "authorities": "authorities.yaml",
    "changelog": "changelog.yaml",
    "texts": "i18n/{lang}.yaml",
    "texts_for_child": "i18n/{lang}.child.yaml",
}
LANGS = ("de", "en")


def every_text(k: Knowledge) -> Iterator[tuple[str, str, str]]:
    """Every text the app can show, as (where, language, text): the i18n files and every bilingual Text in
    every content file, nested ones included (claims, authority notes, a retired source's reason, tips)."""
    for part in Knowledge.model_fields:
        value = getattr(k, part)
        if part in ("texts", "texts_for_child"):
            for lang, entries in value.items():
                file = FILES[part].format(lang=lang)
                yield from ((f"{file}:{key}", lang, text) for key, text in entries.items())
            continue
        for where, text in _texts_in(_records(part, value)):
            yield from ((f"{FILES[part]}:{where}", lang, text(lang)) for lang in LANGS)


def _records(part: str, value: object) -> object:
    """The records of one file by the name a message gives them: ids as in the file; events by their date
    (the loader sorts them); changelog entries by their place in the file, as the loader names them."""
    if part == "events":
        return {str(e.date): e for e in value}
    if part == "changelog":
        return {f"[{i}]": e for i, e in enumerate(value)}
    return value


def _texts_in(value: object, path: str = "") -> Iterator[tuple[str, Text]]:
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts_in(getattr(value, name), _join(path, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_in(item, _join(path, str(key)))
    elif isinstance(value, tuple):  # a list inside a record (a fact's claims): by position
        for i, item in enumerate(value):
            yield from _texts_in(item, _join(path, str(i)))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


# ---------------------------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Check:
    name: str
    protects: str
    run: Callable[[Knowledge], list[str]]


CHECKS: dict[str, Check] = {}


def check(protects: str) -> Callable[[Callable[[Knowledge], list[str]]], Callable[[Knowledge], list[str]]]:
    """Register a function as a named content check; its name is the function's."""

    def register(run: Callable[[Knowledge], list[str]]) -> Callable[[Knowledge], list[str]]:
        CHECKS[run.__name__] = Check(run.__name__, protects, run)
        return run

    return register


# ---------------------------------------------------------------------------------------------- plain text

# Marks Markdown would read as formatting (bold, emphasis, code, a link, a list line, a heading, a Streamlit
# directive). The result page draws the actions and the reasons as escaped HTML, where they would stand as
# typed; the other content texts are plain text in the summary download and the calendar file.
MARKDOWN_MARKS = re.compile(r"\*\*|__|`|\]\(|(^|\n)\s*([-+*]|\d+\.|#+)\s|:[a-z-]+\[")


@check("Content texts are plain text: the page shows them as written, in HTML as in the downloads.")
def content_texts_hold_no_markdown(k: Knowledge) -> list[str]:
    return [
        f"{where} ({lang})"
        for where, lang, text in every_text(k)
        if not where.startswith("i18n/") and MARKDOWN_MARKS.search(text)
    ]


# ---------------------------------------------------------------------------------------------- sources


def _source_lists(k: Knowledge) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every list of source ids in the content files, with where it sits."""
    for fid, f in k.facts.items():
        yield f"facts.yaml:{fid}.sources", f.sources
        for i, c in enumerate(f.claims):
            yield f"facts.yaml:{fid}.claims.{i}.sources", c.sources
    for e in k.events:
        yield f"events.yaml:{e.date}.sources", e.sources
    for aid, a in k.actions.items():
        yield f"actions.yaml:{aid}.links", a.links
    yield "meta.yaml:proceedings.sources", k.meta.proceedings.sources
    for aid, a in k.authorities.items():
        yield f"authorities.yaml:{aid}.sources", a.sources


@check("A source nothing cites is either dead weight or a fact that lost its evidence.")
def every_source_is_used(k: Knowledge) -> list[str]:
    used = {s for _, ids in _source_lists(k) for s in ids}
    return sorted(set(k.sources) - used)


@check("A republished copy (S6 = S5) next to its original would look like two independent sources.")
def one_article_never_counts_as_two(k: Knowledge) -> list[str]:
    return [where for where, ids in _source_lists(k) if len(k.independent(ids)) < len(ids)]


@check("The consumer centres' article republished by another site stays marked as the same source.")
def the_syndicated_consumer_article_is_marked(k: Knowledge) -> list[str]:
    return [] if k.sources["S6"].same_as == "S5" else ["sources.yaml:S6.same_as"]


# The fact ids and confidences the rules and pages build on (FACTS.md and its "Revisions").
FIXED_FACTS = {
    "F16": "unclear",  # R1: earlier public content after a late objection
    "F20": "reported",  # R2: Messenger and Meta AI app chats follow the FB/IG objection
    "F25": "unclear",  # FB/IG objection vs Meta AI chats in WhatsApp
    "F26": "unclear",  # WhatsApp's general objection route
    "F27": "reported",  # deleting the chat vs asking Meta to delete (/reset-ai)
    "F28": "unclear",  # minors' chats with Meta AI
    "F29": "confirmed",  # practical objection tips (R7)
}


@check("A fact the rules rely on keeps its id and the confidence FACTS.md gives it.")
def fixed_fact_ids_keep_their_confidence(k: Knowledge) -> list[str]:
    return [
        f"facts.yaml:{fid}.confidence"
        for fid, conf in FIXED_FACTS.items()
        if fid not in k.facts or k.facts[fid].confidence != conf
    ]


# ---------------------------------------------------------------------------------------------- forms


@check("Every form in forms.yaml is offered by an action or as a service's own form.")
def every_form_is_offered(k: Knowledge) -> list[str]:
    offered = {f for a in k.actions.values() for f in a.forms}
    offered |= {s.own_form for s in k.services.values() if s.own_form}
    return sorted(f"forms.yaml:{f}" for f in set(k.forms) - offered)


@check("A form link goes to Meta's own pages over HTTPS, never to a look-alike host.")
def forms_use_https_on_meta_hosts(k: Knowledge) -> list[str]:
    meta_hosts = r"https://(www\.facebook\.com|help\.instagram\.com|www\.whatsapp\.com)/"
    return [f"forms.yaml:{f.id}.url" for f in k.forms.values() if not re.match(meta_hosts, f.url)]


@check("WhatsApp has no AI objection form (R3): its route is the general one, never a form of its own.")
def whatsapp_has_no_form(k: Knowledge) -> list[str]:
    return [] if k.services["wa"].objection is None else ["services.yaml:wa.objection"]


# ---------------------------------------------------------------------------------------------- authorities

# the 27 EU member states, then Iceland, Liechtenstein, Norway (EEA)
EU_EEA = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"}  # fmt: skip
LAENDER = {"bw", "by", "be", "bb", "hb", "hh", "he", "mv", "ni", "nw", "rp", "sl", "sn", "st", "sh", "th"}


@check("16 German Länder plus one national authority per EU/EEA country: nothing missing, nothing extra.")
def authorities_cover_every_land_and_country(k: Knowledge) -> list[str]:
    lands = {a.id.removeprefix("de-") for a in k.authorities.values() if a.land is not None}
    countries = [a.country for a in k.authorities.values() if a.land is None]
    problems = [f"authorities.yaml: Land missing: {c}" for c in sorted(LAENDER - lands)]
    problems += [f"authorities.yaml: not a Land: {c}" for c in sorted(lands - LAENDER)]
    problems += [f"authorities.yaml: country missing: {c}" for c in sorted(EU_EEA - set(countries))]
    problems += [f"authorities.yaml: not EU/EEA: {c}" for c in sorted(set(countries) - EU_EEA)]
    problems += [f"authorities.yaml: country twice: {c}" for c in sorted({c for c in countries if countries.count(c) > 1})]  # fmt: skip
    if len(k.authorities) != len(LAENDER) + len(EU_EEA):
        problems.append(f"authorities.yaml: {len(k.authorities)} authorities, expected {len(LAENDER) + len(EU_EEA)}")  # fmt: skip
    return problems


@check("Each authority's complaint link is HTTPS and its own (a copied link sends people to the wrong one).")
def authority_links_are_https_and_distinct(k: Knowledge) -> list[str]:
    urls = [a.url for a in k.authorities.values()]
    bad = [f"authorities.yaml:{a.id}.url" for a in k.authorities.values() if not a.url.startswith("https://")]
    return bad + [f"authorities.yaml: twice: {u}" for u in sorted({u for u in urls if urls.count(u) > 1})]


# ---------------------------------------------------------------------------------------------- changelog

BASELINE = "2026.11-1"  # the first knowledge version: every link's `k` is this one or later


@check("A link's 'what changed since' starts at the baseline, reaches meta.yaml's version, lists R1-R8.")
def changelog_reaches_the_current_version(k: Knowledge) -> list[str]:
    revisions = {e.revision for e in k.changelog if e.revision}
    problems = [f"changelog.yaml: revision missing: R{n}" for n in range(1, 9) if f"R{n}" not in revisions]
    if k.changelog[0].version != BASELINE:
        problems.append(f"changelog.yaml:[0].version: the baseline {BASELINE} is not the first entry")
    if k.changelog[-1].version != k.meta.version:
        problems.append(f"changelog.yaml:[{len(k.changelog) - 1}].version: not meta.yaml's version")
    return problems


# ---------------------------------------------------------------------------------------------- wording

# Words that once said more than the sources, or read badly in German; every text of every file is read for
# them (lower-case words match any case, words with a capital letter match exactly: "Lives", not "lives").
# changelog.yaml is the one exception: it quotes what was removed ("„Lives“ gestrichen").
NEVER_SAYS = [
    # R1: a late objection is never "protected since"; the UI's "protected since" is for timely ones only
    ("de", "seitdem geschützt", "R1: a late objection protects only from its date on"),
    ("en", "protected ever since", "R1: a late objection protects only from its date on"),
    # R3: WhatsApp has no AI-specific form, but a general route: never "no form at all"
    ("de", "whatsapp hat kein widerspruchsformular", "R3: WhatsApp has a general objection route"),
    ("en", "whatsapp has no objection form", "R3: WhatsApp has a general objection route"),
    # R4: no source says an objection made before 18 holds at 18
    ("de", "gilt weiter, wenn sie 18", "R4: no source says an objection before 18 holds at 18"),
    ("en", "still holds when you turn 18", "R4: no source says an objection before 18 holds at 18"),
    # R5: "Lives" is in no source (in English, "where you live" is fine; the format "Lives" is not)
    ("de", "lives", "R5: no source lists Lives"),
    ("en", "Lives", "R5: no source lists Lives"),
    # German that read as legalese or misled (plain-language review)
    ("de", "daten ihrer widersprüche", "plain German: the objection's data"),
    ("de", "personen über 18", "plain German: 'ab 18', not 'über 18' (18-year-olds count)"),
    ("de", "wie ein erwachsener", "plain German: the rules judge the age, not 'like an adult'"),
    ("de", "meta ai schreiben?", "plain German: one writes 'an Meta AI'"),
    # the questionnaire's "before the start, day unknown" is before 27 May, not "by 26 May"
    ("de", "bis zum 26. mai 2025 (tag unbekannt)", "the unknown day is before the start, not a date"),
    ("en", "by 26 may 2025 (day unknown)", "the unknown day is before the start, not a date"),
    # German dates in prose take the article: "seit dem 27. Mai", "vom 27. Mai bis"
    ("de", "genutzt seit {start}", "German dates take the article: 'seit dem'"),
    ("de", "genutzt von {start}", "German dates take the article: 'vom'"),
    # F21: "your data" is not protected, only your own content
    ("de", "meta nutzt ihre daten nach ihren angaben nicht", "F21: only your own content is protected"),
    ("de", "ihre daten derzeit nicht für ki-training", "F21: only your own content is protected"),
    ("de", "werden ihre daten derzeit nicht für metas ki-training genutzt", "F21: only your own content"),
    ("en", "meta does not use your data for ai training", "F21: only your own content is protected"),
    ("en", "your data is not used for meta's ai training", "F21: only your own content is protected"),
    # F8: private chats are not used, unless someone in the chat shares them with Meta AI
    ("de", "private chats nicht.", "F8: unless someone in the chat shares them with Meta AI"),
    ("en", "private chats are not.", "F8: unless someone in the chat shares them with Meta AI"),
    ("de", "was sie nicht schreiben, kann nicht genutzt werden", "F8: others can share your messages"),
    ("en", "what you do not write cannot be used", "F8: others can share your messages"),
    # German "darf/dürfen" reads as "is lawful"; only the disputed F16 sentences keep "darf womöglich"
    ("de", "darf genutzt werden", "'darf' reads as 'lawful'"),
    ("de", "dürfen erst ab", "'dürfen' reads as 'lawful'"),
    ("de", "genutzt werden durften", "'durften' reads as 'lawful'"),
    ("de", "genutzt werden dürfen", "'dürfen' reads as 'lawful'"),
    # F23: making private or deleting keeps out only what has not been used yet
    ("de", "kann in späterem training nicht mehr verwendet werden", "F23: only what was not used yet"),
    ("en", "cannot be used in later training", "F23: only what was not used yet"),
    # "nothing to do" is shown to adults, who have no 18th birthday ahead
    ("de", "oder ihr 18. geburtstag", "'nothing to do' is shown to adults too"),
    ("en", "or your 18th birthday", "'nothing to do' is shown to adults too"),
    # F17/R3: WhatsApp has no AI objection form, but a general GDPR route: never "no way to object"
    ("de", "keine widerspruchsmöglichkeit", "F17/R3: WhatsApp's general route exists"),
    ("en", "no way to object", "F17/R3: WhatsApp's general route exists"),
    # R3: deleting the chat removes it from the phone; nothing says it "only" does
    ("de", "entfernt ihn nur von ihrem telefon", "R3: nothing says deleting 'only' removes it locally"),
    ("en", "only removes it from your phone", "R3: nothing says deleting 'only' removes it locally"),
    # the Cologne court said a main case may follow; none is "announced"; SOMI's action runs
    ("de", "hauptsacheverfahren sind angekündigt", "courts: no main proceedings announced"),
    ("en", "main proceedings have been announced", "courts: no main proceedings announced"),
    # R9: nothing may suggest that the GDPR changed or that the objection works differently
    ("de", "die dsgvo wurde geändert", "R9: the GDPR was not amended"),
    ("en", "the gdpr was amended", "R9: the GDPR was not amended"),
    ("de", "stand juni 2026: weiter ein entwurf", "R9: the omnibus is a proposal, not a law"),
    # R11: "Meta decides by the profile" is no flat fact any more
    ("de", "meta richtet sich nach dem", "R11: Meta also estimates ages"),
    ("en", "meta goes by the", "R11: Meta also estimates ages"),
    # R12: the under-18 exclusion is about public content
    ("de", "meta nutzt nur daten aus konten von personen ab 18", "R12: the exclusion is about public content"),
    ("en", "meta only uses data from accounts of people aged 18", "R12: the exclusion is about public content"),
    ("de", "nur konten von personen ab 18 jahren sind einbezogen", "R12: the exclusion is about public content"),
    ("en", "only accounts of people aged 18 or older are included", "R12: the exclusion is about public content"),
    # R13: Messenger and the app through a Facebook/Instagram objection is a reading, not Meta's own account
    ("de", "nach metas eigenen angaben hier mit", "R13: a reading of Meta's wording, not its statement"),
    ("en", "by meta's own account", "R13: a reading of Meta's wording, not its statement"),
    # R14: SOMI's action is SOMI's statement
    ("de", "seit februar 2026 läuft eine sammelklage", "R14: SOMI's action is SOMI's statement"),
    ("en", "collective action for damages in germany has been running", "R14: SOMI's action is SOMI's statement"),
    # "assumed to be safe" says the opposite of "zur Sicherheit angenommen"
    ("en", "assumed to be safe", "'assumed, to be on the safe side' is meant"),
]  # fmt: skip
QUOTES_WHAT_WAS_REMOVED = "changelog.yaml:"


def never_says(lang: str, words: str, why: str) -> Check:
    exact = words != words.lower()

    def run(k: Knowledge) -> list[str]:
        return [
            f"{where}: {why}"
            for where, text_lang, text in every_text(k)
            if text_lang == lang
            and not where.startswith(QUOTES_WHAT_WAS_REMOVED)
            and words in (text if exact else text.lower())
        ]

    return Check(f"never_says[{lang}:{words}]", why, run)


CHECKS.update((c.name, c) for c in (never_says(*row) for row in NEVER_SAYS))
