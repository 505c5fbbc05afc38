"""Everything one answer set gives the person, built in one go (and cached by the page layer): the verdict in
words, the timeline chart and its table, the Markdown export and the calendar reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from kicheck import report
from kicheck.answers import Answers
from kicheck.chart import timeline_chart
from kicheck.knowledge import Knowledge
from kicheck.personal_timeline import Timeline, build
from kicheck.present import ResultView, result_view
from kicheck.texts import Texts
from kicheck.verdict import decide


@dataclass(frozen=True)
class Result:
    view: ResultView
    chart: alt.LayerChart
    table: pd.DataFrame  # the chart's facts as a table, for screen readers
    markdown: str
    summary_html: str  # the download: a self-contained page a phone opens without an app
    ics: bytes | None  # None when no reminder fits


def timeline_table(timeline: Timeline, t: Texts) -> pd.DataFrame:
    rows = [(p.lane, p.kind_label, p.date_text) for p in timeline.periods]
    rows += [(t("table.marked_date"), m.label, m.date_text) for m in timeline.markers if m.kind != "event"]
    return pd.DataFrame(rows, columns=[t("table.what"), t("table.meaning"), t("table.when")])


def build_result(answers: Answers, knowledge: Knowledge, today: date, link: str) -> Result:
    t = Texts(knowledge, answers.lang, for_child=answers.for_child)
    verdict = decide(answers, knowledge, today)
    view = result_view(verdict, t)
    timeline = build(verdict, t)
    reminders = report.reminders(verdict, t, link)
    return Result(
        view=view,
        chart=timeline_chart(timeline, t),
        table=timeline_table(timeline, t),
        markdown=report.markdown(view, verdict, t, link),
        summary_html=report.summary_html(view, verdict, t, link),
        ics=report.ics(reminders, today) if reminders else None,
    )
