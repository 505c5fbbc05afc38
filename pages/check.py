"""Check: the questions. Opens prefilled from the link's parameters, so "change my answers" works anywhere.

The answers live in a draft of stable values (kicheck/form_draft.py, kept by ui/questionnaire.py); every
widget is keyed per language and only shows and edits it, so a language switch keeps every answer.
"""

from __future__ import annotations

import streamlit as st

from kicheck import form_draft
from kicheck.answers import (
    AI_CAPABLE,
    NO_SERVICE,
    OBJECTION_CAPABLE,
    PUBLIC_CAPABLE,
    SERVICES,
    decode,
    params,
    stamped,
)
from ui import questionnaire as form
from ui.common import (
    arrived,
    footer,
    header,
    kb,
    leave_legacy_pages_mode,
    query_lists,
    remember,
    texts,
    today,
)

leave_legacy_pages_mode()
t = texts()
header(t, "check.title", "nav.check")
st.write(t("check.intro"))

draft = form.current_draft(decode(query_lists(), today()), today(), arrived())


def key(name: str) -> str:
    """A widget key per language: a widget's state holds its labels, which a language switch changes."""
    return f"{name}-{t.lang}"


def why(text_key: str) -> None:
    st.caption(t(text_key))


def complain(problem: str, text_key: str) -> None:
    """Say next to the question what is missing (only after the person asked for the result)."""
    if form.asked() and problem in form_draft.missing(draft):
        st.error(t(text_key), icon=":material/error:")


def service_name(code: str) -> str:
    return t("answer.no_account") if code == NO_SERVICE else kb().services[code].name


def age_question() -> None:
    with st.container(key="q-age"):
        draft.age = st.number_input(
            t("q.age"),
            min_value=0,
            max_value=120,
            value=draft.age,
            step=1,
            placeholder=t("q.age.placeholder"),
            key=key("age"),
        )
        if draft.age is None and draft.age_on_link_day:
            age, day = draft.age_on_link_day
            st.caption(t("check.age_from_link", age=age, date=t.date(day)))
        why("why.age")


def birthdate_question() -> None:
    with st.container(key="q-birthdate"):
        draft.birthdate = st.radio(
            t("q.birthdate"),
            options=["ok", "wrong"],
            index=["ok", "wrong"].index(draft.birthdate),
            format_func=lambda v: t(f"answer.bd_{v}"),
            key=key("bd"),
        )
        why("why.birthdate")


QUESTION = {"svc": "services", "pub": "public", "ai": "ai"}  # widget name -> question and draft field


def service_question(name: str, options: list[str]) -> None:
    """A multiple choice among services (pills), with its 'why we ask'; none chosen when no option applies."""
    question = QUESTION[name]
    if not options:
        setattr(draft, question, [])
        return
    chosen = getattr(draft, question)
    with st.container(key=f"q-{name}"):
        picked = st.pills(
            t(f"q.{question}"),
            options=options,
            selection_mode="multi",
            default=[s for s in options if s in chosen],
            format_func=service_name,
            key=key(name),
            on_change=form.only_one_kind_of_service if name == "svc" else None,
            args=(key(name),) if name == "svc" else None,
        )
        setattr(draft, question, list(picked or []))
        why(f"why.{question}")
        if name == "svc":
            complain("svc", "check.missing_services")


def linked_question() -> None:
    with st.container(key="q-linked"):
        draft.linked = st.radio(
            t("q.linked"),
            options=list(form_draft.LINKED),
            index=form_draft.LINKED.index(draft.linked) if draft.linked else None,
            format_func=lambda v: t(f"answer.linked_{v}"),
            key=key("linked"),
        )
        why("why.linked")


def day_question(service: str, name: str) -> None:
    """The objection's day as typed text, empty until given: no day is ever assumed."""
    typed = st.text_input(
        t("q.objection_date", service=name),
        value=form_draft.day_text(draft, service, t.lang),
        placeholder=t("check.day_placeholder"),
        max_chars=10,
        key=key(f"obj_{service}_date"),
    )
    draft.objection_text[service] = typed
    draft.objection_day[service], problem = form_draft.parse_day(typed, today())
    if problem:
        st.error(t(problem), icon=":material/error:")
    complain(f"obj_{service}", "check.missing_date")


def objection_question(service: str) -> None:
    name = service_name(service)
    with st.container(key=f"q-obj-{service}"):
        choice = st.radio(
            t("q.objection", service=name),
            options=list(form_draft.OBJECTION_CHOICES),
            index=form_draft.OBJECTION_CHOICES.index(draft.objection.get(service, form_draft.NOT_YET)),
            format_func=lambda c: t(f"answer.objection_{c}"),
            key=key(f"obj_{service}_choice"),
        )
        draft.objection[service] = choice
        if choice == form_draft.ON_DATE:
            day_question(service, name)
        why("why.objection")


age_question()
if draft.age is not None and draft.age < 18:
    birthdate_question()
service_question("svc", [*SERVICES, NO_SERVICE])
services = [s for s in draft.services if s != NO_SERVICE]
service_question("pub", [s for s in PUBLIC_CAPABLE if s in services])
service_question("ai", [s for s in AI_CAPABLE if s in services])
if set(OBJECTION_CAPABLE) <= set(services):
    linked_question()
for service in OBJECTION_CAPABLE:
    if service in services:
        objection_question(service)

st.write("")
clicked = st.button(t("check.submit"), type="primary", key="submit", width="stretch", on_click=form.ask)
if form.asked() and form_draft.missing(draft):
    with st.container(key="submit-problems"):
        st.error(t("check.missing"), icon=":material/error:")
elif clicked:
    answers = stamped(form_draft.answers_from_draft(draft, t.lang), today(), kb().meta.version)
    remember(answers)
    st.switch_page("pages/result.py", query_params=params(answers))
st.caption(t("check.privacy"))
footer(t)
