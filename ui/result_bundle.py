"""The result for one answer set, built once and shared by every session that opens the same link today."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from kicheck.answers import Answers
from kicheck.outputs import build_result
from kicheck.present import ResultView
from ui.common import freeze_long_lived, kb

try:  # Streamlit's own Altair -> Vega-Lite conversion, the one st.altair_chart runs on every render
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as _vega_lite_spec
except ImportError:  # another Streamlit: the page renders the Altair chart itself (slower, same chart)
    _vega_lite_spec = None

# Badge colours per status; the badge always carries the status label as text too.
STATUS_BADGE = {"in_use": "red", "partly": "orange", "protected": "green", "not_affected": "gray"}


@dataclass(frozen=True)
class Bundle:
    """What the result page shows for one answer set, nothing more (the cache holds up to 2048 of them)."""

    view: ResultView
    chart: dict | alt.LayerChart  # the Vega-Lite spec with its Arrow datasets, converted once
    table: pd.DataFrame  # the chart's facts as a table, for screen readers
    markdown: str
    ics: bytes | None


@st.cache_resource(show_spinner=False, max_entries=2048)
def bundle(answers: Answers, today: date, link: str) -> Bundle:
    result = build_result(answers, kb(), today, link)
    chart = _vega_lite_spec(result.chart) if _vega_lite_spec else result.chart
    built = Bundle(result.view, chart, result.table, result.markdown, result.ics)
    freeze_long_lived("first result")  # Altair and pandas are loaded now
    return built


def timeline_chart(result: Bundle, alt_text: str) -> None:
    """The chart, exactly as st.altair_chart(chart, width="stretch", alt=alt_text) sends it."""
    if isinstance(result.chart, dict):
        # Streamlit edits the spec it is given (datasets move to the message): each render gets a copy.
        st.vega_lite_chart(copy.deepcopy(result.chart), width="stretch", alt=alt_text)
    else:
        st.altair_chart(result.chart, width="stretch", alt=alt_text)
