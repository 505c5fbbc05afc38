"""The questionnaire's choices and how they become answers (the page only shows the widgets).

Each "don't know" choice stays a "don't know" answer: "by the deadline, day unknown" is an objection whose day
is unknown (never a made-up date), "I don't know whether my accounts are linked" is `linked=None`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kicheck.answers import LATEST_BEFORE_START, Answers, Decoded, normalized

# "I objected by the deadline but don't know the day": the last day to object before training started (F15).
# Kept for the form; the answer records the day as unknown (Answers.objection_day_unknown).
BY_DEADLINE = LATEST_BEFORE_START


class ObjectionChoice(StrEnum):
    NOT_YET = "not_yet"
    BY_DEADLINE = "by_deadline"
    ON_DATE = "on_date"
    UNKNOWN = "unknown"  # "I don't know whether I objected" (link v1.2: obj_fb=unknown)


@dataclass(frozen=True)
class Prefill:
    choice: ObjectionChoice
    day: date | None


def objection_choice(day: date | None) -> Prefill:
    """The radio option and date field that show an objection date from a link.

    26 May 2025 shows as "by the deadline": it is what the v1 form wrote for that choice.
    """
    if day is None:
        return Prefill(ObjectionChoice.NOT_YET, None)
    if day == BY_DEADLINE:
        return Prefill(ObjectionChoice.BY_DEADLINE, None)
    return Prefill(ObjectionChoice.ON_DATE, day)


def objection_prefill(answers: Answers, service: str) -> Prefill:
    """The radio option and date field for one service's objection in the link's answers."""
    if service in answers.objection_unknown:
        return Prefill(ObjectionChoice.UNKNOWN, None)
    if not answers.objection_day_known(service):
        return Prefill(ObjectionChoice.BY_DEADLINE, None)
    return objection_choice(answers.objection(service))


def objection_from_choice(choice: ObjectionChoice, day: date | None) -> tuple[date | None, bool]:
    """The form's objection choice as (date, day unknown): "by the deadline" has no known day."""
    if choice is ObjectionChoice.BY_DEADLINE:
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
    objection_day_unknown: Iterable[str] = (),
    *,
    for_child: bool = False,
    birthdate_unknown: bool = False,
    objection_unknown: Iterable[str] = (),
    ai_unknown: bool = False,
) -> Answers:
    """The form's values as a consistent answer set (what the share link will carry).

    `linked`: True, False or None ("I don't know", or not answered). `objection_day_unknown`: services
    objected to "by the deadline", day unknown (their date in `objections` may be left out).
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
            objection_day_unknown=frozenset(objection_day_unknown),
            for_child=for_child,
            birthdate_unknown=birthdate_unknown,
            objection_unknown=frozenset(objection_unknown),
            ai_unknown=ai_unknown,
        )
    )
