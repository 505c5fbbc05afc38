"""Check: the questions. Opens prefilled from the link's parameters, so "change my answers" works anywhere.

The answers live in a draft of stable values (kicheck/form_draft.py, kept by ui/questionnaire.py); every
widget is keyed per language and only shows and edits it, so a language switch keeps every answer.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from kicheck import form_draft
from kicheck.answers import AI_CAPABLE, NO_SERVICE, PUBLIC_CAPABLE, SERVICES, stamped
from kicheck.link import params
from ui import questionnaire as form
from ui.common import (
    SUBMITTED,
    arrived,
    footer,
    header,
    kb,
    opened_link,
    remember,
    texts,
    today,
)
from ui.router import through_app

through_app()
t = texts()
header(t, "check.title", "nav.check")
st.write(t("check.intro"))

draft = form.current_draft(opened_link(), today(), arrived())


def key(name: str) -> str:
    """A widget key per language and per "for whom": a widget's state holds its labels, which a language
    switch or "for my child" changes."""
    return f"{name}-{t.lang}-child" if draft.who == "child" else f"{name}-{t.lang}"


def why(text_key: str) -> None:
    st.caption(t(text_key))


def complain(problem: str, text_key: str) -> None:
    """Say next to the question what is missing (only after the person asked for the result)."""
    if form.asked() and problem in form_draft.missing(draft):
        st.error(t(text_key), icon=":material/error:")


def service_name(code: str) -> str:
    if code in AI_ANSWERS:
        return t(AI_ANSWERS[code])
    return t("answer.no_account") if code == NO_SERVICE else kb().services[code].name


def choice(
    label: str, options: tuple[str, ...], chosen: str | None, answers: str, widget: str, **kw
) -> str | None:
    """A single choice that starts unanswered unless the draft holds an answer; options read as
    texts "answer.<answers>_<option>"."""
    return st.radio(
        label,
        options=list(options),
        index=options.index(chosen) if chosen else None,
        format_func=lambda v: t(f"answer.{answers}_{v}"),
        key=widget,
        **kw,
    )


def who_question() -> None:
    """Whom the check is for, never preselected: a parent's answers are about their child, and the pages say
    "Ihr Kind" from here on."""
    global t
    with st.container(key="q-who"):
        # not key(): its own answer must not renew the widget
        draft.who = choice(t("q.who"), form_draft.WHO, draft.who, "who", f"who-{t.lang}", horizontal=True)
        why("why.who")
        complain("who", "check.missing_who")
    t = replace(t, for_child=draft.who == "child")


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
        # Never preselected: "correct" chosen for a parent who never looked would hide the real risk.
        draft.birthdate = choice(t("q.birthdate"), form_draft.BIRTHDATE, draft.birthdate, "bd", key("bd"))
        why("why.birthdate")
        complain("bd", "check.missing_birthdate")


QUESTION = {"svc": "services", "pub": "public", "ai": "ai"}  # widget name -> question and draft field
# The pills that stand alone, and the callback that keeps them alone.
ALONE = {"svc": form.only_one_kind_of_service, "ai": form.only_one_kind_of_ai_answer}
AI_ANSWERS = {form_draft.AI_NOWHERE: "answer.ai_none", form_draft.AI_UNKNOWN: "answer.ai_unknown"}


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
            on_change=ALONE.get(name),
            args=(key(name),) if name in ALONE else None,
        )
        setattr(draft, question, list(picked or []))
        if name == "ai":
            st.caption(t("what.meta_ai"))
        why(f"why.{question}")
        if name == "svc":
            st.caption(t("check.keyboard_hint"))
        if name in ("svc", "ai"):
            complain(name, f"check.missing_{question}")


def linked_question() -> None:
    with st.container(key="q-linked"):
        draft.linked = choice(t("q.linked"), form_draft.LINKED, draft.linked, "linked", key("linked"))
        why("why.linked")
        complain("linked", "check.missing_linked")


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
    complain(f"date_{service}", "check.missing_date")


def objection_question(service: str) -> None:
    name = service_name(service)
    with st.container(key=f"q-obj-{service}"):
        answer = choice(
            t("q.objection", service=name),
            form_draft.OBJECTION_CHOICES,
            draft.objection.get(service),
            "objection",
            key(f"obj_{service}_choice"),
        )
        if answer is None:
            draft.objection.pop(service, None)
        else:
            draft.objection[service] = answer
        if answer == form_draft.ObjectionChoice.ON_DATE:
            day_question(service, name)
        why("why.objection")
        complain(f"obj_{service}", "check.missing_objection")


who_question()
age_question()
if form_draft.asks_birthdate(draft):
    birthdate_question()
service_question("svc", [*SERVICES, NO_SERVICE])
services = [s for s in draft.services if s != NO_SERVICE]
service_question("pub", [s for s in PUBLIC_CAPABLE if s in services])
ai_services = [s for s in AI_CAPABLE if s in services]
service_question("ai", [*ai_services, *AI_ANSWERS] if ai_services else [])
if form_draft.asks_linked(draft):
    linked_question()
for service in draft.objection_services:
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
    st.session_state[SUBMITTED] = True
    st.switch_page("pages/result.py", query_params=params(answers))
st.caption(t("check.privacy"))
footer(t)
