"""The result for one answer set, built once and shared by every session that opens the same link today."""

from __future__ import annotations

import functools
from base64 import b64encode
from dataclasses import dataclass
from datetime import date
from html import escape

import altair as alt
import pandas as pd
import streamlit as st
import vl_convert

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

# Altair's default theme adds a fixed 300 px view size (st.altair_chart switches to "none" for each
# conversion). Set once for the process, so that no conversion, here or in st.altair_chart on another page,
# flips this process-wide setting while another thread reads it.
alt.theme.enable("none")


# Answer sets whose result stays built (least recently used first out): ~0.1 MB each (bench/flood.py).
BUNDLES_KEPT = 2048

# The chart's drawing width in CSS px, legend and lane names included: a phone's column (375 px screen) shows
# it at its own size; wider columns scale it up to at most MAX_SCALE, so that its text stays in proportion.
CHART_WIDTH = 340
MAX_SCALE = 1.35  # 12 px labels grow to the page's 16 px at most
# Text sizes in the drawing (CSS px at scale 1): Vega's own 10/11 px are too small next to the page's 16 px.
LABEL_SIZE, TITLE_SIZE = 12, 13


@dataclass(frozen=True)
class Bundle:
    """What the result page shows for one answer set, nothing more (the cache holds up to BUNDLES_KEPT).

    Kept cheap for the garbage collector: the chart is SVG text, not live objects.
    """

    view: ResultView
    chart_svg: str  # the chart drawn once on the server: no chart code (Vega, ~290 KB) goes to the browser
    table: pd.DataFrame  # the chart's facts as a table, for screen readers
    summary_html: str  # the summary download: one page, no script, printable
    ics: bytes | None


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as static SVG (Vega's own renderer, offline, no script in it), CHART_WIDTH px wide in all."""
    spec = chart.to_dict()
    spec["width"] = CHART_WIDTH
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    config = spec.setdefault("config", {})
    for part in ("axis", "legend"):
        config[part] = {**config.get(part, {}), "labelFontSize": LABEL_SIZE, "titleFontSize": TITLE_SIZE}
    return vl_convert.vegalite_to_svg(spec)


# A process-wide cache of its own, not st.cache_*: any visitor can send Streamlit's `clear_cache` message,
# which empties every st.cache_data and st.cache_resource of the process (a bystander's median went from 51 to
# 293 ms while one visitor kept sending it). functools' cache is out of its reach. Thread-safe; two sessions
# missing the same link at once both build it (harmless: the same bundle).
@functools.lru_cache(maxsize=BUNDLES_KEPT)
def bundle(answers: Answers, today: date, link: str) -> Bundle:
    result = build_result(answers, kb(), today, link)
    return Bundle(result.view, chart_svg(result.chart), result.table, result.summary_html, result.ics)


def show_chart(result: Bundle, alt_text: str) -> None:
    """The SVG as an image: its alt text is the accessible name (the same facts follow as a table).

    An <img> and not inline SVG: st.html lets only HTML through, and an image's SVG can never run anything.
    """
    source = "data:image/svg+xml;base64," + b64encode(result.chart_svg.encode()).decode("ascii")
    style = f"display:block;width:100%;height:auto;max-width:{round(CHART_WIDTH * MAX_SCALE)}px"
    st.html(f'<img src="{source}" alt="{escape(alt_text)}" style="{style}">')
