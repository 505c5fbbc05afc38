"""A verdict in words: everything the result page and the Markdown export show, in one language.

The page and the export render the same `ResultView`, so they can never say different things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from kicheck.answers import AI_CAPABLE, PUBLIC_CAPABLE, Answers, ordered
from kicheck.knowledge import Fact, Source
from kicheck.link import REPAIRS, Decoded, Problem, objection_key
from kicheck.texts import Texts
from kicheck.verdict import ServiceVerdict, Status, Verdict, effective_objection


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    note: str = ""  # what the form needs


@dataclass(frozen=True)
class UnclearPoint:
    fact_id: str
    topic: str
    text: str
    claims: tuple[tuple[str, str], ...]  # (who, says)


@dataclass(frozen=True)
class Category:
    title: str
    examples: str


@dataclass(frozen=True)
class ServiceCard:
    code: str
    name: str
    status: Status
    status_label: str
    window_text: str  # when the data may be (have been) used, or why not
    reasons: tuple[str, ...]
    categories: tuple[Category, ...]
    unclear: tuple[UnclearPoint, ...]


@dataclass(frozen=True)
class ActionItem:
    id: str
    title: str
    why: str
    links: tuple[Link, ...]
    details: str = ""  # shown one tap away (an expander), never dropped


@dataclass(frozen=True)
class SourceRef:
    id: str
    title: str
    publisher: str
    url: str
    published: str  # the day the page was published, "" when not known
    read: str
    confidence: str  # the strongest confidence of the facts citing it here


@dataclass(frozen=True)
class ResultView:
    summary: str
    cards: tuple[ServiceCard, ...]
    actions: tuple[ActionItem, ...]
    notes: tuple[str, ...]  # assumptions said aloud (no age given, ...)
    answers: tuple[tuple[str, str], ...]  # the answers in words: (question, answer)
    sources: tuple[SourceRef, ...]
    version_line: str
    # For each "I don't know" (birth date, objection, Meta AI): what holds if the person finds out otherwise.
    if_known: tuple[str, ...] = ()

    @property
    def headline(self) -> str:
        """The summary's first sentence: the page's heading, short enough to read at a glance on a phone."""
        return headline_and_rest(self.summary)[0]

    @property
    def headline_rest(self) -> str:
        """The summary's other sentences: shown right under the heading, so nothing of the summary is lost."""
        return headline_and_rest(self.summary)[1]


# Not after a day or an age: "27. Mai", "18. Geburtstag" go on.
_SENTENCE_END = re.compile(r"(?<!\D\d)(?<!\D\d\d)(?<=\S)[.!?]\s+")


def headline_and_rest(summary_text: str) -> tuple[str, str]:
    parts = _SENTENCE_END.split(summary_text, maxsplit=1)
    if len(parts) == 1:
        return summary_text, ""
    end = summary_text[len(parts[0])]  # the full stop (or ! ?) the split took
    return parts[0] + end, parts[1]


def summary(verdict: Verdict, t: Texts) -> str:
    """The sentence on top: which of the person's services Meta uses, and where a late objection left gaps.

    Services are named, not counted ("Bei Facebook und WhatsApp …"): a count reads oddly for one service and
    hides which one is meant. In use, in use as a safe-side assumption (ServiceVerdict.assumed) and Partly
    protected are each said when they occur. A protection that rests on another account's objection counting
    here (ServiceVerdict.protection_uncertain) is never part of a flat "you are protected": it gets its own
    sentence, with what makes it certain where something can.
    """
    if not verdict.services:
        return t("summary.no_services")
    in_use = tuple(v.service for v in verdict.in_use if not _assumed(v, verdict).assumed)
    assumed = tuple(v.service for v in verdict.in_use if _assumed(v, verdict).assumed)
    partly = tuple(v.service for v in verdict.services if v.status is Status.PARTLY)
    said = []
    if in_use:
        said.append(t("summary.in_use", services=t.services(in_use)))
    if assumed:
        said.append(t("summary.in_use_assumed", services=t.services(assumed)))
    if partly:
        said.append(t("summary.partly", services=t.services(partly)))
    uncertain = uncertain_protection(verdict, t)
    if said:
        return " ".join(said + uncertain)
    if any(v.minor_ai_chats for v in verdict.services):
        # A minor who chats with Meta AI (some services Unclear): neither "not affected" nor "protected" (R4).
        return t("summary.minor_ai_chats")
    if all(v.status is Status.NOT_AFFECTED for v in verdict.services):
        return t("summary.not_affected")
    if not uncertain:
        return t("summary.protected")
    sure = tuple(
        v.service for v in verdict.services if v.status is Status.PROTECTED and not v.protection_uncertain
    )
    lead = [t("summary.protected_some", services=t.services(sure))] if sure else []
    return " ".join([*lead, *uncertain, t("summary.others_not_covered")])


