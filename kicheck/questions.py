"""The questionnaire's choices and how they become answers (the page only shows the widgets)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kicheck.answers import Answers, normalized

# "I objected by the deadline but don't know the day": the last day to object before training started (F15).
BY_DEADLINE = date(2025, 5, 26)


class ObjectionChoice(StrEnum):
    NOT_YET = "not_yet"
    BY_DEADLINE = "by_deadline"
    ON_DATE = "on_date"


@dataclass(frozen=True)
class Prefill:
    choice: ObjectionChoice
    day: date | None


def objection_choice(day: date | None) -> Prefill:
    """The radio option and date field that show an objection date from a link."""
    if day is None:
        return Prefill(ObjectionChoice.NOT_YET, None)
    if day == BY_DEADLINE:
        return Prefill(ObjectionChoice.BY_DEADLINE, None)
    return Prefill(ObjectionChoice.ON_DATE, day)


def answers_from_form(
    lang: str,
    age: int | float | None,
    birthdate_wrong: bool,
    services: Iterable[str],
    public: Iterable[str],
    ai: Iterable[str],
    linked: bool,
    objections: Mapping[str, date],
) -> Answers:
    """The form's values as a consistent answer set (what the share link will carry)."""
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
        )
    )
