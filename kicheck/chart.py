"""The timeline chart (Altair / Vega-Lite) drawn from a `Timeline`'s rows.

Made to be read on a phone, without hovering: every bar colour and every line has a legend entry, the axis
starts where the person's story starts and names months and years in the page's language, and the start of
training and an objection on (nearly) the same day stay both visible. Colour always comes with a text label
(legend, and the table under the chart), never alone.
"""

from __future__ import annotations

from datetime import date, timedelta

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
    "others": "#9e7bb5",  # what others post about a person without an account
}
# Period kinds this chart does not know yet (the rules may add some) get these, in order: never a crash.
SPARE_COLOURS = ("#7f7f7f", "#a6cee3", "#8c6d31", "#e7969c", "#637939")
LANE_STEP = 34  # pixels per service lane
MARGIN = timedelta(days=45)  # room left and right of the person's first and last date

# The person's own dates, drawn in this order: a wide, pale start line under a narrow dashed objection line,
# so the two stay visible when they fall on (nearly) the same day.
MARKERS = {  # kind -> (colour, dash pattern, line width)
    "start": ("#e8a29d", [1, 0], 7),
    "birthday": ("#8e6bbf", [1, 0], 2),
    "objection": ("#1f4e79", [5, 3], 2.5),
    "today": ("#1b2631", [2, 2], 2),
}
BAND_COLOUR = "#8e6bbf"  # the 18th birthday when it is known only as a range

MONTHS = {
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def _frame(records: list[dict]) -> pd.DataFrame:
    """Rows with dates as ISO strings: Vega-Lite reads them as dates, and the spec stays JSON."""
    return pd.DataFrame(
        [{k: v.isoformat() if isinstance(v, date) else v for k, v in r.items()} for r in records]
    )


def colour(kind: str, kinds: list[str]) -> str:
    """A kind's colour; unknown kinds take spare colours in the order they appear."""
    if kind in PERIOD_COLOURS:
        return PERIOD_COLOURS[kind]
    unknown = [k for k in kinds if k not in PERIOD_COLOURS]
    return SPARE_COLOURS[unknown.index(kind) % len(SPARE_COLOURS)]


def timeline_chart(timeline: Timeline, t: Texts) -> alt.LayerChart:
    # Draw order = MARKERS order: the wide start line under the others.
    markers = sorted(
        (m for m in timeline.markers if m.kind in MARKERS), key=lambda m: list(MARKERS).index(m.kind)
    )
    periods = timeline.period_records() or _others_lane(timeline, t)
    days = [p["start"] for p in periods] + [m.start for m in markers]
    domain = [(min(days) - MARGIN).isoformat(), (max(days) + MARGIN).isoformat()]
    layers = [_bars(_frame(periods), domain, t)]
    band = [m for m in markers if m.end is not None]
    if band:
        layers.append(_band(_frame([_record(m) for m in band]), markers, t("chart.dates_legend")))
    lines = [m for m in markers if m.end is None]
    layers.append(_lines(_frame([_record(m) for m in lines]), markers, t))
    # A step per lane, not a fixed height: Streamlit's renderer ignores a layered chart's fixed height and
    # draws all lanes on one line (seen in Chromium); a step sizes the band scale itself.
    # One constructor instead of .resolve_scale().properties().configure_view(): each of those deep-copies
    # every layer again. The spec is the same.
    return alt.LayerChart(
        layer=layers,
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="independent")),
        height=alt.Step(LANE_STEP),
        config=quiet_config(t.lang),
    )


def quiet_config(lang: str) -> alt.Config:
    """No ARIA texts of Vega's own for axes, marks and legends: they are English ("X-axis for a time scale"),
    and the page gives the chart an alt text (its accessible name) and the same facts as a table. Months in
    the page's language."""
    off = {"aria": False}
    return alt.Config(
        view=alt.ViewConfig(stroke=None),
        axis=alt.AxisConfig(**off),
        legend=alt.LegendConfig(**off),
        mark=alt.MarkConfig(**off),
        locale=_locale(lang),
    )


def _record(marker) -> dict:
    return {"start": marker.start, "end": marker.end, "label": marker.label, "date_text": marker.date_text}


def _others_lane(timeline: Timeline, t: Texts) -> list[dict]:
    """Without an account no lane of one's own: what others post about the person may be used."""
    start = next(m.start for m in timeline.markers if m.kind == "start")
    end = next(m.start for m in timeline.markers if m.kind == "today")
    when = t("date.from_to", start=t.date(start), end=t.date(end))
    label = t("period.others")
    return [
        {
            "lane": t("chart.others_lane"),
            "kind": "others",
            "kind_label": label,
            "start": start,
            "end": end,
            "date_text": when,
        }
    ]


