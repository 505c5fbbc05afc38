"""The share-link codec, format v1.2: the person's answers (kicheck/answers.py) as a link and back.

The link is a public contract: links people shared must keep working and keep their meaning. The format (keys,
codes, dates) is documented in README.md; `encode` writes the one canonical form, `decode` reads anything and
never raises. Invalid values are dropped, mangled keys repaired, and both reported as `Problem`s, which the
result page lists in a notice. v1.1 only adds to v1, and v1.2 only to v1.1: every older link decodes to the
same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from urllib.parse import parse_qsl, quote

from kicheck.answers import (
    AI_CAPABLE,
    DEFAULT_LANG,
    EARLIEST_OBJECTION,
    LANGUAGES,
    LATEST_BEFORE_START,
    MAX_AGE,
    NO_SERVICE,
    OBJECTION_CAPABLE,
    PUBLIC_CAPABLE,
    SERVICES,
    WHO_VALUES,
    Answers,
    ordered,
)

# encode writes 1.1, so a link with v1.1 values ("before-start", "unknown", d, k) says it needs a v1.1 reader;
# a v1 link (v=1 or no v) means exactly what it meant. A link that carries a v1.2 value (who=child,
# bd=unknown, obj_*=unknown, ai=unknown) says 1.2; every other link is written exactly as before, as 1.1.
FORMAT_VERSION = "1.1"
FORMAT_VERSION_12 = "1.2"
READABLE_VERSIONS = ("1", "1.1", "1.2")
BEFORE_START = "before-start"  # the link value of an objection before the start, day unknown
# Links carry the day they were made (d=) since v1.1; no link can be older than the check itself.
EARLIEST_MADE_ON = date(2025, 1, 1)
# The knowledge base's version (data/meta.yaml), e.g. 2026.11-1: year, month, running number.
KNOWLEDGE_VERSION_RE = re.compile(r"[0-9]{4}\.[0-9]{2}-[0-9]{1,4}")
LINKED_VALUES = {"1": True, "0": False, "unknown": None}  # link value -> Answers.linked
# v1.2: "I don't know" for the profile's birth date, an objection, and where the person chats with Meta AI.
UNKNOWN = "unknown"

# A crafted link may repeat a key thousands of times; the notice lists this many problems and counts the rest.
MAX_LISTED_PROBLEMS = 20
# Values are shown back to the person only shortened (and always as plain text).
MAX_SHOWN_VALUE = 40
# Lists longer than this are not read at all: no valid list has more than six codes.
MAX_LIST_ITEMS = 64

# The answer keys; obj_<code> for each service with a form of its own (Knowledge.services_with_own_form,
# passed to decode as `objection_services`; by default OBJECTION_CAPABLE, the v1 links' obj_fb and obj_ig).
ANSWER_KEYS = ("who", "age", "bd", "svc", "pub", "ai", "linked", "obj_fb", "obj_ig")


def objection_key(service: str) -> str:
    """The link key of a service's objection date: obj_fb, obj_ig."""
    return f"obj_{service}"


KNOWN_KEYS = ("v", "lang", "d", "k", *ANSWER_KEYS)
_BASE_ANSWER_KEYS = ANSWER_KEYS[:7]

_AGE_RE = re.compile(r"[0-9]{1,3}")
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# "&amp;ai=wa": an HTML-escaped link (e-mail clients, web pages); the prefix may be escaped more than once.
_AMP_PREFIX_RE = re.compile(r"^(amp;)+")


