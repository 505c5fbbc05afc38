"""The general chronology (data/events.yaml) as rows and a chart, with each event's sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from kicheck.knowledge import Knowledge, Source
from kicheck.texts import Texts

KIND_ORDER = ("meta", "authority", "court", "consumer", "deadline", "start")


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
        .mark_point(filled=True, size=120)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%m/%Y", labelAngle=0, tickCount=6)),
            y=alt.Y("kind:N", title=None, sort=kinds),
            shape=alt.Shape("kind:N", sort=kinds, legend=None),
            color=alt.Color("kind:N", sort=kinds, legend=None),
            tooltip=[
                alt.Tooltip("date_text:N", title=t("chart.date")),
                alt.Tooltip("title:N", title=t("chart.event")),
            ],
        )
        .properties(height=220)
    )
