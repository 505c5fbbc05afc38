"""The result for one answer set, built once and shared by every session that opens the same link today."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from hashlib import sha256

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st

from kicheck.answers import Answers
from kicheck.outputs import build_result
from kicheck.present import ResultView
from ui.common import kb

# Badge colours per status; the badge always carries the status label as text too.
STATUS_BADGE = {
    "in_use": "red",
    "partly": "orange",
    "protected": "green",
    "not_affected": "gray",
    "unclear": "violet",  # neither used nor not: its own colour, not a shade of "protected" or "in use"
}

# Altair's default theme adds a fixed 300 px view size that st.altair_chart strips anyway (it switches to
# "none" for each conversion). Set once for the process, so that no conversion, here or in st.altair_chart on
# another page, flips this process-wide setting while another thread reads it.
alt.theme.enable("none")


@dataclass(frozen=True)
class Bundle:
    """What the result page shows for one answer set, nothing more (the cache holds up to 2048 of them).

    Kept cheap for the garbage collector: the chart is JSON text plus Arrow bytes, not live objects.
    """

    view: ResultView
    chart_spec: str  # the chart's Vega-Lite spec (Altair's to_json), its datasets by name only
    chart_data: dict[str, bytes]  # those datasets, Arrow IPC bytes (what Streamlit itself sends)
    table: pd.DataFrame  # the chart's facts as a table, for screen readers
    markdown: str
    ics: bytes | None


def _arrow(frame: pd.DataFrame) -> bytes:
    """A DataFrame as Arrow IPC stream bytes, the form st.vega_lite_chart passes on untouched."""
    table = pa.Table.from_pandas(frame)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _named(chart: alt.TopLevelMixin, datasets: dict[str, bytes]) -> alt.TopLevelMixin:
    """A copy of the chart whose DataFrames are named references; the frames go to `datasets` as Arrow.

    Altair would inline the rows as JSON (through its process-wide data transformer, which Streamlit also
    switches while converting a chart); named data keeps both out of it.
    """
    copied = chart.copy(deep=False)
    if isinstance(copied.data, pd.DataFrame):
        data = _arrow(copied.data)
        name = sha256(data).hexdigest()[:32]
        datasets[name] = data
        copied.data = alt.NamedData(name)
    if isinstance(copied, alt.LayerChart):
        copied.layer = [_named(layer, datasets) for layer in copied.layer]
    return copied


def vega_lite_payload(chart: alt.TopLevelMixin) -> tuple[str, dict[str, bytes]]:
    """An Altair chart as st.vega_lite_chart takes it: the spec as JSON text, the datasets as Arrow bytes."""
    datasets: dict[str, bytes] = {}
    return _named(chart, datasets).to_json(indent=None), datasets


@st.cache_resource(show_spinner=False, max_entries=2048)
def bundle(answers: Answers, today: date, link: str) -> Bundle:
    result = build_result(answers, kb(), today, link)
    spec, datasets = vega_lite_payload(result.chart)
    return Bundle(result.view, spec, datasets, result.table, result.markdown, result.ics)


def timeline_chart(result: Bundle, alt_text: str) -> None:
    """The chart as st.altair_chart(chart, width="stretch", alt=alt_text) sends it, without converting."""
    spec = json.loads(result.chart_spec)  # a fresh dict: Streamlit moves the datasets out of the spec it gets
    spec["datasets"] = dict(result.chart_data)
    st.vega_lite_chart(spec, width="stretch", alt=alt_text)
