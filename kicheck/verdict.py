"""The rules: answers + knowledge -> a verdict per service, the actions and the reminders that follow.

The rule *kinds* live here, each once, as a small pure function: the adult window, the effective objection
(a service's own, another service's it follows, the earliest of linked accounts), before/after the start, and
when to remind. The *facts* they read about each service (its objection route and how sure that is, whether
it has public content or is affected only through Meta AI chats, its categories, its unclear points, the
Accounts Center group) are in data/services.yaml and data/categories.yaml; the actions' order is that of
data/actions.yaml. The rule table is in README.md ("Verdict rules"); each line has a table-driven test in
tests/domain/test_verdict.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from kicheck.answers import LATEST_BEFORE_START, Answers, age_range_on, ordered
from kicheck.knowledge import Knowledge, Service

# Whether a late objection keeps earlier content out of later training is disputed (F16).
LATE_OBJECTION_DISPUTE = "F16"
# No source says whether an objection made before the 18th birthday still holds at 18 (F11, R4).
OBJECTION_BEFORE_18 = "F11"
# Meta confirms an objection by e-mail, usually within minutes (F14). Reminding to look for it makes sense
# while the objection is fresh; months later "if none came, object again" would be wrong advice.
CONFIRMATION_WINDOW = timedelta(days=14)
REMINDER_KINDS = ("turn18", "confirmation")
# F5's always-public items (name, username, profile picture, ...) are Facebook's and Instagram's; a service
# without this category (Threads) never gets the "even with a private account" sentence.
ALWAYS_PUBLIC = "always_public"


class Status(StrEnum):
    IN_USE = "in_use"
    PARTLY = "partly"
    PROTECTED = "protected"
    NOT_AFFECTED = "not_affected"
    # A minor who chats with Meta AI where only those chats could be used: no statement exists (F28, R4), so
    # neither "in use" nor "not affected" would be true.
    UNCLEAR = "unclear"


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
class EffectiveObjection:
    """The objection that counts for a service, and where it comes from."""

    day: date
    via: str | None  # the service whose objection it is, when it is another one
    how: str  # "own", "linked" (same Accounts Center group) or "follows" (the service follows another's)
    confidence: str | None = None  # for "follows": how sure that link is (services.yaml)
    day_known: bool = True  # False: made before the start, day unknown (`day` is then the latest it can be)


@dataclass(frozen=True)
class ServiceVerdict:
    service: str
    status: Status
    window: Window | None  # None when nothing was or is used
    protected_since: date | None  # the effective objection date, only when it protects fully (Protected)
    objection: date | None  # the effective objection date (own, or the linked / followed account's)
    objection_via: str | None  # the service whose objection counts, when it is another one
    categories: tuple[str, ...]  # category ids concerned (used in the window)
    reasons: tuple[str, ...]  # text keys explaining the status
    unclear: tuple[str, ...]  # fact ids of unclear points that bear on this verdict
    # A minor who chats with Meta AI there: their public content is not used, their chats may or may not be
    # (no statement, F28). Where the service has public content it stays "Not affected" (for that content);
    # where the chats are all there is, the status itself is Unclear.
    minor_ai_chats: bool = False
    objection_day_known: bool = True  # False: the objection was before the start, day unknown: never print it
    # Whether the data is used here at all is itself in doubt: an unclear point on it (Threads F3, WhatsApp's
    # Meta AI chats F18), the person may still be under 18, or their objection was not counted as it may have
    # come before 18 (R4). Judged "In use" to be on the safe side, and the page says it is an assumption.
    use_doubted: bool = False
    # A Protected or Partly protected status that rests on another account's objection counting here, which
    # nobody can confirm: "linked" (a linked Facebook/Instagram objection counts only under the same e-mail
    # address, R7, and the app never asks for it), or the confidence of a `follows` route ("unclear": Threads
    # via Instagram, F3; "reported": Messenger and the Meta AI app by a reading of Meta's wording, R13).
    # None when the protection is the service's own objection's, or a confirmed route's.
    protection_rests_on: str | None = None

    @property
    def protection_uncertain(self) -> bool:
        """Protected (or partly) only if another account's objection counts here: said on card and on top."""
        return self.status in (Status.PROTECTED, Status.PARTLY) and self.protection_rests_on is not None

    @property
    def assumed(self) -> bool:
        """In use as the safe-side assumption, not as a settled fact."""
        return self.status is Status.IN_USE and self.use_doubted

    @property
    def objection_not_counted(self) -> bool:
        """The person objected, yet it is In use: the objection may have come before 18 (R4). Any objection
        that counts makes a service Protected or Partly protected."""
        return self.status is Status.IN_USE and self.objection is not None


