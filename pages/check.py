"""Check: the questions. Opens prefilled from the link's parameters, so "change my answers" works anywhere."""

from __future__ import annotations

from datetime import date

import streamlit as st

from kicheck.answers import AI_CAPABLE, EARLIEST_OBJECTION, PUBLIC_CAPABLE, SERVICES, Answers, decode, params
from kicheck.questions import BY_DEADLINE, ObjectionChoice, answers_from_form, objection_choice
from ui.common import footer, header, kb, leave_legacy_pages_mode, query_lists, texts, today

leave_legacy_pages_mode()
t = texts()
header(t, "check.title", "nav.check")
st.write(t("check.intro"))

prefill: Answers = decode(query_lists(), today()).answers


def why(key: str) -> None:
    st.caption(t(key))


def service_name(code: str) -> str:
    return kb().services[code].name


with st.container(key="q-age"):
    age = st.number_input(
        t("q.age"),
        min_value=0,
        max_value=120,
        value=prefill.age,
        step=1,
        placeholder=t("q.age.placeholder"),
        key="age",
    )
    why("why.age")

bd_wrong = False
if age is not None and age < 18:
    with st.container(key="q-birthdate"):
        bd = st.radio(
            t("q.birthdate"),
            options=["ok", "wrong"],
            index=1 if prefill.birthdate_wrong else 0,
            format_func=lambda v: t(f"answer.bd_{v}"),
            key="bd",
        )
        why("why.birthdate")
        bd_wrong = bd == "wrong"


def service_question(key: str, options: list[str], chosen) -> list[str]:
    """A multiple choice among services (pills), with its 'why we ask'; [] when no option applies."""
    if not options:
        return []
    with st.container(key=f"q-{key}"):
        picked = st.pills(
            t(f"q.{QUESTION[key]}"),
            options=options,
            selection_mode="multi",
            default=[s for s in options if s in chosen],
            format_func=service_name,
            key=key,
        )
        why(f"why.{QUESTION[key]}")
    return list(picked or [])


QUESTION = {"svc": "services", "pub": "public", "ai": "ai"}
services = service_question("svc", list(SERVICES), prefill.services)
public = service_question("pub", [s for s in PUBLIC_CAPABLE if s in services], prefill.public)
ai = service_question("ai", [s for s in AI_CAPABLE if s in services], prefill.ai)

linked = False
if "fb" in services and "ig" in services:
    with st.container(key="q-linked"):
        linked_choice = st.radio(
            t("q.linked"),
            options=["yes", "no", "unknown"],
            index=0 if prefill.linked else 1,
            format_func=lambda v: t(f"answer.linked_{v}"),
            key="linked",
        )
        why("why.linked")
        linked = linked_choice == "yes"

objections: dict[str, date] = {}
for service in ("fb", "ig"):
    if service not in services:
        continue
    with st.container(key=f"q-obj-{service}"):
        initial = objection_choice(prefill.objection(service))
        choice = st.radio(
            t("q.objection", service=service_name(service)),
            options=list(ObjectionChoice),
            index=list(ObjectionChoice).index(initial.choice),
            format_func=lambda c: t(f"answer.objection_{c.value}"),
            key=f"obj_{service}_choice",
        )
        when = None
        if choice is ObjectionChoice.ON_DATE:
            when = st.date_input(
                t("q.objection_date", service=service_name(service)),
                value=initial.day or today(),
                min_value=EARLIEST_OBJECTION,
                max_value=today(),
                format="DD.MM.YYYY" if t.lang == "de" else "DD/MM/YYYY",
                key=f"obj_{service}_date",
            )
        elif choice is ObjectionChoice.BY_DEADLINE:
            when = BY_DEADLINE
        if when is not None:
            objections[service] = when
        why("why.objection")

answers = answers_from_form(t.lang, age, bd_wrong, services, public, ai, linked, objections)
st.write("")
if st.button(t("check.submit"), type="primary", key="submit", width="stretch"):
    st.switch_page("pages/result.py", query_params=params(answers))
st.caption(t("check.privacy"))
footer(t)
