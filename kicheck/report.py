"""Downloads: the result as Markdown and as a self-contained HTML page, and calendar reminders (.ics) where
one fits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import jinja2
from icalendar import Alarm, Calendar, Event

from kicheck.present import ResultView, SourceRef
from kicheck.texts import Texts
from kicheck.verdict import Verdict

PRODID = "-//Meta-KI-Check//Reminders//EN"


def markdown(view: ResultView, verdict: Verdict, t: Texts, link: str) -> str:
    """The result as Markdown: date, answers, verdicts, actions with links, sources, knowledge version."""
    lines = [
        f"# {t('md.title')}",
        "",
        f"{t('md.date')}: {t.date(verdict.today)}",
        "",
        f"**{view.summary}**",
        "",
    ]
    lines += [f"## {t('md.answers')}", ""]
    lines += [f"- {question}: {answer}" for question, answer in view.answers]
    # No heading over nothing: a person without an account has no service to judge.
    lines += ["", f"## {t('md.verdicts')}", ""] if view.cards else [""]
    for card in view.cards:
        lines += [f"### {card.name}: {card.status_label}", "", card.window_text, ""]
        lines += [f"- {r}" for r in card.reasons]
        if card.categories:
            lines += ["", f"{t('result.categories')}:"]
            lines += [f"- {c.title} ({c.examples})" for c in card.categories]
        for point in card.unclear:
            lines += ["", f"{t('result.unclear')}: {point.topic}. {point.text}"]
            lines += [f"- {who}: {says}" for who, says in point.claims]
        lines.append("")
    for note in (*view.notes, *view.if_known):
        lines += [f"> {note}", ""]
    lines += [f"## {t('md.actions')}", ""]
    for i, action in enumerate(view.actions, 1):
        lines += [f"{i}. **{action.title}** – {action.why}"]
        lines += [
            f"   - [{link_.title}]({link_.url})" + (f" – {link_.note}" if link_.note else "")
            for link_ in action.links
        ]
    lines += ["", f"## {t('md.link')}", "", link, "", f"## {t('md.sources')}", ""]
    lines += [f"- {_source_line(s, t)}" for s in view.sources]
    lines += ["", "---", "", view.version_line, "", t("disclaimer.short"), ""]
    return "\n".join(lines)


_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # every answer, text and link is escaped: the page is text, never markup from a link
    trim_blocks=True,
    lstrip_blocks=True,
)


def summary_html(view: ResultView, verdict: Verdict, t: Texts, link: str) -> str:
    """The result as one self-contained HTML page (no script, no outside file): a phone opens it in its
    browser without an app, and it prints to PDF. The same view as the page and the Markdown."""
    return _TEMPLATES.get_template("summary.html.j2").render(
        lang=t.lang,
        title=t("md.title"),
        date_label=t("md.date"),
        date=t.date(verdict.today),
        view=view,
        verdicts_label=t("md.verdicts"),
        categories_label=t("result.categories"),
        unclear_label=t("result.unclear"),
        actions_label=t("md.actions"),
        answers_label=t("md.answers"),
        link_label=t("md.link"),
        link=link,
        sources_label=t("md.sources"),
        sources=[_source_text(s, t) for s in view.sources],
        disclaimer=t("disclaimer.short"),
    )


def _source_text(s: SourceRef, t: Texts) -> str:
    published = f"{t('sources.published', date=s.published)}; " if s.published else ""
    return (
        f"{s.publisher}: {s.title} ({s.url}) – {s.confidence}; {published}{t('sources.read', month=s.read)}"
    )


def _source_line(s: SourceRef, t: Texts) -> str:
    published = f"{t('sources.published', date=s.published)}; " if s.published else ""
    return (
        f"{s.publisher}: [{s.title}]({s.url}) – {s.confidence}; {published}{t('sources.read', month=s.read)}"
    )


@dataclass(frozen=True)
class CalendarEntry:
    day: date
    summary: str
    description: str


def reminders(verdict: Verdict, t: Texts, link: str) -> tuple[CalendarEntry, ...]:
    """The verdict's reminders (verdict.reminders_due decides which fit) in words."""
    birthday = verdict.age.birthday_18  # the turn-18 text gives its range: only the person knows the day
    dates = {"earliest": t.date(birthday.earliest), "latest": t.date(birthday.latest)} if birthday else {}
    return tuple(
        CalendarEntry(r.day, t(f"ics.{r.kind}.summary"), t(f"ics.{r.kind}.description", link=link, **dates))
        for r in verdict.reminders
    )


def ics(items: tuple[CalendarEntry, ...], stamp: date) -> bytes:
    """An iCalendar file with one all-day event and a morning alarm per reminder."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for i, item in enumerate(items):
        event = Event()
        # A stable UID per reminder and day: importing the file twice updates instead of duplicating.
        event.add("uid", f"{item.day.isoformat()}-{i}@meta-ki-check")
        event.add("dtstamp", datetime.combine(stamp, time(0), tzinfo=UTC))  # RFC 5545: a UTC date-time
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", timedelta(hours=9))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