@dataclass(frozen=True)
class Action:
    id: str
    services: tuple[str, ...] = ()  # the services it is about, filled into the action's title


@dataclass(frozen=True)
class Reminder:
    kind: str  # one of REMINDER_KINDS
    day: date


@dataclass(frozen=True)
class Verdict:
    answers: Answers
    today: date
    training_start: date
    age_assumed: bool  # no age given: judged as an adult, said so on the page
    age: AgeToday  # the person's age today, from the age given on the day the link was made
    adult_from: DateRange | None  # when the person counts as an adult for Meta, from the start on
    services: tuple[ServiceVerdict, ...]
    actions: tuple[Action, ...]
    reminders: tuple[Reminder, ...]  # calendar reminders that fit this result (report.py renders them)
    # "I don't know whether my accounts are linked": judged as not linked (the safe side); the statuses that
    # would differ if they are linked, so the page can say what holds then.
    linked_unknown: bool = False
    if_linked: tuple[tuple[str, Status], ...] = ()
    # Each other "I don't know" (v1.2: birth date, objection, Meta AI) is judged on the safe side too; per
    # kind ("bd", "obj", "ai") the statuses that would differ if the person finds out the hopeful way.
    if_known: tuple[tuple[str, tuple[tuple[str, Status], ...]], ...] = ()

    def service(self, code: str) -> ServiceVerdict:
        return next(v for v in self.services if v.service == code)

    @property
    def in_use(self) -> tuple[ServiceVerdict, ...]:
        return tuple(v for v in self.services if v.status is Status.IN_USE)


# ---------------------------------------------------------------------------------------------- age


@dataclass(frozen=True)
class AgeToday:
    """What the person's age means today, from `age` on the day the link was made (age_range_on)."""

    ages: tuple[int, int] | None  # today's age, (youngest, oldest) possible; None: no age given
    adult_from: DateRange | None  # from when their data may be used (adult_from); None: not an adult for Meta
    birthday_18: DateRange | None  # the 18th birthday (a one-year range); None: no age given

    @property
    def may_be_minor(self) -> bool:
        """Under 18 today, or possibly (today's age is one of two numbers)."""
        return self.ages is not None and self.ages[0] < 18

    def turned_18_after(self, start: date) -> bool:
        """An adult today whose 18th birthday may have come after `start`: whether what they posted or wrote
        to Meta AI before it is used, no source says (F11, F28)."""
        return not self.may_be_minor and self.birthday_18 is not None and self.birthday_18.latest > start


def age_today(answers: Answers, today: date, start: date) -> AgeToday:
    return AgeToday(
        age_range_on(answers, today), adult_from(answers, today, start), birthday_18(answers, today)
    )


def adult_for_meta(answers: Answers, today: date) -> bool:
    """An adult for these rules: 18 or older, or a minor whose profile says 18+ (safe side: F10, F11, R11).

    The age is the one today, from `age` on the day the link was made: a link made by a 17-year-old and
    opened a year later is an adult's. Where the birthday makes today's age one of two numbers, the person is
    judged as possibly 18 (the safe side: their data may be used from the birthday on, a range).
    """
    ages = age_range_on(answers, today)
    return ages is None or ages[1] >= 18 or answers.profile_may_say_adult