def _assumed(sv: ServiceVerdict, verdict: Verdict) -> ServiceVerdict:
    """Accounts perhaps linked ("don't know"): a service judged In use only because they count as not linked
    (the safe side) is an assumption too, said on its badge and on top, not only in the note (issue 16)."""
    if sv.status is Status.IN_USE and verdict.linked_unknown and sv.service in dict(verdict.if_linked):
        return replace(sv, use_doubted=True)
    return sv


def uncertain_protection(verdict: Verdict, t: Texts) -> list[str]:
    """One sentence per kind of uncertain protection: whose objection it rests on, what makes it certain."""
    groups: dict[tuple[str, str], list[str]] = {}
    for v in verdict.services:
        if v.protection_uncertain:
            kind = v.protection_rests_on
            if kind != "linked":
                chats = t.knowledge.services[v.service].affected_through == "ai_chats"
                kind = "follows_chats" if chats else "follows_public"
            groups.setdefault((kind, v.objection_via or ""), []).append(v.service)
    return [
        t(f"summary.uncertain_{kind}", services=t.services(codes), via=t.service(via))
        for (kind, via), codes in groups.items()
    ]


def unclear_point(fact: Fact, t: Texts) -> UnclearPoint:
    claims = tuple((t.pick(c.who), t.pick(c.says)) for c in fact.claims)
    return UnclearPoint(fact.id, t.pick(fact.topic), t.pick(fact.text), claims)


def _window_text(sv: ServiceVerdict, t: Texts) -> str:
    if sv.status is Status.UNCLEAR:
        # WhatsApp, Messenger, the app: no public content to speak of, only the (unclear) chats
        return t("window.minor_chats_only")
    if sv.status is Status.NOT_AFFECTED and sv.minor_ai_chats:
        return t("window.minor_ai_chats")
    if sv.status is Status.NOT_AFFECTED:
        return t("window.none")
    if sv.protection_uncertain:
        # Said on the card itself: the protection holds only if another account's objection counts here.
        window = _plain_window(sv, t)
        condition = t(
            f"window.uncertain_{sv.protection_rests_on}",
            service=t.service(sv.service),
            via=t.service(sv.objection_via or ""),
        )
        return f"{window} {condition}" if window.endswith(".") else f"{window}. {condition}"
    if sv.assumed:
        # Said on the card itself, not only under "why": a person who objected before 18 must not read a bare
        # "used since" as if the app had lost their objection.
        key = "window.assumed_as_minor" if sv.objection_not_counted else "window.assumed"
        return t(key, window=t.window(sv.window))
    return _plain_window(sv, t)


def _plain_window(sv: ServiceVerdict, t: Texts) -> str:
    if sv.status is Status.PROTECTED and not sv.objection_day_known:
        # Made before the start on a day not known: never print the placeholder day as if it were given.
        return t("window.protected_day_unknown", start=t.date(t.knowledge.meta.training_start))
    if sv.status is Status.PROTECTED:
        return t("window.protected", date=t.date(sv.protected_since))
    return t.window(sv.window)


def status_label(sv: ServiceVerdict, verdict: Verdict, t: Texts) -> str:
    """The badge's words: an assumed "In use" and an uncertain protection say so on the badge itself."""
    sv = _assumed(sv, verdict)
    if sv.assumed:
        return t("status.in_use_assumed")
    if sv.protection_uncertain:
        return t(f"status.{sv.status.value}_uncertain")
    return t.status(sv.status.value)