def shorten(text: str) -> str:
    """A value from a link as it may be shown back: at most MAX_SHOWN_VALUE characters."""
    return text if len(text) <= MAX_SHOWN_VALUE else text[: MAX_SHOWN_VALUE - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One value of a link that was dropped or repaired, with the reason as a code the page translates."""

    key: str
    value: str
    reason: str  # see REASONS

    @property
    def shown_value(self) -> str:
        return shorten(self.value)


REASONS = (
    "not_a_number",
    "out_of_range",
    "unknown_code",
    "bad_date",
    "future_date",
    "too_early",
    "not_used",  # refers to a service the person does not use
    "not_applicable",  # e.g. bd=wrong for an adult, linked without both Facebook and Instagram
    "conflict",  # svc=none together with services
    "repeated",  # a single-valued key given again with another value
    "unknown_version",
    "too_many",
    "empty",
    # v1.1
    "unknown_key",  # a key that is not part of the format (listed, then ignored)
    "repaired_amp",  # "amp;ai" read as "ai" (an HTML-escaped link)
    "repaired_case",  # "SVC" read as "svc"
    "repaired_space",  # spaces around a value removed ("lang=%20en" read as "en")
    "no_services",  # the link has answers but no services (svc missing or without a valid code)
    "link_too_early",  # d= before the check existed
    "bad_knowledge_version",  # k= not a version number like 2026.11-1
    "repaired_time_zone",  # a date one day after the visitor's day (made further east): read as today
)
# Problems that only report a repair: the value was still used.
REPAIRS = ("repaired_amp", "repaired_case", "repaired_space", "repaired_time_zone")


@dataclass(frozen=True)
class Decoded:
    answers: Answers
    problems: tuple[Problem, ...]
    more_problems: int = 0  # problems beyond MAX_LISTED_PROBLEMS, counted only
    given: bool = True  # False when the link carried none of the answer keys (a bare /result)
    # False when the link has answers but no services: the page says so and shows no verdict (svc=none is
    # the explicit "no account" and counts as given).
    services_given: bool = True
    linked_given: bool = False  # the link answered the linked question (1, 0 or unknown), for the form
    objection_services: tuple[str, ...] = OBJECTION_CAPABLE  # the services whose obj_<code> was read


# ---------------------------------------------------------------------------------------------- encode


def encode(answers: Answers) -> str:
    """The canonical query string (without '?') of a normalized answer set."""
    return "&".join(f"{k}={quote(v, safe=',-')}" for k, v in params(answers))


def params(answers: Answers) -> list[tuple[str, str]]:
    """The canonical parameters: v, lang, who, age, bd, svc, pub, ai, linked, obj_fb, obj_ig, d, k."""
    version = FORMAT_VERSION_12 if answers.needs_v12 else FORMAT_VERSION
    parts: list[tuple[str, str]] = [("v", version), ("lang", answers.lang)]
    if answers.for_child:
        parts.append(("who", "child"))
    if answers.age is not None:
        parts.append(("age", str(answers.age)))
    if answers.birthdate_wrong:
        parts.append(("bd", "wrong"))
    elif answers.birthdate_unknown:
        parts.append(("bd", UNKNOWN))
    parts.append(("svc", _codes(answers.services) or NO_SERVICE))
    if answers.public:
        parts.append(("pub", _codes(answers.public)))
    if answers.ai_unknown:
        parts.append(("ai", UNKNOWN))
    elif answers.ai:
        parts.append(("ai", _codes(answers.ai)))
    if answers.uses_both_fb_and_ig:  # written out, "no" too: a v1.1 link never leaves the answer implied
        parts.append(("linked", _linked_value(answers.linked)))
    for service in ordered({*answers.objections, *answers.objection_unknown}):
        when = answers.objection(service)
        if when is not None:
            value = when.isoformat() if answers.objection_day_known(service) else BEFORE_START
            parts.append((objection_key(service), value))
        elif service in answers.objection_unknown:
            parts.append((objection_key(service), UNKNOWN))
    if answers.made_on is not None:
        parts.append(("d", answers.made_on.isoformat()))
    if answers.knowledge_version is not None:
        parts.append(("k", answers.knowledge_version))
    return parts


def _linked_value(linked: bool | None) -> str:
    return next(value for value, meaning in LINKED_VALUES.items() if meaning is linked)


def result_path(answers: Answers) -> str:
    return "/result?" + encode(answers)


def _codes(codes: Iterable[str]) -> str:
    return ",".join(ordered(codes))


# ---------------------------------------------------------------------------------------------- decode


def decode_query(query: str, today: date, objection_services: tuple[str, ...] = OBJECTION_CAPABLE) -> Decoded:
    """Decode a raw query string ('a=1&b=2', with or without a leading '?')."""
    try:
        pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
    except ValueError:  # parse_qsl raises only with strict parsing or max_num_fields; kept for safety
        pairs = []
    params: dict[str, list[str]] = {}
    for key, value in pairs:
        params.setdefault(key, []).append(value)
    return decode(params, today, objection_services)


def decode(
    params: Mapping[str, Sequence[str] | str],
    today: date,
    objection_services: tuple[str, ...] = OBJECTION_CAPABLE,
) -> Decoded:
    """Read answers from query parameters (each key -> its values, as repeated keys give them).

    `today` is the visitor's day (a date after it is "in the future"). `objection_services`: the services
    with a form of their own, whose obj_<code> the link may carry (the pages pass the knowledge base's). Never
    raises: every value that cannot be used becomes a Problem, every repaired key or value and every unknown
    key is reported.
    """
    reader = _Reader(params, objection_services)
    version = reader.single("v")
    if version is not None and version not in READABLE_VERSIONS:
        reader.problem("v", version, "unknown_version")  # read as v1.1: the newest format we know
    raw, said_none, linked_given = _read_answers(reader, today)
    answers = _normalize(raw, reader)
    given = any(key in reader.params for key in reader.answer_keys)
    services_given = said_none or bool(raw.services)
    if given and not services_given:
        reader.problem("svc", "", "no_services")
    return Decoded(
        answers,
        tuple(reader.problems[:MAX_LISTED_PROBLEMS]),
        max(0, len(reader.problems) - MAX_LISTED_PROBLEMS),
        given,
        services_given,
        linked_given and answers.uses_both_fb_and_ig,
        reader.objection_services,
    )


def _read_answers(reader: _Reader, today: date) -> tuple[Answers, bool, bool]:
    """Every key's value, in the link's documented order (so the notice lists problems in that order).

    Returns the answers as read (not yet checked against each other), whether `svc` said `none`, and
    whether `linked` had a valid value.
    """
    lang = _read_lang(reader) or DEFAULT_LANG
    for_child = _read_who(reader) == "child"
    age = _read_age(reader)
    bd = _read_bd(reader)
    services, said_none = _read_services(reader)
    public = reader.codes("pub", PUBLIC_CAPABLE)
    ai, ai_unknown = _read_ai(reader)
    linked, linked_given = _read_linked(reader)
    raw = Answers(
        lang=lang,
        for_child=for_child,
        age=age,
        birthdate_wrong=bd == "wrong",
        birthdate_unknown=bd == UNKNOWN,
        ai_unknown=ai_unknown,
        services=frozenset(services),
        public=frozenset(public),
        ai=frozenset(ai),
        linked=linked,
        **_read_objections(reader, today),
        made_on=_read_made_on(reader, today),
        knowledge_version=reader.single("k"),
    )
    return raw, said_none, linked_given


def link_language(params: Mapping[str, Sequence[str] | str]) -> str | None:
    """The language a link asks for, by the decoder's own rule (so page and notice agree).

    The first `lang` value counts (keys repaired as in `decode`, spaces around it removed); None when there is
    none or it is not a known language.
    """
    return _read_lang(_Reader(params, OBJECTION_CAPABLE))


def normalized(answers: Answers, objection_services: tuple[str, ...] = OBJECTION_CAPABLE) -> Answers:
    """The consistent part of an answer set (what `decode` would keep)."""
    return _normalize(answers, _Reader({}, objection_services))


def _normalize(a: Answers, reader: _Reader) -> Answers:
    """Drop answers that contradict others, reporting each: the link keeps only what makes sense together."""

    def keep_used(key: str, codes: frozenset[str]) -> frozenset[str]:
        for code in sorted(codes - a.services):
            reader.problem(key, code, "not_used")
        return codes & a.services

    public, ai = keep_used("pub", a.public), keep_used("ai", a.ai)
    objections, before_start = _used_objections(a, reader)
    linked = a.linked
    if linked is not False and not a.uses_both_fb_and_ig:
        reader.problem("linked", _linked_value(linked), "not_applicable")
        linked = False
    bd_wrong, bd_unknown = a.birthdate_wrong, a.birthdate_unknown
    if (bd_wrong or bd_unknown) and not a.is_minor:
        # Only a minor can have a "wrong" adult birth date; for an adult (or unknown age) it means nothing.
        reader.problem("bd", "wrong" if bd_wrong else UNKNOWN, "not_applicable")
        bd_wrong = bd_unknown = False
    ai_unknown = a.ai_unknown
    if ai_unknown and not a.services & set(AI_CAPABLE):
        reader.problem("ai", UNKNOWN, "not_used")
        ai_unknown = False
    version = a.knowledge_version
    if version is not None and not KNOWLEDGE_VERSION_RE.fullmatch(version):
        reader.problem("k", version, "bad_knowledge_version")
        version = None
    return replace(
        a,
        public=public,
        ai=ai,
        objections=objections,
        objected_before_start=before_start,
        linked=linked,
        birthdate_wrong=bd_wrong,
        birthdate_unknown=bd_unknown,
        ai_unknown=ai_unknown,
        objection_unknown=_used_unknown_objections(a, objections, reader),
        knowledge_version=version,
    )


def _used_unknown_objections(a: Answers, dated: Mapping[str, date], reader: _Reader) -> frozenset[str]:
    """The services whose objection the person does not know about (v1.2), among those they use and have
    given no date for."""
    for service in sorted(a.objection_unknown - a.services):
        reader.problem(objection_key(service), UNKNOWN, "not_used")
    return frozenset(s for s in a.objection_unknown & a.services if s not in dated)


def _used_objections(a: Answers, reader: _Reader) -> tuple[dict[str, date], frozenset[str]]:
    """The objections of services the person uses; a day-unknown one always holds LATEST_BEFORE_START."""
    unknown = a.objected_before_start & a.services & frozenset(reader.objection_services)
    objections = {s: LATEST_BEFORE_START for s in unknown}
    for service, when in a.objections.items():
        if service in a.services:
            objections.setdefault(service, when)
        else:
            reader.problem(objection_key(service), when.isoformat(), "not_used")
    for service in sorted(a.objected_before_start - a.services):
        if service not in a.objections:  # not reported twice
            reader.problem(objection_key(service), BEFORE_START, "not_used")
    return dict(sorted(objections.items())), unknown


def _read_code(reader: _Reader, key: str, known: Iterable[str]) -> str | None:
    """A key with one value out of `known`; any other value is dropped with a notice."""
    value = reader.single(key)
    if value is not None and value not in known:
        reader.problem(key, value, "unknown_code")
        return None
    return value


def _read_lang(reader: _Reader) -> str | None:
    return _read_code(reader, "lang", LANGUAGES)


def _read_age(reader: _Reader) -> int | None:
    raw = reader.single("age")
    if raw is None:
        return None
    if not _AGE_RE.fullmatch(raw):
        reader.problem("age", raw, "not_a_number")
        return None
    age = int(raw)
    if age > MAX_AGE:
        reader.problem("age", raw, "out_of_range")
        return None
    return age


def _read_who(reader: _Reader) -> str | None:
    return _read_code(reader, "who", WHO_VALUES)


def _read_ai(reader: _Reader) -> tuple[set[str], bool]:
    """Where the person chats with Meta AI, and whether they said "I don't know" (ai=unknown, v1.2).

    "unknown" stands alone: beside services it contradicts them, and the services count."""
    chosen = reader.filter_codes("ai", reader.list_items("ai"), (*AI_CAPABLE, UNKNOWN))
    unknown = UNKNOWN in chosen
    chosen.discard(UNKNOWN)
    if unknown and chosen:
        reader.problem("ai", UNKNOWN, "conflict")
        return chosen, False
    return chosen, unknown


def _read_bd(reader: _Reader) -> str | None:
    bd = reader.single("bd")
    if bd is not None and bd not in ("ok", "wrong", UNKNOWN):
        reader.problem("bd", bd, "unknown_code")
        return None
    return bd


def _read_services(reader: _Reader) -> tuple[set[str], bool]:
    """The services, and whether the link said `none` (no account) in so many words."""
    values = reader.list_items("svc")
    services = reader.filter_codes("svc", values, (*SERVICES, NO_SERVICE))
    said_none = NO_SERVICE in services
    if said_none and len(services) > 1:
        reader.problem("svc", NO_SERVICE, "conflict")
    services.discard(NO_SERVICE)
    return services, said_none


def _read_linked(reader: _Reader) -> tuple[bool | None, bool]:
    """Answers.linked and whether the link answered it; absent means "no", as in v1."""
    raw = reader.single("linked")
    if raw is None:
        return False, False
    if raw not in LINKED_VALUES:
        reader.problem("linked", raw, "unknown_code")
        return False, False
    return LINKED_VALUES[raw], True


def _read_objections(reader: _Reader, today: date) -> dict:
    """The objection fields of Answers: dates, and the services objected to before the start, day unknown."""
    objections: dict[str, date] = {}
    before_start: set[str] = set()
    unknown: set[str] = set()  # "I don't know whether I objected" (v1.2)
    for service in reader.objection_services:
        key = objection_key(service)
        raw = reader.single(key)
        if raw == UNKNOWN:
            unknown.add(service)
        elif raw == BEFORE_START:
            objections[service] = LATEST_BEFORE_START
            before_start.add(service)
        elif raw is not None and (when := _objection_date(reader, key, raw, today)):
            objections[service] = when
    return {
        "objections": objections,
        "objected_before_start": frozenset(before_start),
        "objection_unknown": frozenset(unknown),
    }


def _objection_date(reader: _Reader, key: str, raw: str, today: date) -> date | None:
    when = _parse_date(reader, key, raw, today)
    if when is not None and when < EARLIEST_OBJECTION:
        reader.problem(key, raw, "too_early")
        return None
    return when


def _read_made_on(reader: _Reader, today: date) -> date | None:
    raw = reader.single("d")
    when = None if raw is None else _parse_date(reader, "d", raw, today)
    if when is not None and when < EARLIEST_MADE_ON:
        reader.problem("d", raw or "", "link_too_early")
        return None
    return when


def _parse_date(reader: _Reader, key: str, raw: str, today: date) -> date | None:
    """A YYYY-MM-DD date no later than today; anything else is reported.

    A date one day after the visitor's day is a time-zone difference, not the future: the EU alone spans
    UTC-4 (the French Antilles) to UTC+4 (Réunion), so a link made "today" in Nicosia shortly after midnight
    is opened in Lisbon the evening before. That moment has passed, and in the visitor's calendar it was
    today: it is read as today, and the notice says so. Dropping it would turn an objection into none.
    """
    match = _DATE_RE.fullmatch(raw)
    try:
        when = date(*(int(g) for g in match.groups())) if match else None
    except ValueError:  # 2025-02-30, 0000-00-00
        when = None
    if when is None:
        reader.problem(key, raw, "bad_date")
        return None
    if when == today + timedelta(days=1):
        reader.problem(key, raw, "repaired_time_zone")
        return today
    if when > today:
        reader.problem(key, raw, "future_date")
        return None
    return when


def _canonical_key(raw: str, known_keys: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The format's key a link's key stands for, and the repair that took (None when none was needed).

    `amp;ai` (an HTML-escaped `&ai`, also `amp%3Bai` once unquoted) is `ai`; `SVC` is `svc`. (None, None)
    for a key that is not part of the format.
    """
    if raw in known_keys:
        return raw, None
    lower = raw.lower()
    key = _AMP_PREFIX_RE.sub("", lower)
    if key not in known_keys:
        return None, None
    return key, "repaired_amp" if key != lower else "repaired_case"


class _Reader:
    """Reads single and list values from query parameters, collecting problems instead of raising.

    The keys are read once, up front: repaired keys are merged into their proper key (in the order given),
    unknown keys are listed.
    """

    def __init__(self, params: Mapping[str, Sequence[str] | str], objection_services: tuple[str, ...]):
        self.objection_services = ordered(objection_services)
        self.answer_keys = (*_BASE_ANSWER_KEYS, *map(objection_key, self.objection_services))
        known_keys = ("v", "lang", "d", "k", *self.answer_keys)
        self.problems: list[Problem] = []
        self.params: dict[str, list[str]] = {}
        for raw_key, raw in params.items():
            key, repair = _canonical_key(str(raw_key), known_keys)
            if key is None:
                self.problem(shorten(str(raw_key)), "", "unknown_key")
                continue
            if repair is not None:
                self.problem(key, shorten(str(raw_key)), repair)
            self.params.setdefault(key, []).extend(_as_strings(raw))

    def problem(self, key: str, value: str, reason: str) -> None:
        self.problems.append(Problem(key, value, reason))

    def values(self, key: str) -> list[str]:
        return self.params.get(key, [])

    def single(self, key: str) -> str | None:
        """The key's first value; an empty value counts as absent, a differing repeat is reported."""
        values = self.values(key)
        if not values:
            return None
        first = self._stripped(key, values[0])
        extra = [v.strip() for v in values[1:] if v.strip() != first]
        if len(extra) > MAX_LIST_ITEMS:
            self.problem(key, f"{len(extra)}×", "too_many")
        else:
            for v in extra:
                self.problem(key, v, "repeated")
        if first == "":
            self.problem(key, "", "empty")
            return None
        return first

    def _stripped(self, key: str, value: str) -> str:
        """The value without spaces around it, reported when there were any (a repair is never silent)."""
        stripped = value.strip()
        if stripped and stripped != value:
            self.problem(key, value, "repaired_space")
        return stripped

    def list_items(self, key: str) -> list[str]:
        """Comma-separated and repeated values alike (svc=fb,ig == svc=fb&svc=ig)."""
        values = self.values(key)
        items: list[str] = []
        for value in values:
            parts = value.split(",")
            if any(p.strip() != p for p in parts if p.strip()):
                self.problem(key, value, "repaired_space")
            items.extend(p.strip() for p in parts if p.strip())
            if len(items) > MAX_LIST_ITEMS:
                self.problem(key, f"{len(values)}×", "too_many")
                return []
        return items

    def filter_codes(self, key: str, items: list[str], allowed: Sequence[str]) -> set[str]:
        chosen: set[str] = set()
        for item in items:
            if item in allowed:
                chosen.add(item)
            else:
                self.problem(key, item, "unknown_code")
        return chosen

    def codes(self, key: str, allowed: Sequence[str]) -> set[str]:
        return self.filter_codes(key, self.list_items(key), allowed)


def _as_strings(raw: Sequence[str] | str | None) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [v if isinstance(v, str) else str(v) for v in raw]
