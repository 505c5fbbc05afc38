"""The personal timeline: a verdict as rows for the chart (marked dates and, per service, its periods).

Plain rows (dataclasses), labelled in the page's language; the chart and the screen-reader table below it are
both drawn from these same rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from kicheck.answers import ordered
from kicheck.texts import Texts
from kicheck.verdict import Status, Verdict

# After a late objection there is no clean "protected" period (R1): what was public before the objection may
# still be used (disputed, F16) while new content is kept out; each has a lane of its own. A minor who chats
# with Meta AI is not affected for public content, and unclear for the chats (F28): "chats_unclear", also for
# the status Unclear (a service where those chats are all that could be used).
PERIOD_KINDS = (
    "may_be_used",
    "possibly_used",
    "protected",
    "not_affected",
    "earlier_disputed",
    "new_protected",
    "chats_unclear",
)
MARKER_KINDS = ("event", "start", "objection", "birthday", "today")


@dataclass(frozen=True)
class Marker:
    kind: str  # one of MARKER_KINDS
    start: date
    end: date | None  # a range (the 18th birthday), or None for a single day
    label: str
    date_text: str


@dataclass(frozen=True)
class Period:
    service: str
    lane: str  # the service's display name
    kind: str  # one of PERIOD_KINDS
    kind_label: str
    start: date
    end: date
    date_text: str


@dataclass(frozen=True)
class Timeline:
    markers: tuple[Marker, ...]
    periods: tuple[Period, ...]

    def period_records(self) -> list[dict]:
        return [asdict(p) for p in self.periods]


def build(verdict: Verdict, texts: Texts) -> Timeline:
    markers = _general_markers(verdict, texts) + _personal_markers(verdict, texts)
    periods = tuple(p for sv in verdict.services for p in _periods(sv, verdict, texts))
    return Timeline(
        markers=tuple(sorted(markers, key=lambda m: (m.start, MARKER_KINDS.index(m.kind)))),
        periods=periods,
    )


def _general_markers(verdict: Verdict, texts: Texts) -> list[Marker]:
    out = []
    for event in texts.knowledge.events:
        if event.date > verdict.today:
            continue
        kind = "start" if event.kind == "start" else "event"
        label = texts.pick(event.title)
        if kind == "start":
            label = texts("timeline.start")
        out.append(Marker(kind, event.date, None, label, texts.date(event.date)))
    return out


def _personal_markers(verdict: Verdict, texts: Texts) -> list[Marker]:
    out = []
    for service in ordered(verdict.answers.objections):
        when = verdict.answers.objections[service]
        # An objection before the start on a day not known is not drawn on a made-up day (the card says it).
        if verdict.answers.objection_day_known(service):
            label = texts("timeline.objection", service=texts.service(service))
            out.append(Marker("objection", when, None, label, texts.date(when)))
    span = verdict.adult_from
    if span is not None and not span.exact:
        # The range drawn starts at the training start when the birthday may have come before it: then the
        # day it marks is "the 18th birthday or the start", not the birthday itself.
        birthday = verdict.age.birthday_18
        clipped = birthday is not None and birthday.earliest < span.earliest
        label = texts("timeline.birthday_or_start" if clipped else "timeline.birthday")
        out.append(Marker("birthday", span.earliest, span.latest, label, texts.range(span)))
    out.append(Marker("today", verdict.today, None, texts("timeline.today"), texts.date(verdict.today)))
    return out


def _period(service: str, kind: str, start: date, end: date, texts: Texts, lane: str = "") -> Period:
    date_text = texts("date.from_to", start=texts.date(start), end=texts.date(end))
    name = texts.service(service)
    lane_name = texts(f"timeline.lane_{lane}", service=name) if lane else name
    return Period(service, lane_name, kind, texts(f"period.{kind}"), start, end, date_text)


def _periods(sv, verdict: Verdict, texts: Texts) -> list[Period]:
    today, code = verdict.today, sv.service
    if sv.status in (Status.NOT_AFFECTED, Status.UNCLEAR):
        # A minor's Meta AI chats (F28): Unclear where they are all there is, or beside public content that
        # is not used; one lane "chats: unclear" either way.
        kind = "chats_unclear" if sv.minor_ai_chats else "not_affected"
        return [_period(code, kind, verdict.training_start, today, texts)]
    if sv.status is Status.PROTECTED:
        # Day unknown (before the start): protected at least from the start on; no made-up day is shown.
        since = sv.protected_since if sv.objection_day_known else verdict.training_start
        return [_period(code, "protected", since, today, texts)]
    return _used_periods(sv, today, texts)


def _used_periods(sv, today: date, texts: Texts) -> list[Period]:
    """In use, or partly protected: used from the window's start; after a late objection, two lanes (R1)."""
    window, code = sv.window, sv.service
    lane = "earlier" if window.end is not None else ""
    out = []
    used_from = window.start.latest
    used_to = window.end if window.end is not None else today
    if not window.start.exact:
        # The 18th birthday is known only as a range: data may have been used from somewhere inside it.
        start, end = window.start.earliest, min(used_from, used_to)
        out.append(_period(code, "possibly_used", start, end, texts, lane))
    if used_to > used_from:
        out.append(_period(code, "may_be_used", used_from, used_to, texts, lane))
    if window.end is not None:
        out.append(_period(code, "earlier_disputed", window.end, today, texts, lane))
        out.append(_period(code, "new_protected", window.end, today, texts, "new"))
    return out