def eighteenth_birthday(age: int, on: date) -> DateRange:
    """When someone aged `age` on the day `on` turned (or turns) 18: known only as a one-year range."""
    latest = _years_before(on, age - 18)
    earliest = _years_before(on, age - 17) + timedelta(days=1)
    return DateRange(earliest, latest)


def birthday_18(answers: Answers, today: date) -> DateRange | None:
    """The person's 18th birthday from `age` on the day the link was made (today, for a link without one)."""
    return None if answers.age is None else eighteenth_birthday(answers.age, answers.made_on or today)


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
    if not adult_for_meta(answers, today):
        return None
    birthday = birthday_18(answers, today)
    if birthday is None or answers.profile_may_say_adult:
        return DateRange(start, start)
    return DateRange(max(start, birthday.earliest), max(start, birthday.latest))


# ---------------------------------------------------------------------------------------------- objections


def linked_group(answers: Answers, knowledge: Knowledge) -> tuple[str, ...]:
    """The person's services that share one objection: with linked accounts, the Accounts Center group (F13).

    The one place that decides what linked accounts mean; empty when the accounts are not linked.
    """
    if not answers.linked:
        return ()
    return tuple(code for code in knowledge.accounts_center if code in answers.services)


def own_objection(answers: Answers, code: str, knowledge: Knowledge) -> EffectiveObjection | None:
    """The service's own objection, or the earliest of its linked group (its own wins a tie)."""
    group = linked_group(answers, knowledge)
    candidates = group if code in group else (code,)
    dated = [(day, c) for c in candidates if (day := answers.objection(c)) is not None]
    if not dated:
        return None
    day, source = min(dated, key=lambda pair: (pair[0], pair[1] != code))
    known = answers.objection_day_known(source)
    if source == code:
        return EffectiveObjection(day, None, "own", day_known=known)
    return EffectiveObjection(day, source, "linked", day_known=known)


def effective_objection(answers: Answers, code: str, knowledge: Knowledge) -> EffectiveObjection | None:
    """The objection that counts for a service: its own (or linked), the earliest of those of the services it
    follows (a tie goes to the first listed), or none (services.yaml: objection)."""
    route = knowledge.services[code].objection
    if route is None:
        return None
    if not route.follows:
        return own_objection(answers, code, knowledge)
    followed = [
        (base, followed)
        for followed in route.follows
        if (base := own_objection(answers, followed, knowledge)) is not None
    ]
    if not followed:
        return None
    base, via = min(followed, key=lambda pair: pair[0].day)
    return EffectiveObjection(
        base.day, base.via or via, "follows", route.confidence, day_known=base.day_known
    )


# ---------------------------------------------------------------------------------------------- per service


def categories_for(answers: Answers, service: Service, knowledge: Knowledge) -> tuple[str, ...]:
    """The kinds of data of this service that may be used, given the answers (categories.yaml: used_when)."""
    used_when = {"account"}
    if service.code in answers.public:
        used_when.add("public")
    if service.code in answers.ai_judged:
        used_when.add("ai_chats")
    return tuple(c for c in service.categories if knowledge.categories[c].used_when in used_when)


def _exposed(answers: Answers, service: Service) -> bool:
    """Whether anything of theirs is used there at all: public content always, otherwise only AI chats."""
    return service.affected_through == "public_content" or service.code in answers.ai_judged


