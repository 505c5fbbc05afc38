"""The timeline chart (Altair / Vega-Lite) drawn from a `Timeline`'s rows.

Colour always comes with a text label (legend, tooltips, and the table under the chart), never alone.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from kicheck.personal_timeline import PERIOD_KINDS, Timeline
from kicheck.texts import Texts

# Status colours, chosen to stay apart for the common colour-vision deficiencies (blue/orange, not red/green).
PERIOD_COLOURS = {
    "may_be_used": "#d95f02",
    "possibly_used": "#fdb863",
    "protected": "#1f78b4",
    "not_affected": "#b8c2cc",
    # the rules stream's kinds (R1: after a late objection; R4: a minor's Meta AI chats)
    "earlier_disputed": "#8073ac",
    "new_protected": "#a6cee3",
    "chats_unclear": "#c2a5cf",
}
LANE_STEP = 34  # pixels per service lane

MARKER_DASHES = {"event": [2, 3], "start": [1, 0], "objection": [6, 3], "birthday": [1, 0], "today": [2, 2]}
MARKER_COLOURS = {
    "event": "#7b8794",
    "start": "#b3261e",
    "objection": "#1f5f8b",
    "birthday": "#8e6bbf",
    "today": "#1b2631",
}


def _frame(records: list[dict]) -> pd.DataFrame:
    """Rows with dates as ISO strings: Vega-Lite reads them as dates, and the spec stays JSON."""
    return pd.DataFrame(
        [{k: v.isoformat() if isinstance(v, date) else v for k, v in r.items()} for r in records]
    )


def timeline_chart(timeline: Timeline, t: Texts) -> alt.LayerChart:
    periods = _frame(timeline.period_records())
    markers = _frame(timeline.marker_records())
    domain = [timeline.first.isoformat(), timeline.last.isoformat()]
    x_axis = alt.Axis(title=None, format="%m/%Y", labelAngle=0, tickCount=6)
    kinds = [k for k in PERIOD_KINDS if not periods.empty and k in set(periods["kind"])]
    labels = [t(f"period.{k}") for k in kinds]
    lanes = list(dict.fromkeys(periods["lane"])) if not periods.empty else []

    # Channels are typed (alt.X, alt.X2), never bare "start:T" strings: Altair resolves a string against its
    # whole schema (about 30 ms each, per chart); the spec is the same.
    layers = []
    if not periods.empty:
        layers.append(
            alt.Chart(periods)
            .mark_bar(height=18, cornerRadius=3)
            .encode(
                x=alt.X("start:T", scale=alt.Scale(domain=domain), axis=x_axis),
                x2=alt.X2("end:T"),
                y=alt.Y("lane:N", title=None, sort=lanes),
                color=alt.Color(
                    "kind_label:N",
                    title=None,
                    scale=alt.Scale(domain=labels, range=[PERIOD_COLOURS[k] for k in kinds]),
                    legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
                ),
                tooltip=[
                    alt.Tooltip("lane:N", title=t("chart.service")),
                    alt.Tooltip("kind_label:N", title=t("chart.period")),
                    alt.Tooltip("date_text:N", title=t("chart.dates")),
                ],
            )
        )
    general = markers[markers["kind"] == "event"]
    personal = markers[(markers["kind"] != "event") & markers["end"].isna()]
    band = markers[markers["end"].notna()]
    tooltip = [
        alt.Tooltip("date_text:N", title=t("chart.date")),
        alt.Tooltip("label:N", title=t("chart.event")),
    ]
    if not band.empty:
        layers.append(
            alt.Chart(band)
            .mark_rect(opacity=0.18, color=MARKER_COLOURS["birthday"])
            .encode(x=alt.X("start:T"), x2=alt.X2("end:T"), tooltip=tooltip)
        )
    layers.append(
        alt.Chart(general)
        .mark_rule(strokeDash=[2, 3], color=MARKER_COLOURS["event"])
        .encode(x=alt.X("start:T"), tooltip=tooltip)
    )
    # The person's own dates: colour and dash pattern per kind, named in the legend (never colour alone).
    own = personal.drop_duplicates("label").sort_values("start")
    labels_own = list(own["label"])
    layers.append(
        alt.Chart(personal)
        .mark_rule(strokeWidth=2.5)
        .encode(
            x=alt.X("start:T"),
            color=alt.Color(
                "label:N",
                title=None,
                sort=labels_own,
                scale=alt.Scale(domain=labels_own, range=[MARKER_COLOURS[k] for k in own["kind"]]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
            ),
            strokeDash=alt.StrokeDash(
                "label:N",
                legend=None,
                scale=alt.Scale(domain=labels_own, range=[MARKER_DASHES[k] for k in own["kind"]]),
            ),
            tooltip=tooltip,
        )
    )
    # A step per lane, not a fixed height: Streamlit's renderer ignores a layered chart's fixed height and
    # draws all lanes on one line (seen in Chromium); a step sizes the band scale itself.
    height = alt.Step(LANE_STEP) if lanes else 70
    # One constructor instead of .resolve_scale().properties().configure_view(): each of those deep-copies
    # every layer again. The spec is the same.
    return alt.LayerChart(
        layer=layers,
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="independent", strokeDash="independent")),
        height=height,
        title=t("chart.title"),
        config=alt.Config(view=alt.ViewConfig(stroke=None)),
    )