def _reason_params(sv: ServiceVerdict, verdict: Verdict, t: Texts) -> dict[str, object]:
    """What the reasons may name: the service, whose objection counts, and for an objection that may have come
    before 18, the birthdays for which it did, and how many of the year's possible days that is."""
    params: dict[str, object] = {
        "service": t.service(sv.service),
        "via": t.service(sv.objection_via) if sv.objection_via else "",
    }
    birthday = verdict.age.birthday_18
    objection = sv.objection
    if birthday is not None and objection is not None and birthday.earliest <= objection < birthday.latest:
        first = objection + timedelta(days=1)
        params |= {
            "before_from": t.date(first),
            "before_to": t.date(birthday.latest),
            "days": (birthday.latest - objection).days,
            "all_days": (birthday.latest - birthday.earliest).days + 1,
        }
    return params


_ASSUMED_REASON = {"reason.no_objection": "reason.no_objection_assumed"}


def card(sv: ServiceVerdict, verdict: Verdict, t: Texts) -> ServiceCard:
    k = t.knowledge
    sv = _assumed(sv, verdict)
    params = _reason_params(sv, verdict, t)
    # An assumed "In use" never gets the flat "without an objection your data is used" (F3, F18, R4).
    keys = (_ASSUMED_REASON.get(key, key) if sv.assumed else key for key in sv.reasons)
    reasons = tuple(t(key, **params) for key in keys)
    cats = tuple(
        Category(t.pick(k.categories[c].title), t.pick(k.categories[c].examples)) for c in sv.categories
    )
    unclear = tuple(unclear_point(k.facts[f], t) for f in sv.unclear)
    return ServiceCard(
        sv.service,
        t.service(sv.service),
        sv.status,
        status_label(sv, verdict, t),
        _window_text(sv, t),
        reasons,
        cats,
        unclear,
    )


def action_item(action, t: Texts) -> ActionItem:
    k = t.knowledge
    spec = k.actions[action.id]
    names = t.services(action.services)
    forms = [k.forms[f] for f in spec.forms]
    if action.services:
        # Offer only the objection forms that object for the services the action is about (Threads':
        # Instagram's; Messenger's: Facebook's and Instagram's). Never another service's form as a fallback.
        # Other forms (WhatsApp's general route) belong to the action as such and always go along.
        wanted = {form for s in action.services for form in k.objection_forms(s)}
        objection_forms = {s.own_form for s in k.services.values() if s.own_form}
        forms = [f for f in forms if f.id in wanted or f.id not in objection_forms]
    links = [Link(t.pick(f.title), f.url, t.pick(f.requires)) for f in forms]
    links += [Link(_link_text(k.sources[s], t), k.sources[s].url) for s in spec.links]
    # Tips that are about one service (Instagram can only make the whole account private) only for its users.
    tips = [t.pick(tip) for code, tip in spec.service_tips.items() if code in action.services]
    title, why = spec.words(t.for_child)  # a parent reads "Ihr Kind widerspricht", not "Widersprechen Sie"
    return ActionItem(
        action.id,
        t.pick(title).format(services=names),
        " ".join([t.pick(why).format(services=names), *tips]),
        tuple(links),
        t.pick(spec.details).format(services=names) if spec.details else "",
    )


def _link_text(source: Source, t: Texts) -> str:
    return t.pick(source.link_text) if source.link_text else source.title


def answers_in_words(answers: Answers, t: Texts) -> tuple[tuple[str, str], ...]:
    none = t("answer.none")
    rows = [(t("answer.who"), t("answer.who_child"))] if answers.for_child else []
    rows.append((t("q.age"), str(answers.age) if answers.age is not None else t("answer.not_given")))
    if answers.is_minor:
        rows.append((t("q.birthdate"), t(f"answer.bd_{_birthdate_answer(answers)}")))
    rows.append((t("q.services"), t.services(ordered(answers.services)) or none))
    if answers.services & set(PUBLIC_CAPABLE):
        rows.append((t("q.public"), t.services(ordered(answers.public)) or none))
    if answers.services & set(AI_CAPABLE):
        ai = t("answer.ai_unknown") if answers.ai_unknown else t.services(ordered(answers.ai)) or none
        rows.append((t("q.ai"), ai))
    if answers.uses_both_fb_and_ig:
        rows.append((t("q.linked"), t(_LINKED_ANSWER[answers.linked])))
    rows += [
        (t("q.objection", service=t.service(s)), objection_answer(answers, s, t))
        for s in t.knowledge.services_with_own_form
        if s in answers.services
    ]
    return tuple(rows)


