"""Chronology: what happened (announcement, authorities, courts, start, later events), with sources."""

from __future__ import annotations

import streamlit as st

from kicheck.changelog import proceedings_line
from kicheck.chart import quiet_config
from kicheck.chronology import chronology_chart, chronology_rows
from ui.common import footer, header, kb, texts, today
from ui.router import through_app

through_app()
t = texts()
header(t, "timeline_page.title", "nav.timeline")
st.write(t("timeline_page.intro"))
with st.container(key="proceedings"):
    st.info(proceedings_line(t), icon=":material/gavel:")  # where the courts stand, with its date

rows = chronology_rows(kb(), t, today())
with st.container(key="chronology-chart"):
    # Without Vega's own ARIA texts: they are English; the alt text and the list below say it all. The alt
    # text is the chart's description (Streamlit sets it in the browser); a description in the spec as well
    # made Streamlit log a 2.5 KB warning with a stack trace on every visit.
    chart = chronology_chart(rows, t)
    chart.config = quiet_config(t.lang)
    st.altair_chart(chart, width="stretch", alt=t("timeline_page.chart_alt"))

with st.container(key="chronology"):
    for row in rows:
        with st.container(key=f"event-{row.date.isoformat()}", border=True):
            st.markdown(f"**{row.date_text}** – {row.title}")
            # Small, not a caption: links in a caption's faded colour fail WCAG contrast (axe, tests/e2e).
            st.markdown(
                f":small[{t('timeline_page.confidence')}: {row.confidence} · "
                + " · ".join(f"[{s.publisher}: {s.title}]({s.url})" for s in row.sources)
                + "]"
            )
footer(t)
