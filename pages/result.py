"""Result: the personal verdict from the link's answers; always registered, so shared links work anywhere."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from kicheck.answers import decode, params, result_path
from kicheck.present import problem_lines
from kicheck.texts import Texts
from ui.common import base_url, footer, header, leave_legacy_pages_mode, query_lists, texts, today
from ui.result_bundle import STATUS_BADGE, bundle, timeline_chart

leave_legacy_pages_mode()
t: Texts = texts()
header(t, "result.title", "nav.result")

decoded = decode(query_lists(), today())
# A link without lang= opens in the language the visitor already chose (the link's own lang= wins).
answers = replace(decoded.answers, lang=t.lang)

if decoded.problems or decoded.more_problems:
    with st.container(key="link-notice", border=True):
        st.markdown(f"**{t('notice.title')}**")
        for line in problem_lines(decoded, t):
            st.text(line)  # plain text: a link's values are never rendered as Markdown or HTML

if not decoded.given:
    with st.container(key="no-answers"):
        st.info(t("result.no_answers"))
        st.page_link("pages/check.py", label=t("result.start_check"), query_params={"lang": t.lang})
    footer(t)
    st.stop()

link = base_url() + result_path(answers)
result = bundle(answers, today(), link)
view = result.view

st.header(view.summary)
for note in view.notes:
    st.caption(note)

for card in view.cards:
    with st.container(key=f"status-{card.code}", border=True):
        # The status is a text label on a coloured badge: never colour alone.
        st.markdown(f"### {card.name} &nbsp; :{STATUS_BADGE[card.status.value]}-badge[{card.status_label}]")
        st.markdown(f"**{card.window_text}**")
        for reason in card.reasons:
            st.markdown(f"- {reason}")
        if card.categories:
            st.markdown(
                f"**{t('result.categories')}:** "
                + "; ".join(f"{c.title} ({c.examples})" for c in card.categories)
            )
        for point in card.unclear:
            with (
                st.container(key=f"unclear-{card.code}-{point.fact_id}"),
                st.expander(f"{t('result.unclear')}: {point.topic}", icon=":material/help:"),
            ):
                st.markdown(point.text)
                for who, says in point.claims:
                    st.markdown(f"- *{who}:* {says}")

with st.container(key="actions"):
    st.header(t("result.actions"))
    for number, action in enumerate(view.actions, 1):
        with st.container(key=f"action-{action.id}", border=True):
            st.markdown(f"**{number}. {action.title}**")
            st.markdown(action.why)
            for form in action.links:
                st.markdown(f"[{form.title}]({form.url})" + (f"  \n{form.note}" if form.note else ""))

with st.container(key="timeline"):
    st.header(t("result.timeline"))
    timeline_chart(result, t("chart.alt", summary=view.summary))
    with st.expander(t("result.timeline_table")):
        st.table(result.table)

with st.container(key="share"):
    st.header(t("result.share"))
    st.code(link, language=None, wrap_lines=True)
    st.caption(t("result.share_note"))

with st.container(key="downloads"):
    st.header(t("result.downloads"))
    cols = st.columns(2)
    with cols[0]:
        st.download_button(
            t("result.download_md"),
            data=result.markdown,
            file_name=t("file.md"),
            mime="text/markdown",
            key="download-md",
            on_click="ignore",
            icon=":material/description:",
        )
    with cols[1]:
        if result.ics:
            st.download_button(
                t("result.download_ics"),
                data=result.ics,
                file_name=t("file.ics"),
                mime="text/calendar",
                key="download-ics",
                on_click="ignore",
                icon=":material/event:",
            )
        else:
            st.caption(t("result.no_reminder"))

st.page_link("pages/check.py", label=t("result.change"), query_params=params(answers), icon=":material/edit:")
footer(t)