def _bars(periods: pd.DataFrame, domain: list[str], t: Texts) -> alt.Chart:
    kinds = [k for k in dict.fromkeys([*PERIOD_KINDS, *periods["kind"]]) if k in set(periods["kind"])]
    labels = [periods.loc[periods["kind"] == k, "kind_label"].iloc[0] for k in kinds]
    # Channels are typed (alt.X, alt.X2), never bare "start:T" strings: Altair resolves a string against its
    # whole schema (about 30 ms each, per chart); the spec is the same.
    return (
        alt.Chart(periods)
        .mark_bar(height=18, cornerRadius=3)
        .encode(
            x=alt.X("start:T", scale=alt.Scale(domain=domain), axis=_x_axis()),
            x2=alt.X2("end:T"),
            y=alt.Y(
                "lane:N", title=None, sort=list(dict.fromkeys(periods["lane"])), axis=alt.Axis(labelLimit=0)
            ),
            color=alt.Color(
                "kind_label:N",
                title=t("chart.periods"),
                scale=alt.Scale(domain=labels, range=[colour(k, kinds) for k in kinds]),
                legend=_legend(),
            ),
            tooltip=[
                alt.Tooltip("lane:N", title=t("chart.service")),
                alt.Tooltip("kind_label:N", title=t("chart.period")),
                alt.Tooltip("date_text:N", title=t("chart.dates")),
            ],
        )
    )


def _band(band: pd.DataFrame, lines: list, title: str) -> alt.Chart:
    """The 18th birthday known only as a range: a pale band, in the key dates' legend with the lines."""
    return (
        alt.Chart(band)
        .mark_rect(opacity=0.18, fill=BAND_COLOUR, strokeWidth=1)
        .encode(
            x=alt.X("start:T"),
            x2=alt.X2("end:T"),
            stroke=alt.Stroke("label:N", title=title, scale=_line_scale(lines, 0), legend=_legend("top")),
            tooltip=[alt.Tooltip("date_text:N"), alt.Tooltip("label:N")],
        )
    )


def _lines(lines: pd.DataFrame, markers: list, t: Texts) -> alt.Chart:
    """The person's own dates as vertical lines: colour, dash and width per kind, each named in the legend."""
    return (
        alt.Chart(lines)
        .mark_rule()
        .encode(
            x=alt.X("start:T"),
            stroke=alt.Stroke(
                "label:N", title=t("chart.dates_legend"), scale=_line_scale(markers, 0), legend=_legend("top")
            ),
            strokeDash=alt.StrokeDash("label:N", scale=_line_scale(markers, 1), legend=None),
            strokeWidth=alt.StrokeWidth("label:N", scale=_line_scale(markers, 2), legend=None),
            tooltip=[
                alt.Tooltip("date_text:N", title=t("chart.date")),
                alt.Tooltip("label:N", title=t("chart.event")),
            ],
        )
    )


def _line_scale(markers: list, index: int) -> alt.Scale:
    """Colour (0), dash (1) or width (2) of each key date, by its label; the legend keeps this order."""
    return alt.Scale(domain=[m.label for m in markers], range=[MARKERS[m.kind][index] for m in markers])


def _legend(orient: str = "bottom") -> alt.Legend:
    """Above or below the chart (a phone has no room beside it), one entry a line, never cut.

    Two legends side by side would not fit a phone: the key dates (lines) go on top, the periods below.
    """
    lines = {"symbolType": "stroke", "symbolOpacity": 1} if orient == "top" else {}
    return alt.Legend(
        orient=orient, direction="vertical", labelLimit=0, titleLimit=0, symbolStrokeWidth=3, **lines
    )


def _x_axis() -> alt.Axis:
    """Months and years, about every half year so the labels fit a phone."""
    return alt.Axis(
        title=None,
        format="%b %Y",
        labelAngle=0,
        tickCount={"interval": "month", "step": 6},
        labelOverlap=True,
    )


def _locale(lang: str) -> alt.Locale:
    """Month names in the page's language (Vega's own are English)."""
    months = MONTHS.get(lang, MONTHS["en"])
    return alt.Locale(
        time=alt.TimeLocale(
            dateTime="%x, %X",
            date="%d.%m.%Y" if lang == "de" else "%d/%m/%Y",
            time="%H:%M:%S",
            periods=["AM", "PM"],
            days=["1", "2", "3", "4", "5", "6", "7"],
            shortDays=["1", "2", "3", "4", "5", "6", "7"],
            months=months,
            shortMonths=months,
        )
    )
