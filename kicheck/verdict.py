"""The rules: answers + knowledge -> a verdict per service, and the actions that follow.

Every rule lives here, once, as a small pure function; the pages only render the result. The rule table is in
README.md ("Verdict rules") and each line has a table-driven test in tests/domain/test_verdict.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from kicheck.answers import Answers, ordered
from kicheck.knowledge import Knowledge


class Status(StrEnum):
    IN_USE = "in_use"
    PARTLY = "partly"
    PROTECTED = "protected"
    NOT_AFFECTED = "not_affected"


@dataclass(frozen=True)
class DateRange:
    """A date known only as a range (earliest..latest, both inclusive); earliest == latest when exact."""

    earliest: date
    latest: date

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest


@dataclass(frozen=True)
class Window:
    """The period in which a service's data may be (or may have been) used for training."""

    start: DateRange
    end: date | None  # None: still open (until an objection)


@dataclass(frozen=True)
class ServiceVerdict:
    service: str
    status: Status
    window: Window | None  # None when nothing was or is used
    protected_since: date | None  # effective objection date, when it protects
    objection: date | None  # the effective objection date (own, or the linked account's)
    objection_via: str | None  # the service whose objection counts, when it is another one (linked / Threads)
    categories: tuple[str, ...]  # category ids concerned (used in the window)
    reasons: tuple[str, ...]  # text keys explaining the status
    unclear: tuple[str, ...]  # fact ids of unclear points that bear on this verdict


@dataclass(frozen=True)
class Action:
    id: str
    services: tuple[str, ...] = ()  # the services it is about, filled into the action's title


@dataclass(frozen=True)
class Verdict:
    answers: Answers
    today: date
    training_start: date
    adult_for_meta: bool
    age_assumed: bool  # no age given: judged as an adult, said so on the page
    adult_from: DateRange | None  # when the person counts as an adult for Meta, from the start on
    services: tuple[ServiceVerdict, ...]
    actions: tuple[Action, ...]
    unclear: tuple[str, ...]  # all unclear facts that bear on this verdict

    def service(self, code: str) -> ServiceVerdict:
        return next(v for v in self.services if v.service == code)

    @property
    def in_use(self) -> tuple[ServiceVerdict, ...]:
        return tuple(v for v in self.services if v.status is Status.IN_USE)


# ---------------------------------------------------------------------------------------------- age


def adult_for_meta(answers: Answers) -> bool:
    """Meta goes by the profile: 18 or older, or a minor whose profile says 18+ (F10, F11)."""
    return answers.age is None or answers.age >= 18 or answers.birthdate_wrong


def eighteenth_birthday(age: int, today: date) -> DateRange:
    """When someone aged `age` today turned (or turns) 18: known only as a one-year range."""
    latest = _years_before(today, age - 18)
    earliest = _years_before(today, age - 17) + timedelta(days=1)
    return DateRange(earliest, latest)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def adult_from(answers: Answers, today: date, start: date) -> DateRange | None:
    """From when the person's data may be used: the start of training, or the 18th birthday if later.

    Ages 18 and 19 may have turned 18 after the start; the window then begins at the 18th birthday, which we
    know only as a range. A minor with a wrong (adult) birth date counts from the start.
    """
    if not adult_for_meta(answers):
        return None
    if answers.age is None or answers.birthdate_wrong:
        return DateRange(start, start)
    birthday = eighteenth_birthday(answers.age, today)
    return DateRange(max(start, birthday.earliest), max(start, birthday.latest))


# ---------------------------------------------------------------------------------------------- objections


def effective_objection(answers: Answers, service: str) -> tuple[date | None, str | None]:
    """The objection that counts for Facebook or Instagram: its own, or, when the accounts are linked in the
    Accounts Center, the earliest of both (one objection covers all linked accounts, F13).

    Returns the date and the service whose objection it is, when that is the other one.
    """
    own = answers.objection(service)
    if not answers.linked:
        return own, None
    other = "ig" if service == "fb" else "fb"
    theirs = answers.objection(other)
    if theirs is not None and (own is None or theirs < own):
        return theirs, other
    return own, None


