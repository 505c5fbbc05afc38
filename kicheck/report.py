"""Downloads: the result as a Markdown summary, and calendar reminders (.ics) where one fits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from kicheck.present import ResultView
from kicheck.texts import Texts
from kicheck.verdict import Verdict, eighteenth_birthday

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
    lines += ["", f"## {t('md.verdicts')}", ""]
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
    for note in view.notes:
        lines += [f"> {note}", ""]
    lines += [f"## {t('md.actions')}", ""]
    for i, action in enumerate(view.actions, 1):
        lines += [f"{i}. **{action.title}** – {action.why}"]
        lines += [
            f"   - [{link_.title}]({link_.url})" + (f" – {link_.note}" if link_.note else "")
            for link_ in action.links
        ]
    lines += ["", f"## {t('md.link')}", "", link, "", f"## {t('md.sources')}", ""]
    lines += [
        f"- {s.publisher}: [{s.title}]({s.url}) – {s.confidence}; {t('sources.read', month=s.read)}"
        for s in view.sources
    ]
    lines += ["", "---", "", view.version_line, "", t("disclaimer.short"), ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class Reminder:
    day: date
    summary: str
    description: str


def reminders(verdict: Verdict, t: Texts, link: str) -> tuple[Reminder, ...]:
    """Reminders that fit this result: none is made up for a result that needs none."""
    out: list[Reminder] = []
    answers = verdict.answers
    uses_form_service = bool(answers.services & {"fb", "ig", "th"})
    if answers.is_minor and not answers.birthdate_wrong and uses_form_service:
        # The 18th birthday is known only as a range; remind on its earliest possible day.
        turns_18 = eighteenth_birthday(answers.age, verdict.today).earliest
        out.append(Reminder(turns_18, t("ics.turn18.summary"), t("ics.turn18.description", link=link)))
    if any(answers.objection(s) for s in ("fb", "ig")) or any(
        a.id.startswith("object") for a in verdict.actions
    ):
        day = verdict.today + timedelta(days=1)
        out.append(Reminder(day, t("ics.confirmation.summary"), t("ics.confirmation.description", link=link)))
    return tuple(out)


def ics(items: tuple[Reminder, ...], stamp: date) -> bytes:
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
