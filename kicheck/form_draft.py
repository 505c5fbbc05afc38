"""The check page's answers while they are being given: a draft of stable values, and what is still missing.

Streamlit 1.67 keeps a radio's and a pill's state as its *label*, and a date field's identity includes its
display format. After a language switch the old state matches no option any more and the widget silently
falls back to its default: linked accounts became "No", objections "Not yet", dates today (issue 10). So the
answers live in a `Draft` of codes, numbers and dates (ui/questionnaire.py keeps it in session_state); the
page keys every widget per language, creates it from the draft and writes its value back.

What a choice means ("I don't know" is `linked=None`, "before 27 May 2025, day unknown" an objection without a
known day) is said once, in the choices' functions below; `draft_from_link` and `answers_from_draft` only call
them. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from kicheck.answers import (
    AI_CAPABLE,
    EARLIEST_OBJECTION,
    LATEST_BEFORE_START,
    LINKED_GROUP,
    NO_SERVICE,
    OBJECTION_CAPABLE,
    Answers,
    age_range_on,
    ordered,
)
from kicheck.link import Decoded, normalized


class ObjectionChoice(StrEnum):
    NOT_YET = "not_yet"
    # Objected before the start (27 May 2025), day unknown: `before-start` in the link,
    # Answers.objected_before_start in the answers. The value names the radio's option and its text
    # (answer.objection_by_deadline).
    BEFORE_START = "by_deadline"
    ON_DATE = "on_date"
    UNKNOWN = "unknown"  # "I don't know whether I objected" (link v1.2: obj_fb=unknown)


@dataclass(frozen=True)
class Prefill:
    choice: ObjectionChoice
    day: date | None


def objection_choice(day: date | None) -> Prefill:
    """The radio option and date field that show an objection date from a link.

    26 May 2025 shows as "before the start, day unknown": it is what the v1 form wrote for that choice.
    """
    if day is None:
        return Prefill(ObjectionChoice.NOT_YET, None)
    if day == LATEST_BEFORE_START:
        return Prefill(ObjectionChoice.BEFORE_START, None)
    return Prefill(ObjectionChoice.ON_DATE, day)


def objection_prefill(answers: Answers, service: str) -> Prefill:
    """The radio option and date field for one service's objection in the link's answers."""
    if service in answers.objection_unknown:
        return Prefill(ObjectionChoice.UNKNOWN, None)
    if not answers.objection_day_known(service):
        return Prefill(ObjectionChoice.BEFORE_START, None)
    return objection_choice(answers.objection(service))


def objection_from_choice(choice: ObjectionChoice, day: date | None) -> tuple[date | None, bool]:
    """The form's objection choice as (date, day unknown): "before the start" has no known day."""
    if choice is ObjectionChoice.BEFORE_START:
        return LATEST_BEFORE_START, True
    if choice is ObjectionChoice.ON_DATE:
        return day, False
    return None, False


# The linked question's radio options, and the answers they stand for.
LINKED_CHOICES = {"yes": True, "no": False, "unknown": None}


def linked_answer(choice: str | None) -> bool | None:
    """The radio's value as Answers.linked: "I don't know" and no choice at all are both None."""
    return LINKED_CHOICES.get(choice) if choice is not None else None


def linked_prefill(decoded: Decoded) -> str | None:
    """The radio option a link preselects: yes, no or unknown; None (nothing selected) when the link did not
    answer the question (a v1 link without `linked`, or an invalid value), so no answer is chosen for the
    person."""
    if not decoded.linked_given:
        return None
    return next(choice for choice, answer in LINKED_CHOICES.items() if answer is decoded.answers.linked)


