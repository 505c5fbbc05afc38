"""The general chronology (data/events.yaml) as rows and a chart, with each event's sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from kicheck.knowledge import Knowledge, Source
from kicheck.texts import Texts

KIND_ORDER = ("meta", "authority", "court", "consumer", "deadline", "start")
# One dark colour per kind (and a shape each, for colour-blind readers): each at least 4.5:1 against the
# white page, where graphics need 3:1 (WCAG 1.4.11). Streamlit's default palette gave 1.3-2:1.
KIND_COLOURS = ("#1f4e79", "#1b7837", "#762a83", "#b35806", "#a50026", "#404040")
AXIS_TEXT = "#31333f"  # the page's own text colour: the theme's grey axis labels had 3.7:1


@dataclass(frozen=True)
class ChronologyRow:
    date: date
    date_text: str
    kind_label: str
    title: str
    confidence: str
    sources: tuple[Source, ...]


def chronology_rows(k: Knowledge, t: Texts, today: date) -> tuple[ChronologyRow, ...]:
    rows = []
    for event in k.events:
        if event.date > today:
            continue
        sources = tuple(k.sources[s] for s in event.sources) + k.fact_sources(event.facts)
        date_text = t.date(event.date) + (f" ({t('timeline_page.approx')})" if event.approximate else "")
        rows.append(
            ChronologyRow(
                event.date,
                date_text,
                t(f"kind.{event.kind}"),
                t.pick(event.title),
                t.confidence(event.confidence),
                tuple(dict.fromkeys(sources)),
            )
        )
    return tuple(rows)


def chronology_chart(rows: tuple[ChronologyRow, ...], t: Texts) -> alt.Chart:
    frame = pd.DataFrame(
        [
            {"date": r.date.isoformat(), "date_text": r.date_text, "kind": r.kind_label, "title": r.title}
            for r in rows
        ]
    )
    kinds = [t(f"kind.{k}") for k in KIND_ORDER]
    return (
        alt.Chart(frame)
        .mark_point(filled=True, size=120, opacity=1)  # Vega fades filled points to 0.7: less contrast
        .encode(
            x=alt.X(
                "date:T",
                title=None,
                axis=alt.Axis(format="%m/%Y", labelAngle=0, tickCount=6, labelColor=AXIS_TEXT),
            ),
            y=alt.Y("kind:N", title=None, sort=kinds, axis=alt.Axis(labelColor=AXIS_TEXT)),
            shape=alt.Shape("kind:N", sort=kinds, legend=None),
            color=alt.Color(
                "kind:N", sort=kinds, legend=None, scale=alt.Scale(domain=kinds, range=list(KIND_COLOURS))
            ),
            tooltip=[
                alt.Tooltip("date_text:N", title=t("chart.date")),
                alt.Tooltip("title:N", title=t("chart.event")),
            ],
        )
        .properties(height=220)
    )