def _status(
    answers: Answers, service: Service, adult: DateRange | None, objection: EffectiveObjection | None
) -> tuple[Status, Window | None, str]:
    """Status, window and the main reason: the table in README.md, "Verdict rules"."""
    if adult is None and service.affected_through == "public_content":
        return Status.NOT_AFFECTED, None, "reason.minor"
    if adult is None:
        # Only Meta AI chats could be used here (no public content, nothing a minor's objection is about):
        # whether a minor's chats are used is not stated (F28), so the status says so (R4).
        if _exposed(answers, service):
            return Status.UNCLEAR, None, "reason.minor_ai_chats"
        return Status.NOT_AFFECTED, None, "reason.no_ai_chats"
    if not _exposed(answers, service):
        return Status.NOT_AFFECTED, None, "reason.no_ai_chats"  # private chats are not used (F8)
    if objection is None:
        if service.objection is None:
            return Status.IN_USE, Window(adult, None), "reason.no_route"
        public = service.affected_through == "public_content"
        return (
            Status.IN_USE,
            Window(adult, None),
            "reason.no_objection" if public else "reason.ai_no_objection",
        )
    if objection.day < adult.earliest:
        # Before the window opened (the start, or turning 18): nothing was used. 2024 objections count (F14).
        return Status.PROTECTED, None, "reason.objected_before"
    # A late objection only protects from its date on; what was used before stays used (F15).
    return Status.PARTLY, Window(adult, objection.day), "reason.objected_late"


def _extra_reasons(
    answers: Answers,
    service: Service,
    status: Status,
    objection,
    minor_ai_chats: bool,
    conditions: set[str],
    unsure_objection: bool,
) -> list[str]:
    reasons = ["reason.minor_ai_chats"] if minor_ai_chats else []
    if objection is not None and objection.via is not None and status in (Status.PROTECTED, Status.PARTLY):
        reasons.append(
            "reason.linked_via" if objection.how == "linked" else f"reason.follows_{objection.confidence}"
        )
    if status is Status.IN_USE and service.use_doubted(conditions):
        # Whether the data is used here at all is unclear (Threads F3, WhatsApp's Meta AI chats F18): judged
        # as in use, the safe side, and said so, so that "in use" does not read as settled.
        reasons.append("reason.in_use_assumed")
    if status is Status.IN_USE and ALWAYS_PUBLIC in service.categories and service.code not in answers.public:
        reasons.append("reason.private_still_used")
    if answers.birthdate_wrong:
        reasons.append("reason.birthdate_wrong")
    elif answers.birthdate_unknown:
        reasons.append("reason.birthdate_unknown")
    if status is Status.IN_USE and unsure_objection:
        reasons.append("reason.objection_unknown")
    if answers.ai_unknown and service.code in answers.ai_judged:
        reasons.append("reason.ai_unknown")
    return reasons


def _objection_sources(answers: Answers, service: Service, knowledge: Knowledge) -> set[str]:
    """The services whose objection could count here, as effective_objection reads them: its own (or the ones
    it follows), each with its linked group."""
    route = service.objection
    bases = route.follows if route and route.follows else (service.code,)
    group = linked_group(answers, knowledge)
    return {code for base in bases for code in (group if base in group else (base,))}


def _objection_unknown(answers: Answers, service: Service, objection, knowledge: Knowledge) -> bool:
    """No objection counts here, and the person does not know whether they made one that would (v1.2)."""
    return (
        objection is None
        and service.objection is not None
        and bool(answers.objection_unknown & _objection_sources(answers, service, knowledge))
    )


def _unknowns_doubt_use(answers: Answers, service: Service, unsure_objection: bool) -> bool:
    """An "I don't know" answer judged on the safe side makes "In use" an assumption: the person does not know
    whether they objected (v1.2 obj=unknown), or whether they write to Meta AI where only that is used."""
    chats_unknown = (
        answers.ai_unknown
        and service.affected_through != "public_content"
        and service.code in answers.ai_judged
    )
    return unsure_objection or chats_unknown


def _conditions(answers: Answers, service: Service, age: AgeToday, start: date) -> set[str]:
    """The conditions (services.yaml: unclear.when) that hold for this person on this service."""
    return {
        name
        for name, holds in (
            ("ai_chats", service.code in answers.ai_judged),
            ("minor", age.may_be_minor),
            ("birthdate_wrong", answers.profile_may_say_adult),
            ("turned_18_after_start", age.turned_18_after(start)),
        )
        if holds
    }