# Which objection a service without a form of its own follows (all marked unclear, F3 / F20).
FOLLOWS_OBJECTION = {"th": "ig", "ms": "fb", "app": "fb"}


def _objection_for(answers: Answers, service: str) -> tuple[date | None, str | None]:
    if service in ("fb", "ig"):
        return effective_objection(answers, service)
    base = FOLLOWS_OBJECTION.get(service)
    if base is None:  # WhatsApp: no form; no objection elsewhere covers it
        return None, None
    when, via = effective_objection(answers, base)
    return when, (via or base) if when is not None else None


# ---------------------------------------------------------------------------------------------- per service


def categories_for(answers: Answers, service: str) -> tuple[str, ...]:
    """The kinds of data of this service that may be used, given the answers."""
    cats: list[str] = []
    if service in ("fb", "ig", "th"):
        cats.append("always_public")
        if service in answers.public:
            cats.append("public_posts")
    if service in answers.ai:
        cats.append("ai_chats")
    return tuple(cats)


def _unclear_for(answers: Answers, service: str, status: Status) -> tuple[str, ...]:
    facts: list[str] = []
    if service in ("th", "app"):
        facts.append("F3")
    if service == "ms" and service in answers.ai:
        facts.append("F20")
    if service == "app" and service in answers.ai:
        facts.append("F20")  # the Meta AI app follows the Facebook objection, as Messenger does
    if service == "wa" and service in answers.ai:
        facts.append("F18")
    if status is Status.PARTLY:
        facts.append("F16")
    if answers.birthdate_wrong or (answers.is_minor and status is Status.NOT_AFFECTED and service != "wa"):
        facts.append("F11")
    return tuple(dict.fromkeys(facts))


def judge_service(answers: Answers, service: str, today: date, start: date) -> ServiceVerdict:
    """One service's status: the table in README.md, "Verdict rules"."""
    adult = adult_from(answers, today, start)
    objection, via = _objection_for(answers, service)
    categories = categories_for(answers, service)
    reasons: list[str] = []

    if adult is None:
        status, window, protected = Status.NOT_AFFECTED, None, None
        reasons.append("reason.minor")
    elif service in ("wa", "ms", "app") and service not in answers.ai:
        # Only what people write to Meta AI is used there; private chats are not (F8, F17, F20).
        status, window, protected = Status.NOT_AFFECTED, None, None
        reasons.append(f"reason.{service}_no_ai")
        categories = ()
    elif service == "wa":
        status, window, protected = Status.IN_USE, Window(adult, None), None
        reasons.append("reason.wa_ai")
    elif objection is not None and objection < adult.earliest:
        # An objection before the window opened (before the start, or before turning 18): nothing was used.
        # 2024 objections count (F14).
        status, window, protected = Status.PROTECTED, None, objection
        reasons.append("reason.objected_before")
    elif objection is not None:
        # A late objection only protects from its date on; what was used before stays used (F15).
        status, window, protected = Status.PARTLY, Window(adult, objection), objection
        reasons.append("reason.objected_late")
    else:
        status, window, protected = Status.IN_USE, Window(adult, None), None
        reasons.append("reason.no_objection" if service in ("fb", "ig", "th") else "reason.ai_no_objection")

    if via is not None and status in (Status.PROTECTED, Status.PARTLY):
        reasons.append(f"reason.via_{via}" if service in ("fb", "ig") else f"reason.follows_{via}")
    if status is Status.IN_USE and service in ("fb", "ig", "th") and service not in answers.public:
        reasons.append("reason.private_still_used")
    if answers.birthdate_wrong:
        reasons.append("reason.birthdate_wrong")
    if status in (Status.NOT_AFFECTED, Status.PROTECTED):
        categories = ()  # nothing of this service is used
    return ServiceVerdict(
        service=service,
        status=status,
        window=window,
        protected_since=protected,
        objection=objection,
        objection_via=via,
        categories=categories,
        reasons=tuple(reasons),
        unclear=_unclear_for(answers, service, status),
    )