def answers_from_form(
    lang: str,
    age: int | float | None,
    birthdate_wrong: bool,
    services: Iterable[str],
    public: Iterable[str],
    ai: Iterable[str],
    linked: bool | None,
    objections: Mapping[str, date],
    objected_before_start: Iterable[str] = (),
    *,
    for_child: bool = False,
    birthdate_unknown: bool = False,
    objection_unknown: Iterable[str] = (),
    ai_unknown: bool = False,
    objection_services: tuple[str, ...] = OBJECTION_CAPABLE,
) -> Answers:
    """The form's values as a consistent answer set (what the share link will carry).

    `linked`: True, False or None ("I don't know", or not answered). `objected_before_start`: services
    objected to before the start, day unknown (their date in `objections` may be left out).
    """
    return normalized(
        Answers(
            lang=lang,
            age=int(age) if age is not None else None,
            birthdate_wrong=birthdate_wrong,
            services=frozenset(services),
            public=frozenset(public),
            ai=frozenset(ai),
            linked=linked,
            objections=dict(objections),
            objected_before_start=frozenset(objected_before_start),
            for_child=for_child,
            birthdate_unknown=birthdate_unknown,
            objection_unknown=frozenset(objection_unknown),
            ai_unknown=ai_unknown,
        ),
        objection_services,
    )


LINKED = tuple(LINKED_CHOICES)  # yes, no, unknown
OBJECTION_CHOICES = tuple(ObjectionChoice)
WHO = ("self", "child")
BIRTHDATE = ("ok", "wrong", "unknown")
# The Meta AI question's answers besides the services: "nowhere" and "I don't know" (each excludes the rest).
AI_NOWHERE, AI_UNKNOWN = "nowhere", "unknown"


@dataclass
class Draft:
    """The check page's answers by stable values. Services hold codes, or only NO_SERVICE."""

    # The services with a form of their own, whose objection is asked (the knowledge base's, via the link).
    objection_services: tuple[str, ...] = OBJECTION_CAPABLE

    who: str | None = None  # one of WHO; None until answered
    age: int | None = None
    birthdate: str | None = None  # one of BIRTHDATE; None until answered (never preselected)
    services: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)
    # Service codes, or only AI_NOWHERE or only AI_UNKNOWN; empty until answered.
    ai: list[str] = field(default_factory=list)
    linked: str | None = None  # one of LINKED; None until answered
    objection: dict[str, str] = field(default_factory=dict)  # service -> OBJECTION_CHOICES, once answered
    objection_day: dict[str, date | None] = field(default_factory=dict)  # a valid day, or None
    objection_text: dict[str, str] = field(default_factory=dict)  # the day as typed, shown back as typed
    # A link's (age, day) when today's age is not one number (a birthday may have passed): shown, not assumed.
    age_on_link_day: tuple[int, date] | None = None


def draft_from_link(decoded: Decoded, today: date) -> Draft:
    """The draft that shows a link's answers; an explicit svc=none shows 'I have no Meta account'."""
    answers = decoded.answers
    services = list(ordered(answers.services)) or ([NO_SERVICE] if decoded.services_given else [])
    draft = Draft(
        objection_services=decoded.objection_services,
        who="child" if answers.for_child else "self",
        birthdate=_birthdate_prefill(answers),
        services=services,
        public=list(ordered(answers.public)),
        ai=_ai_prefill(answers),
        linked=linked_prefill(decoded),
    )
    _age_today(draft, answers, today)
    for service in draft.objection_services:
        if service in answers.services:
            prefill = objection_prefill(answers, service)
            draft.objection[service], draft.objection_day[service] = prefill.choice, prefill.day
    return draft


def _birthdate_prefill(answers: Answers) -> str | None:
    """The link's answer to the birth-date question: wrong, unknown, or, for a minor, ok (written or not, as
    in v1). A link for an adult or without an age never had the question: None, so when the person changes
    the age to under 18 the question starts unanswered instead of with "correct" chosen for them."""
    if answers.birthdate_wrong:
        return "wrong"
    if answers.birthdate_unknown:
        return "unknown"
    return "ok" if answers.is_minor else None


def _ai_prefill(answers: Answers) -> list[str]:
    """A link's Meta AI answer: its services, "I don't know", or, with none (its meaning), "nowhere"."""
    if answers.ai_unknown:
        return [AI_UNKNOWN]
    if answers.ai:
        return list(ordered(answers.ai))
    return [AI_NOWHERE] if answers.services & set(AI_CAPABLE) else []


