"""The check page's answers while they are being given: a draft of stable values, and what is still missing.

Streamlit 1.67 keeps a radio's and a pill's state as its *label*, and a date field's identity includes its
display format. After a language switch the old state matches no option any more and the widget silently
falls back to its default: linked accounts became "No", objections "Not yet", dates today (issue 10). So the
answers live here, as codes, numbers and dates in session_state; the page keys every widget per language,
creates it from the draft and writes its value back. The draft outlives the widgets: a switch of language or
page keeps every answer.

The mapping between the questionnaire's choices and `Answers` is in this one place (`draft_from_answers`,
`answers_from_draft`), so the page never decides what a choice means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import streamlit as st

from kicheck.answers import NO_SERVICE, OBJECTION_CAPABLE, Answers, normalized, ordered

DRAFT = "check.draft"
ASKED = "check.asked"  # the person pressed "show result": from now on missing answers are marked

LINKED_CHOICES = ("yes", "no", "unknown")
NOT_YET, BEFORE_START, ON_DATE = "not_yet", "before_start", "on_date"
OBJECTION_CHOICES = (NOT_YET, BEFORE_START, ON_DATE)
# The latest day an objection "before training started, day unknown" can have been: the safe side for rules.
LATEST_BEFORE_START = date(2025, 5, 26)


@dataclass
class Draft:
    """The check page's answers by stable values. Services hold codes, or only NO_SERVICE."""

    age: int | None = None
    birthdate: str = "ok"  # "ok" or "wrong"
    services: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)
    ai: list[str] = field(default_factory=list)
    linked: str | None = None  # one of LINKED_CHOICES; None until answered
    objection: dict[str, str] = field(default_factory=dict)  # service -> one of OBJECTION_CHOICES
    objection_day: dict[str, date | None] = field(default_factory=dict)


def draft_from_answers(answers: Answers, services_given: bool) -> Draft:
    """The draft that shows a link's answers; an explicit svc=none shows 'I have no Meta account'."""
    services = list(ordered(answers.services)) or ([NO_SERVICE] if services_given else [])
    draft = Draft(
        age=answers.age,
        birthdate="wrong" if answers.birthdate_wrong else "ok",
        services=services,
        public=list(ordered(answers.public)),
        ai=list(ordered(answers.ai)),
        linked=_linked_choice(answers) if answers.uses_both_fb_and_ig else None,
    )
    for service in OBJECTION_CAPABLE:
        if service in answers.services:
            draft.objection[service], draft.objection_day[service] = _objection_choice(answers, service)
    return draft


def _linked_choice(answers: Answers) -> str:
    return {True: "yes", False: "no"}.get(answers.linked, "unknown")


def _objection_choice(answers: Answers, service: str) -> tuple[str, date | None]:
    day = answers.objection(service)
    if day is None:
        return NOT_YET, None
    if day == LATEST_BEFORE_START:  # v1 links wrote the day-unknown answer as this day
        return BEFORE_START, None
    return ON_DATE, day


def answers_from_draft(draft: Draft, lang: str) -> Answers:
    """The draft as a consistent answer set (what the share link carries); call it when nothing is missing.

    "I don't know" for linked accounts is read as not linked: the safe side (no protection from the other
    account's objection).
    """
    services = frozenset(draft.services) - {NO_SERVICE}
    objections = {}
    for service in OBJECTION_CAPABLE:
        choice = draft.objection.get(service, NOT_YET)
        if choice == BEFORE_START:
            objections[service] = LATEST_BEFORE_START
        elif choice == ON_DATE and draft.objection_day.get(service):
            objections[service] = draft.objection_day[service]
    return normalized(
        Answers(
            lang=lang,
            age=draft.age,
            birthdate_wrong=draft.birthdate == "wrong",
            services=services,
            public=frozenset(draft.public),
            ai=frozenset(draft.ai),
            linked=draft.linked == "yes",
            objections=objections,
        )
    )


def missing(draft: Draft) -> list[str]:
    """What must be answered before a result can be given: 'svc', or 'obj_<service>' for a date not given."""
    if not draft.services:
        return ["svc"]
    return [
        f"obj_{service}"
        for service in OBJECTION_CAPABLE
        if service in draft.services
        and draft.objection.get(service) == ON_DATE
        and draft.objection_day.get(service) is None
    ]


# ------------------------------------------------------------------------------------------- session


def current_draft(link_answers: Answers, services_given: bool, link_given: bool, arrived: bool) -> Draft:
    """The draft of this session; a link's answers replace it when the page is opened anew with them."""
    draft = st.session_state.get(DRAFT)
    if draft is None or (arrived and link_given):
        draft = draft_from_answers(link_answers, services_given) if link_given else Draft()
        st.session_state[DRAFT] = draft
        st.session_state[ASKED] = False
    return draft


def ask() -> None:
    """The submit button's callback: from now on the page marks what is missing."""
    st.session_state[ASKED] = True


def asked() -> bool:
    return bool(st.session_state.get(ASKED))


def only_one_kind_of_service(key: str) -> None:
    """Pills callback: "no Meta account" and the services exclude each other; the newest choice wins."""
    chosen = list(st.session_state.get(key) or [])
    before = st.session_state[DRAFT].services
    if NO_SERVICE in chosen and len(chosen) > 1:
        newly_none = NO_SERVICE not in before
        st.session_state[key] = [NO_SERVICE] if newly_none else [c for c in chosen if c != NO_SERVICE]