_LINKED_ANSWER = {True: "answer.yes", False: "answer.no", None: "answer.linked_unknown"}


def _birthdate_answer(answers: Answers) -> str:
    """ok, wrong or unknown: the answer to "is the profile's birth date correct?"."""
    if answers.birthdate_wrong:
        return "wrong"
    return "unknown" if answers.birthdate_unknown else "ok"


def objection_answer(answers: Answers, service: str, t: Texts) -> str:
    """The objection answer in words: a date, "before 27 May 2025 (day unknown)", or "not yet"."""
    when = answers.objection(service)
    if when is None:
        return t("answer.objection_unknown") if service in answers.objection_unknown else t("answer.not_yet")
    if not answers.objection_day_known(service):
        return t("answer.objection_before_start", start=t.date(t.knowledge.meta.training_start))
    return t.date(when)


_RANK = {"confirmed": 0, "reported": 1, "unclear": 2}


def sources_for(fact_ids: list[str], t: Texts) -> tuple[SourceRef, ...]:
    """The sources behind the facts shown, each with the (strongest) confidence of those facts."""
    k = t.knowledge
    best: dict[str, str] = {}
    for fid in dict.fromkeys(fact_ids):
        fact = k.facts[fid]
        for sid in fact.sources:
            old = best.get(sid)
            if old is None or _RANK[fact.confidence] < _RANK[old]:
                best[sid] = fact.confidence
    return tuple(_source_ref(k.sources[sid], conf, t) for sid, conf in best.items())


def _source_ref(src: Source, confidence: str, t: Texts) -> SourceRef:
    published = t.date(src.published) if src.published else ""
    return SourceRef(
        src.id, src.title, src.publisher, src.url, published, t.month(src.read_in), t.confidence(confidence)
    )


def facts_behind(verdict: Verdict, t: Texts) -> list[str]:
    k = t.knowledge
    ids: list[str] = ["F1"]
    for sv in verdict.services:
        ids += list(k.services[sv.service].facts)
        for c in sv.categories:
            ids += list(k.categories[c].facts)
        ids += list(sv.unclear)
    for a in verdict.actions:
        ids += list(k.actions[a.id].facts)
    return list(dict.fromkeys(ids))


def version_line(t: Texts) -> str:
    """The knowledge version and its review day: every page's footer, the sources page, the exports."""
    meta = t.knowledge.meta
    return t("version.line", version=meta.version, reviewed=t.date(meta.reviewed_on))


def notes(verdict: Verdict, t: Texts) -> tuple[str, ...]:
    out = [t("result.for_child")] if verdict.answers.for_child and verdict.services else []
    if verdict.age_assumed and verdict.services:
        out.append(t("note.age_assumed"))
    out += _age_from_link(verdict, t)
    out += _linked_unknown(verdict, t)
    span, birthday = verdict.adult_from, verdict.age.birthday_18
    if span is not None and not span.exact and span.latest > verdict.today:
        out.append(t("note.birthday_maybe_ahead", range=t.range(span)))
    elif span is not None and not span.exact and birthday is not None:
        # Say the birthday's whole range: most of it may lie before the start ("you turned 18 around the
        # start" would be wrong for most such people).
        out.append(
            t(
                "note.birthday_range",
                birthday=t.range(birthday),
                range=t.range(span),
                start=t.date(verdict.training_start),
            )
        )
    return tuple(out)


def _linked_unknown(verdict: Verdict, t: Texts) -> list[str]:
    """Accounts maybe linked: judged as not linked; say what holds if they are (or that nothing changes)."""
    if not verdict.linked_unknown:
        return []
    if not verdict.if_linked:
        return [t("note.linked_unknown_same")]
    changes = [
        t("note.linked_change", service=t.service(code), status=t.status(st.value))
        for code, st in verdict.if_linked
    ]
    return [t("note.linked_unknown", changes="; ".join(changes))]