def _unclear(
    service: Service, status: Status, conditions: set[str], objected_as_minor: bool
) -> tuple[str, ...]:
    facts = list(service.unclear_facts(conditions))
    if status is Status.PARTLY:
        facts.append(LATE_OBJECTION_DISPUTE)
    if objected_as_minor:
        facts.append(OBJECTION_BEFORE_18)
    return tuple(dict.fromkeys(facts))


def objected_as_minor_reason(
    answers: Answers, objection: EffectiveObjection | None, age: AgeToday
) -> str | None:
    """R4: no source says an objection made before the 18th birthday still holds at 18. One made before it, or
    possibly before it (the birthday is known only as a one-year range), is not counted: the safe side. The
    reason key says which; None when the objection counts. With a wrong (adult) birth date Meta saw an adult.
    """
    birthday = age.birthday_18
    if objection is None or birthday is None or age.adult_from is None or answers.profile_may_say_adult:
        return None
    if objection.day < birthday.earliest:
        return "reason.objected_as_minor"
    if objection.day < birthday.latest:
        return "reason.maybe_objected_as_minor"
    return None


def judge_service(answers: Answers, code: str, knowledge: Knowledge, age: AgeToday) -> ServiceVerdict:
    """One service's verdict, for the person's age today."""
    service = knowledge.services[code]
    objection = effective_objection(answers, code, knowledge)
    as_minor = objected_as_minor_reason(answers, objection, age)
    status, window, reason = _status(answers, service, age.adult_from, None if as_minor else objection)
    if as_minor and status is Status.IN_USE:
        reason = as_minor
    used = status in (Status.IN_USE, Status.PARTLY)
    minor_ai_chats = age.adult_from is None and code in answers.ai_judged
    conditions = _conditions(answers, service, age, knowledge.meta.training_start)
    unsure_objection = _objection_unknown(answers, service, objection, knowledge)
    extra = _extra_reasons(answers, service, status, objection, minor_ai_chats, conditions, unsure_objection)
    return ServiceVerdict(
        service=code,
        status=status,
        window=window,
        protected_since=objection.day if objection and status is Status.PROTECTED else None,
        objection=objection.day if objection else None,
        objection_via=objection.via if objection else None,
        categories=categories_for(answers, service, knowledge) if used else (),
        reasons=tuple(dict.fromkeys((reason, *extra))),
        unclear=_unclear(service, status, conditions, as_minor is not None),
        minor_ai_chats=minor_ai_chats,
        objection_day_known=objection.day_known if objection else True,
        use_doubted=as_minor is not None
        or age.may_be_minor
        or service.use_doubted(conditions)
        or _unknowns_doubt_use(answers, service, unsure_objection),
        protection_rests_on=_rests_on(objection) if status in (Status.PROTECTED, Status.PARTLY) else None,
    )


def _rests_on(objection: EffectiveObjection | None) -> str | None:
    """Whether a protection rests on another account's objection that may not count here (ServiceVerdict)."""
    if objection is None or objection.via is None:
        return None
    if objection.how == "linked":
        return "linked"
    return None if objection.confidence == "confirmed" else objection.confidence


# ---------------------------------------------------------------------------------------------- actions


def _grouped(pairs: Iterable[tuple[str, str]]) -> list[Action]:
    """(action id, service) pairs as one action per id, with its services in the order given."""
    services: dict[str, list[str]] = {}
    for action_id, code in pairs:
        services.setdefault(action_id, []).append(code)
    return [Action(action_id, tuple(codes)) for action_id, codes in services.items()]