# ---------------------------------------------------------------------------------------------- actions


def actions_for(answers: Answers, verdicts: tuple[ServiceVerdict, ...]) -> tuple[Action, ...]:
    """What to do, in order of effect. Each action's words and links are in data/actions.yaml."""
    by = {v.service: v for v in verdicts}
    status = {code: v.status for code, v in by.items()}
    actions: list[Action] = []
    adult = adult_for_meta(answers)

    # 1. Objections: the only step that stops future use (F15). One objection when linked (F13).
    unprotected = tuple(s for s in ("fb", "ig") if status.get(s) is Status.IN_USE)
    if answers.birthdate_wrong:
        actions.append(Action("fix_birthdate", tuple(s for s in ("fb", "ig") if s in by)))
    elif not adult:
        minors = tuple(s for s in ("fb", "ig") if s in by and by[s].objection is None)
        if minors:
            actions.append(Action("object_minor", minors))
    elif answers.linked and unprotected == ("fb", "ig"):
        actions.append(Action("object_linked", ("fb", "ig")))
    elif unprotected:
        actions.append(Action("object_service", unprotected))
    if adult and status.get("th") is Status.IN_USE and "ig" not in unprotected:
        actions.append(Action("object_threads", ("th",)))
    ai_without_form = tuple(s for s in ("ms", "app") if status.get(s) is Status.IN_USE)
    if ai_without_form and "fb" not in unprotected:
        actions.append(Action("object_fb_for_ai_chats", ai_without_form))

    # 2. Keep the proof of every objection made or to be made (F14).
    objecting = any(a.id.startswith("object") or a.id == "fix_birthdate" for a in actions)
    if objecting or any(answers.objection(s) for s in ("fb", "ig")):
        actions.append(Action("keep_confirmation"))

    # 3. Public posts not yet used can still be kept out (F23).
    exposed = tuple(s for s in ("fb", "ig", "th") if s in answers.public and status.get(s) is Status.IN_USE)
    if exposed:
        actions.append(Action("hide_or_delete", exposed))

    # 4. WhatsApp has no form: the only levers are in the person's hands (F17, F19).
    if status.get("wa") is Status.IN_USE:
        actions.extend(
            (
                Action("wa_stop_ai", ("wa",)),
                Action("wa_delete_chats", ("wa",)),
                Action("wa_chat_privacy", ("wa",)),
            )
        )
    chatting = tuple(
        s for s in ("fb", "ig", "ms", "app") if s in answers.ai and status.get(s) is Status.IN_USE
    )
    if chatting:
        actions.append(Action("stop_meta_ai", chatting))

    # 5. Without an account: what others post, and the form for third-party information (F21, F22).
    if not answers.services:
        actions.append(Action("others_posts"))

    # 6. When something is or was used: the authorities (F24).
    if any(v.status in (Status.IN_USE, Status.PARTLY) for v in verdicts):
        actions.append(Action("complain_dpa"))
    if not actions or (answers.services and all(a.id == "keep_confirmation" for a in actions)):
        actions.append(Action("nothing_to_do"))
    return tuple(actions)


# ---------------------------------------------------------------------------------------------- verdict


def decide(answers: Answers, knowledge: Knowledge, today: date) -> Verdict:
    """The whole verdict for one answer set, as of `today`."""
    start = knowledge.meta.training_start
    services = tuple(judge_service(answers, s, today, start) for s in ordered(answers.services))
    unclear = tuple(dict.fromkeys(f for v in services for f in v.unclear))
    if not answers.services:
        unclear = ()
    return Verdict(
        answers=answers,
        today=today,
        training_start=start,
        adult_for_meta=adult_for_meta(answers),
        age_assumed=answers.age is None,
        adult_from=adult_from(answers, today, start),
        services=services,
        actions=actions_for(answers, services),
        unclear=unclear,
    )