def if_known_lines(verdict: Verdict, t: Texts) -> tuple[str, ...]:
    """Each "I don't know" was judged on the safe side: say what holds if the person finds out otherwise.

    Shown with the reasons, not above the verdict: they explain it, and the verdict and first step keep the
    phone's first screen."""
    out = []
    start = t.date(verdict.training_start)
    for kind, changed in verdict.if_known:
        if not changed:
            out.append(t(f"note.if_known_{kind}_same", start=start))
            continue
        changes = "; ".join(
            t("note.linked_change", service=t.service(code), status=t.status(status.value))
            for code, status in changed
        )
        out.append(t(f"note.if_known_{kind}", start=start, changes=changes))
    return tuple(out)


def _age_from_link(verdict: Verdict, t: Texts) -> list[str]:
    """A link made on another day: the age it gives was the age then; say which age today is judged."""
    answers, ages = verdict.answers, verdict.age.ages
    if answers.made_on is None or answers.made_on == verdict.today or ages is None:
        return []
    now = str(ages[0]) if ages[0] == ages[1] else t("age.one_of", low=ages[0], high=ages[1])
    return [t("note.age_from_link", made=t.date(answers.made_on), age=answers.age, now=now)]


def result_view(verdict: Verdict, t: Texts) -> ResultView:
    return ResultView(
        summary=summary(verdict, t),
        cards=tuple(card(sv, verdict, t) for sv in verdict.services),
        actions=tuple(action_item(a, t) for a in verdict.actions),
        notes=notes(verdict, t),
        answers=answers_in_words(verdict.answers, t),
        sources=sources_for(facts_behind(verdict, t), t),
        version_line=version_line(t),
        if_known=if_known_lines(verdict, t),
    )


def problem_lines(decoded: Decoded, t: Texts) -> tuple[str, ...]:
    """The link's dropped values in plain words (plain text: the page must never render them as markup),
    then what the result assumes in their place."""
    lines = [problem_line(p, t) for p in decoded.problems]
    if decoded.more_problems:
        lines.append(t("problem.more", count=decoded.more_problems))
    return tuple(lines) + consequence_lines(decoded, t)


def consequence_lines(decoded: Decoded, t: Texts) -> tuple[str, ...]:
    """What a dropped value means for the result: a dropped objection date is judged as no objection, a
    dropped Meta AI answer as no chats there. Said, because the person most likely to meet a mangled link
    is one who did object, and the card below would otherwise just say "In use"."""
    # "not_used": a value about a service the person did not name; nothing is judged in its place
    dropped = {p.key for p in decoded.problems if p.reason not in (*REPAIRS, "not_used")}
    answers = decoded.answers
    lines = [
        t("notice.judged_without_objection", service=t.service(code))
        for code in ordered(answers.services)
        if objection_key(code) in dropped and effective_objection(answers, code, t.knowledge) is None
    ]
    if "ai" in dropped and answers.services:
        lines.append(t("notice.judged_without_ai_chats"))
    lines += _unnamed_objection_lines(decoded, t)
    return tuple(lines)


def _unnamed_objection_lines(decoded: Decoded, t: Texts) -> list[str]:
    """An objection date for a service the link does not name (`svc=wa&obj_fb=…`) is not counted. Say what
    that means: for a service that follows it (Messenger, the app, Threads) it is judged without it."""
    answers, k = decoded.answers, t.knowledge
    unnamed = [
        code
        for code in decoded.objection_services
        if code not in answers.services
        and any(p.key == objection_key(code) and p.reason == "not_used" for p in decoded.problems)
    ]
    lines = []
    for code in unnamed:
        # Where it might have counted: services that follow it (Messenger, the app), and with linked accounts
        # the other account of the Accounts Center group and the services that follow that one (Threads).
        reach = {code} | ({*k.accounts_center} if code in k.accounts_center else set())
        followers = tuple(
            s
            for s in ordered(answers.services)
            if (s in reach or reach & set(k.services[s].follows))
            and effective_objection(answers, s, k) is None
        )
        if followers:
            lines.append(
                t("notice.objection_unnamed_follows", service=t.service(code), services=t.services(followers))
            )
        else:
            lines.append(t("notice.objection_unnamed", service=t.service(code)))
    return lines


def problem_line(p: Problem, t: Texts) -> str:
    return t(f"problem.{p.reason}", key=p.key, value=p.shown_value)