def objection_actions(
    answers: Answers, verdicts: tuple[ServiceVerdict, ...], knowledge: Knowledge, adult: bool
) -> list[Action]:
    """Objecting: the only step that stops future use (F15). One objection for a linked group (F13)."""
    by = {v.service: v for v in verdicts}
    own = tuple(s for s in knowledge.services_with_own_form if s in by)
    unprotected = tuple(s for s in own if by[s].status is Status.IN_USE)
    actions: list[Action] = []
    if answers.birthdate_wrong:
        # Correct the birth date and object: only where the person has a service with a form (F11, F12).
        actions += [Action("fix_birthdate", own)] if own else []
    elif answers.birthdate_unknown:
        # Nobody knows what the profile says (a parent, say): look first, then correct and object (F11, R11).
        actions += [Action("check_birthdate", own)] if own else []
    elif not adult:
        minors = tuple(s for s in own if by[s].objection is None)
        actions += [Action("object_minor", minors)] if minors else []
        # A minor's Meta AI chats where there is no form of its own (Messenger, the app): whether they are
        # used is unclear (F28); a Facebook or Instagram objection costs nothing and may cover them (R2, R13).
        chats = tuple(
            v.service
            for v in verdicts
            if v.minor_ai_chats and knowledge.services[v.service].follows and v.objection is None
        )
        actions += [Action("object_minor_for_chats", chats)] if chats else []
    else:
        # An objection that is not counted because it may have come before 18 (R4): "object again", never
        # "without an objection your data is used" to someone who did object.
        again = tuple(s for s in unprotected if by[s].objection_not_counted)
        linked = tuple(s for s in linked_group(answers, knowledge) if s in unprotected and s not in again)
        rest = tuple(s for s in unprotected if s not in again and (s not in linked or len(linked) < 2))
        actions += [Action("object_again", again)] if again else []
        actions += [Action("object_linked", linked)] if len(linked) > 1 else []
        actions += [Action("object_service", rest)] if rest else []
        # Protected only through the other linked account's objection, which counts only under the same
        # e-mail address (R7): a second objection costs nothing and makes it certain.
        sure = tuple(s for s in own if by[s].protection_uncertain and by[s].protection_rests_on == "linked")
        actions += [Action("object_to_be_sure", sure)] if sure else []
    return actions + _follow_actions(verdicts, unprotected, knowledge)


def _follow_actions(verdicts, unprotected: tuple[str, ...], knowledge: Knowledge) -> list[Action]:
    """A service without a form of its own: object where its route leads, unless the person is already told
    to object on one of the services it follows."""
    routes = {v.service: knowledge.services[v.service].objection for v in verdicts}
    return _grouped(
        (routes[v.service].action, v.service)
        for v in verdicts
        if v.status is Status.IN_USE
        and routes[v.service]
        and routes[v.service].follows
        and not set(routes[v.service].follows) & set(unprotected)
    )


def _with_public_posts(
    verdicts: tuple[ServiceVerdict, ...], status: Status, knowledge: Knowledge
) -> tuple[str, ...]:
    return tuple(
        v.service
        for v in verdicts
        if v.status is status and any(knowledge.categories[c].used_when == "public" for c in v.categories)
    )


def _exposure_actions(
    answers: Answers, verdicts: tuple[ServiceVerdict, ...], knowledge: Knowledge
) -> list[Action]:
    """Public posts not yet used can still be kept out (F23). After a late objection, posts that were public
    before it may go on being used (disputed, F16): hiding or deleting them keeps them out of later training
    in the reading that says they may be used, and costs nothing in the other."""
    actions = []
    # Public posts on a service protected only through an unconfirmed route (Threads via Instagram): keeping
    # them private is the one sure way (the summary says so too).
    exposed = _with_public_posts(verdicts, Status.IN_USE, knowledge) + tuple(
        v.service
        for v in verdicts
        if v.status is Status.PROTECTED and _rests_on_a_follow(v) and v.service in answers.public
    )
    if exposed:
        actions.append(Action("hide_or_delete", exposed))
    if earlier := _with_public_posts(verdicts, Status.PARTLY, knowledge):
        actions.append(Action("hide_or_delete_earlier", earlier))
    return actions


