"""The person's answers and the share-link codec, format v1.

The link is a public contract: links people shared must keep working. The format (keys, codes, dates) is
documented in README.md; `encode` writes the one canonical form, `decode` reads anything and never raises.
Invalid values are dropped and reported as `Problem`s, which the result page lists in a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import parse_qsl, quote

FORMAT_VERSION = "1"
LANGUAGES = ("de", "en")
DEFAULT_LANG = "de"

# Canonical order of the service codes; lists in a link are written in this order.
SERVICES = ("fb", "ig", "th", "wa", "ms", "app")
PUBLIC_CAPABLE = ("fb", "ig", "th")  # services with posts or an account that can be public
AI_CAPABLE = ("fb", "ig", "wa", "ms", "app")  # services with the Meta AI assistant
OBJECTION_CAPABLE = ("fb", "ig")  # services with an objection form
NO_SERVICE = "none"

MAX_AGE = 120
# Objections to Meta's AI training were first possible in 2024; an earlier date is a typo, not an objection.
EARLIEST_OBJECTION = date(2024, 1, 1)

# A crafted link may repeat a key thousands of times; the notice lists this many problems and counts the rest.
MAX_LISTED_PROBLEMS = 20
# Values are shown back to the person only shortened (and always as plain text).
MAX_SHOWN_VALUE = 40
# Lists longer than this are not read at all: no valid list has more than six codes.
MAX_LIST_ITEMS = 64

ANSWER_KEYS = ("age", "bd", "svc", "pub", "ai", "linked", "obj_fb", "obj_ig")

_AGE_RE = re.compile(r"[0-9]{1,3}")
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


@dataclass(frozen=True)
class Answers:
    """What the person told us. Only consistent sets are valid; `normalized` drops the rest."""

    lang: str = DEFAULT_LANG
    age: int | None = None
    birthdate_wrong: bool = False  # the profile says 18+ though the person is younger
    services: frozenset[str] = frozenset()
    public: frozenset[str] = frozenset()  # where posts / the account are public
    ai: frozenset[str] = frozenset()  # where the person writes to Meta AI
    linked: bool = False  # Facebook and Instagram in the same Accounts Center
    objections: Mapping[str, date] = field(default_factory=dict)  # service code -> date of objection

    def __hash__(self) -> int:  # Mapping is not hashable; answers are used as cache keys
        return hash(
            (
                self.lang,
                self.age,
                self.birthdate_wrong,
                self.services,
                self.public,
                self.ai,
                self.linked,
                tuple(sorted(self.objections.items())),
            )
        )

    def objection(self, service: str) -> date | None:
        return self.objections.get(service)

    @property
    def is_minor(self) -> bool:
        return self.age is not None and self.age < 18

    @property
    def uses_both_fb_and_ig(self) -> bool:
        return {"fb", "ig"} <= self.services


@dataclass(frozen=True)
class Problem:
    """One value of a link that was dropped, with the reason as a code the page translates."""

    key: str
    value: str
    reason: str  # see REASONS

    @property
    def shown_value(self) -> str:
        v = self.value
        return v if len(v) <= MAX_SHOWN_VALUE else v[: MAX_SHOWN_VALUE - 1] + "…"


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
)


@dataclass(frozen=True)
class Decoded:
    answers: Answers
    problems: tuple[Problem, ...]
    more_problems: int = 0  # problems beyond MAX_LISTED_PROBLEMS, counted only
    given: bool = True  # False when the link carried none of the answer keys (a bare /result)


# ---------------------------------------------------------------------------------------------- encode


def encode(answers: Answers) -> str:
    """The canonical query string (without '?') of a normalized answer set."""
    return "&".join(f"{k}={quote(v, safe=',-')}" for k, v in params(answers))


def params(answers: Answers) -> list[tuple[str, str]]:
    """The canonical parameters, in order: v, lang, age, bd, svc, pub, ai, linked, obj_fb, obj_ig."""
    parts: list[tuple[str, str]] = [("v", FORMAT_VERSION), ("lang", answers.lang)]
    if answers.age is not None:
        parts.append(("age", str(answers.age)))
    if answers.birthdate_wrong:
        parts.append(("bd", "wrong"))
    parts.append(("svc", _codes(answers.services) or NO_SERVICE))
    if answers.public:
        parts.append(("pub", _codes(answers.public)))
    if answers.ai:
        parts.append(("ai", _codes(answers.ai)))
    if answers.linked:
        parts.append(("linked", "1"))
    for service in OBJECTION_CAPABLE:
        when = answers.objection(service)
        if when is not None:
            parts.append((f"obj_{service}", when.isoformat()))
    return parts


def result_path(answers: Answers) -> str:
    return "/result?" + encode(answers)


def ordered(codes: Iterable[str]) -> tuple[str, ...]:
    """Service codes in the canonical order (Facebook, Instagram, Threads, WhatsApp, Messenger, app)."""
    chosen = set(codes)
    return tuple(c for c in SERVICES if c in chosen)


def _codes(codes: Iterable[str]) -> str:
    return ",".join(ordered(codes))


# ---------------------------------------------------------------------------------------------- decode


def decode_query(query: str, today: date) -> Decoded:
    """Decode a raw query string ('a=1&b=2', with or without a leading '?')."""
    try:
        pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
    except ValueError:  # parse_qsl raises only with strict parsing or max_num_fields; kept for safety
        pairs = []
    params: dict[str, list[str]] = {}
    for key, value in pairs:
        params.setdefault(key, []).append(value)
    return decode(params, today)


def decode(params: Mapping[str, Sequence[str] | str], today: date) -> Decoded:
    """Read answers from query parameters (each key -> its values, as repeated keys give them).

    Never raises: every value that cannot be used becomes a Problem, unknown keys are ignored.
    """
    reader = _Reader(params)
    version = reader.single("v")
    if version is not None and version != FORMAT_VERSION:
        reader.problem("v", version, "unknown_version")  # read as v1: the newest format we know

    lang = reader.single("lang")
    if lang is not None and lang not in LANGUAGES:
        reader.problem("lang", lang, "unknown_code")
        lang = None

    age = _read_age(reader)
    bd = reader.single("bd")
    if bd is not None and bd not in ("ok", "wrong"):
        reader.problem("bd", bd, "unknown_code")
        bd = None

    services = _read_services(reader)
    public = reader.codes("pub", PUBLIC_CAPABLE)
    ai = reader.codes("ai", AI_CAPABLE)
    linked_raw = reader.single("linked")
    if linked_raw is not None and linked_raw not in ("1", "0"):
        reader.problem("linked", linked_raw, "unknown_code")
        linked_raw = None
    objections = {s: d for s in OBJECTION_CAPABLE if (d := _read_date(reader, f"obj_{s}", today))}

    raw = Answers(
        lang=lang or DEFAULT_LANG,
        age=age,
        birthdate_wrong=bd == "wrong",
        services=frozenset(services),
        public=frozenset(public),
        ai=frozenset(ai),
        linked=linked_raw == "1",
        objections=objections,
    )
    answers = _normalize(raw, reader)
    given = any(key in params for key in ANSWER_KEYS)
    return Decoded(
        answers,
        tuple(reader.problems[:MAX_LISTED_PROBLEMS]),
        max(0, len(reader.problems) - MAX_LISTED_PROBLEMS),
        given,
    )


def normalized(answers: Answers) -> Answers:
    """The consistent part of an answer set (what `decode` would keep)."""
    return _normalize(answers, _Reader({}))


def _normalize(a: Answers, reader: _Reader) -> Answers:
    """Drop answers that contradict others, reporting each: the link keeps only what makes sense together."""

    def keep_used(key: str, codes: frozenset[str]) -> frozenset[str]:
        for code in sorted(codes - a.services):
            reader.problem(key, code, "not_used")
        return codes & a.services

    public = keep_used("pub", a.public)
    ai = keep_used("ai", a.ai)
    objections = {}
    for service, when in a.objections.items():
        if service in a.services:
            objections[service] = when
        else:
            reader.problem(f"obj_{service}", when.isoformat(), "not_used")
    linked = a.linked
    if linked and not a.uses_both_fb_and_ig:
        reader.problem("linked", "1", "not_applicable")
        linked = False
    bd_wrong = a.birthdate_wrong
    if bd_wrong and not a.is_minor:
        # Only a minor can have a "wrong" adult birth date; for an adult (or unknown age) it means nothing.
        reader.problem("bd", "wrong", "not_applicable")
        bd_wrong = False
    return replace(a, public=public, ai=ai, objections=objections, linked=linked, birthdate_wrong=bd_wrong)


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


def _read_services(reader: _Reader) -> set[str]:
    values = reader.list_items("svc")
    services = reader.filter_codes("svc", values, (*SERVICES, NO_SERVICE))
    if NO_SERVICE in services and len(services) > 1:
        reader.problem("svc", NO_SERVICE, "conflict")
    services.discard(NO_SERVICE)
    return services


def _read_date(reader: _Reader, key: str, today: date) -> date | None:
    raw = reader.single(key)
    if raw is None:
        return None
    match = _DATE_RE.fullmatch(raw)
    if not match:
        reader.problem(key, raw, "bad_date")
        return None
    try:
        when = date(*(int(g) for g in match.groups()))
    except ValueError:  # 2025-02-30, 0000-00-00
        reader.problem(key, raw, "bad_date")
        return None
    if when > today:
        reader.problem(key, raw, "future_date")
        return None
    if when < EARLIEST_OBJECTION:
        reader.problem(key, raw, "too_early")
        return None
    return when


class _Reader:
    """Reads single and list values from query parameters, collecting problems instead of raising."""

    def __init__(self, params: Mapping[str, Sequence[str] | str]):
        self.params = params
        self.problems: list[Problem] = []

    def problem(self, key: str, value: str, reason: str) -> None:
        self.problems.append(Problem(key, value, reason))

    def values(self, key: str) -> list[str]:
        raw = self.params.get(key)
        if raw is None:
            return []
        if isinstance(raw, str):
            return [raw]
        return [v if isinstance(v, str) else str(v) for v in raw]

    def single(self, key: str) -> str | None:
        """The key's value; an empty value counts as absent, a differing repeat is reported."""
        values = [v.strip() for v in self.values(key)]
        if not values:
            return None
        first = values[0]
        extra = [v for v in values[1:] if v != first]
        if len(extra) > MAX_LIST_ITEMS:
            self.problem(key, f"{len(extra)}×", "too_many")
        else:
            for v in extra:
                self.problem(key, v, "repeated")
        if first == "":
            self.problem(key, "", "empty")
            return None
        return first

    def list_items(self, key: str) -> list[str]:
        """Comma-separated and repeated values alike (svc=fb,ig == svc=fb&svc=ig)."""
        values = self.values(key)
        items: list[str] = []
        for value in values:
            items.extend(part.strip() for part in value.split(",") if part.strip())
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