def _age_today(draft: Draft, answers: Answers, today: date) -> None:
    """The age to show today: the link's age moved on to today when that is one number, else left to ask."""
    ages = age_range_on(answers, today)
    if ages is None:
        return
    if ages[0] == ages[1]:
        draft.age = ages[0]
    else:
        draft.age_on_link_day = (answers.age, answers.made_on)


def answers_from_draft(draft: Draft, lang: str) -> Answers:
    """The draft as a consistent answer set (what the share link carries); call it when nothing is missing.

    The meaning of each choice ("I don't know", "before 27 May, day unknown") is the functions' above.
    """
    objections, before_start, objection_unknown = {}, set(), set()
    for service in draft.objection_services:
        choice = ObjectionChoice(draft.objection.get(service, ObjectionChoice.NOT_YET))
        if choice is ObjectionChoice.UNKNOWN:
            objection_unknown.add(service)
            continue
        day, unknown = objection_from_choice(choice, draft.objection_day.get(service))
        if day is not None:
            objections[service] = day
        if unknown:
            before_start.add(service)
    return answers_from_form(
        lang,
        draft.age,
        draft.birthdate == "wrong",
        frozenset(draft.services) - {NO_SERVICE},
        draft.public,
        [code for code in draft.ai if code in AI_CAPABLE],
        linked_answer(draft.linked),
        objections,
        before_start,
        for_child=draft.who == "child",
        birthdate_unknown=draft.birthdate == "unknown",
        objection_unknown=objection_unknown,
        objection_services=draft.objection_services,
        ai_unknown=draft.ai == [AI_UNKNOWN],
    )


# A day typed into a text field (Streamlit's date field labels its parts and calendar in English only).
DAY_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")
SHOWN_FORMAT = {"de": "%d.%m.%Y", "en": "%d/%m/%Y"}


def parse_day(text: str, today: date) -> tuple[date | None, str | None]:
    """A typed day (14.07.2025, 14.7.2025, 2025-07-14, 14/07/2025) -> (day, None), else (None, text key)."""
    text = text.strip()
    if not text:
        return None, None
    for pattern in DAY_FORMATS:
        try:
            day = datetime.strptime(text, pattern).date()
            break
        except ValueError:
            continue
    else:
        return None, "check.day_unreadable"
    if day > today:
        return None, "check.day_future"
    if day < EARLIEST_OBJECTION:
        return None, "check.day_too_early"
    return day, None


def day_text(draft: Draft, service: str, lang: str) -> str:
    """What the day field shows: the text as typed, else the draft's day in the page's format."""
    if service in draft.objection_text:
        return draft.objection_text[service]
    day = draft.objection_day.get(service)
    return day.strftime(SHOWN_FORMAT.get(lang, SHOWN_FORMAT["de"])) if day else ""


def asks_birthdate(draft: Draft) -> bool:
    """The profile's birth date matters only for someone under 18."""
    return draft.age is not None and draft.age < 18


def asks_ai(draft: Draft) -> bool:
    return bool(set(draft.services) & set(AI_CAPABLE))


def asks_linked(draft: Draft) -> bool:
    """Linked accounts matter only with both services of the Accounts Center group."""
    return set(LINKED_GROUP) <= set(draft.services)


def missing(draft: Draft) -> list[str]:
    """What must be answered before a result can be given: no answer the person did not choose counts.

    'who', 'bd', 'svc', 'ai', 'linked', 'obj_<service>' for an objection question not answered, and
    'date_<service>' for an objection "on this day" without a valid day.
    """
    gaps = [] if draft.who else ["who"]
    if asks_birthdate(draft) and draft.birthdate is None:
        gaps.append("bd")
    if not draft.services:
        return [*gaps, "svc"]
    if asks_ai(draft) and not draft.ai:
        gaps.append("ai")
    if asks_linked(draft) and draft.linked is None:
        gaps.append("linked")
    for service in draft.objection_services:
        if service not in draft.services:
            continue
        choice = draft.objection.get(service)
        if choice is None:
            gaps.append(f"obj_{service}")
        elif choice == ObjectionChoice.ON_DATE and draft.objection_day.get(service) is None:
            gaps.append(f"date_{service}")
    return gaps