def _ai_chat_actions(
    answers: Answers, verdicts: tuple[ServiceVerdict, ...], knowledge: Knowledge
) -> list[Action]:
    """Where Meta AI chats are in use, or may be (a minor's, F28; or protected only by a reading of Meta's
    wording, R13): the levers in the person's hands (services.yaml: ai_chat_actions)."""
    return _grouped(
        (action_id, v.service)
        for v in verdicts
        if v.service in answers.ai_judged
        and (v.status is Status.IN_USE or v.minor_ai_chats or _rests_on_a_follow(v))
        for action_id in knowledge.services[v.service].ai_chat_actions
    )


def _rests_on_a_follow(v: ServiceVerdict) -> bool:
    """Protected only if another service's objection counts here (Threads via Instagram F3, Messenger and the
    Meta AI app by a reading of Meta's wording R13): nothing the person can file makes it certain."""
    return v.protection_uncertain and v.protection_rests_on != "linked"


def actions_for(
    answers: Answers,
    verdicts: tuple[ServiceVerdict, ...],
    knowledge: Knowledge,
    objecting: list[Action],
    confirmation: bool,
) -> tuple[Action, ...]:
    """What to do, in order of effect (the order of data/actions.yaml, where their words and links are)."""
    actions = list(objecting)
    if answers.for_child and answers.services:
        actions.append(Action("parent_with_child"))  # what a parent can do with their child (R11)
    if confirmation:
        actions.append(Action("keep_confirmation"))
    actions += _exposure_actions(answers, verdicts, knowledge)
    actions += _ai_chat_actions(answers, verdicts, knowledge)
    if not answers.services:
        # What others post: first what helps most (ask the people, F21), then the third-party form with its
        # limits (F22), which is not an objection.
        actions += [Action("others_posts"), Action("third_party_form")]
    if any(v.status in (Status.IN_USE, Status.PARTLY) for v in verdicts):
        actions.append(Action("complain_dpa"))  # something is or was used: the authorities (F24)
    if not actions or (answers.services and all(a.id == "keep_confirmation" for a in actions)):
        # Never "your content is not used" flatly while a protection rests on an unconfirmed route (issue 16)
        unsure = tuple(v.service for v in verdicts if _rests_on_a_follow(v))
        actions.append(Action("nothing_more_to_do", unsure) if unsure else Action("nothing_to_do"))
    return tuple(sorted(actions, key=lambda a: knowledge.action_order[a.id]))


# ---------------------------------------------------------------------------------------------- reminders


def confirmation_due(answers: Answers, objecting_now: bool, today: date) -> bool:
    """Whether to tell the person to keep and look for Meta's confirmation e-mail (F14): when they are told to
    object now, or objected within CONFIRMATION_WINDOW. The one place this is decided (action and .ics)."""
    recent = any(today - day <= CONFIRMATION_WINDOW for day in answers.objections.values())
    return objecting_now or recent


def reminders_due(
    answers: Answers, knowledge: Knowledge, today: date, age: AgeToday, confirmation: bool
) -> tuple[Reminder, ...]:
    """Calendar reminders that fit: none is made up for a result that needs none."""
    out = []
    # Public content, or Meta AI chats where a Facebook or Instagram objection may count (R2, R13): at 18
    # the person should object (again), since one made before 18 may not count (R4).
    public = any(
        knowledge.services[s].affected_through == "public_content"
        or (knowledge.services[s].objection is not None and s in answers.ai)
        for s in answers.services
    )
    if age.may_be_minor and public and age.birthday_18 is not None:
        # Under 18, possibly (the birthday is known only as a one-year range), or with an adult birth date on
        # the profile: an objection before 18 may not count (R4), so remind to object on or after the 18th
        # birthday. On its earliest possible day (tomorrow if that has passed); the text gives the range,
        # since only the person knows the day.
        out.append(Reminder("turn18", max(age.birthday_18.earliest, today + timedelta(days=1))))
    if confirmation:
        out.append(Reminder("confirmation", today + timedelta(days=1)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------- verdict


def _judge_all(answers: Answers, knowledge: Knowledge, age: AgeToday) -> tuple[ServiceVerdict, ...]:
    return tuple(judge_service(answers, s, knowledge, age) for s in ordered(answers.services))


def linked_unknown(answers: Answers, knowledge: Knowledge) -> bool:
    """More than one service of the Accounts Center group, and the person does not know if they are linked."""
    group = [code for code in knowledge.accounts_center if code in answers.services]
    return answers.linked is None and len(group) > 1


def if_linked(
    answers: Answers, knowledge: Knowledge, age: AgeToday, services: tuple[ServiceVerdict, ...]
) -> tuple[tuple[str, Status], ...]:
    """For "I don't know if they are linked": the statuses that would differ if the accounts are linked."""
    if not linked_unknown(answers, knowledge):
        return ()
    linked = _judge_all(replace(answers, linked=True), knowledge, age)
    return tuple(
        (v.service, v.status) for v, base in zip(linked, services, strict=True) if v.status != base.status
    )


def decide(answers: Answers, knowledge: Knowledge, today: date) -> Verdict:
    """The whole verdict for one answer set, as of `today`."""
    start = knowledge.meta.training_start
    age = age_today(answers, today, start)
    services = _judge_all(answers, knowledge, age)
    objecting = objection_actions(answers, services, knowledge, age.adult_from is not None)
    confirmation = confirmation_due(answers, bool(objecting), today)
    return Verdict(
        answers=answers,
        today=today,
        training_start=start,
        age_assumed=answers.age is None,
        age=age,
        adult_from=age.adult_from,
        services=services,
        actions=actions_for(answers, services, knowledge, objecting, confirmation),
        reminders=reminders_due(answers, knowledge, today, age, confirmation),
        linked_unknown=linked_unknown(answers, knowledge),
        if_linked=if_linked(answers, knowledge, age, services),
        if_known=if_known(answers, knowledge, today, services),
    )


# The "I don't know" answers judged on the safe side, in the order the page explains them.
IF_KNOWN_KINDS = ("bd", "obj", "ai")


def as_if_known(answers: Answers, kind: str) -> Answers | None:
    """The answers as if the person found out the hopeful way, or None when they did not say "I don't know".

    bd: the profile shows the correct birth date; obj: they objected before training started (day unknown,
    the best an objection can be); ai: they write to Meta AI nowhere.
    """
    if kind == "bd" and answers.birthdate_unknown:
        return replace(answers, birthdate_unknown=False)
    if kind == "obj" and answers.objection_unknown:
        unknown = answers.objection_unknown
        return replace(
            answers,
            objections={**answers.objections, **dict.fromkeys(unknown, LATEST_BEFORE_START)},
            objected_before_start=answers.objected_before_start | unknown,
            objection_unknown=frozenset(),
        )
    if kind == "ai" and answers.ai_unknown:
        return replace(answers, ai_unknown=False, ai=frozenset())
    return None


def if_known(
    answers: Answers, knowledge: Knowledge, today: date, services: tuple[ServiceVerdict, ...]
) -> tuple[tuple[str, tuple[tuple[str, Status], ...]], ...]:
    """Per "I don't know" answer: the statuses that would differ if the person finds out the hopeful way
    (empty: the result would stay the same)."""
    out = []
    for kind in IF_KNOWN_KINDS:
        known = as_if_known(answers, kind)
        if known is None:
            continue
        age = age_today(known, today, knowledge.meta.training_start)
        judged = _judge_all(known, knowledge, age)
        changes = tuple(
            (v.service, v.status) for v, base in zip(judged, services, strict=True) if v.status != base.status
        )
        out.append((kind, changes))
    return tuple(out)
