"""The verdict rules, one truth table per rule (README.md, "Verdict rules")."""

from datetime import date

import pytest

from kicheck.link import decode_query
from kicheck.present import result_view
from kicheck.texts import Texts
from kicheck.verdict import DateRange, Status, adult_from, decide, effective_objection, eighteenth_birthday
from tests.conftest import TODAY

START = date(2025, 5, 27)
IN_USE, PARTLY, PROTECTED, NOT_AFFECTED = Status.IN_USE, Status.PARTLY, Status.PROTECTED, Status.NOT_AFFECTED
UNCLEAR = Status.UNCLEAR


def verdict(query: str, kb, today: date = TODAY):
    decoded = decode_query(query, today)
    assert decoded.problems == (), decoded.problems  # the table's links are all valid
    return decide(decoded.answers, kb, today)


def statuses(query: str, kb) -> dict[str, Status]:
    return {v.service: v.status for v in verdict(query, kb).services}


def action_ids(query: str, kb) -> list[str]:
    return [a.id for a in verdict(query, kb).actions]


# ---------------------------------------------------------------------------------------------- Facebook / Instagram


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # no objection: in use, even with a private account (always-public items)
        ("age=34&svc=fb", {"fb": IN_USE}),
        ("age=34&svc=fb&pub=fb", {"fb": IN_USE}),
        ("age=18&svc=ig", {"ig": IN_USE}),
        # an objection before the start protects (2024 objections count)
        ("age=34&svc=fb&obj_fb=2025-05-26", {"fb": PROTECTED}),
        ("age=34&svc=fb&obj_fb=2024-06-20", {"fb": PROTECTED}),
        # on or after the start: partly protected
        ("age=34&svc=fb&obj_fb=2025-05-27", {"fb": PARTLY}),
        ("age=34&svc=ig&obj_ig=2026-01-15", {"ig": PARTLY}),
        # each service its own objection, unless linked
        ("age=34&svc=fb,ig&obj_fb=2025-01-10", {"fb": PROTECTED, "ig": IN_USE}),
        ("age=34&svc=fb,ig&obj_fb=2025-01-10&linked=1", {"fb": PROTECTED, "ig": PROTECTED}),
        ("age=34&svc=fb,ig&obj_ig=2025-09-01&linked=1", {"fb": PARTLY, "ig": PARTLY}),
        # linked: the earliest of both counts
        ("age=34&svc=fb,ig&obj_fb=2025-09-01&obj_ig=2025-03-01&linked=1", {"fb": PROTECTED, "ig": PROTECTED}),
        ("age=34&svc=fb,ig&obj_fb=2025-09-01&obj_ig=2025-03-01", {"fb": PARTLY, "ig": PROTECTED}),
        # minors are not affected, whatever they did
        ("age=17&svc=fb,ig&pub=fb,ig", {"fb": NOT_AFFECTED, "ig": NOT_AFFECTED}),
        ("age=12&svc=ig&obj_ig=2025-07-01", {"ig": NOT_AFFECTED}),
        # ... unless the profile says 18+
        ("age=16&bd=wrong&svc=ig", {"ig": IN_USE}),
        ("age=16&bd=wrong&svc=ig&obj_ig=2025-07-01", {"ig": PARTLY}),
        # no age given: judged as an adult (said on the page)
        ("svc=fb", {"fb": IN_USE}),
    ],
)
def test_facebook_and_instagram(query, expected, kb):
    """Per service: minor -> not affected; objection before start -> protected; after -> partly; none -> in use."""
    assert statuses(query, kb) == expected


def test_partly_protected_window_runs_from_start_to_objection(kb):
    """A late objection only protects from its date on; the window before it may be in training."""
    fb = verdict("age=34&svc=fb&obj_fb=2025-07-01", kb).service("fb")
    assert fb.window.start == DateRange(START, START)
    assert fb.window.end == date(2025, 7, 1)
    assert (fb.objection, fb.protected_since) == (date(2025, 7, 1), None)  # never "protected since" (R1)
    assert "F16" in fb.unclear  # whether older posts stay usable afterwards is disputed


def test_linked_objection_names_the_account_it_came_from(kb):
    """With linked accounts, Instagram is protected through the Facebook objection, and says so."""
    ig = verdict("age=34&svc=fb,ig&obj_fb=2025-01-10&linked=1", kb).service("ig")
    assert (ig.objection, ig.objection_via) == (date(2025, 1, 10), "fb")
    assert "reason.linked_via" in ig.reasons


def test_in_use_lists_always_public_items_and_public_posts(kb):
    """Always-public items are used even for a private account; public posts add to the list."""
    assert verdict("age=34&svc=fb", kb).service("fb").categories == ("always_public",)
    assert verdict("age=34&svc=fb&pub=fb", kb).service("fb").categories == ("always_public", "public_posts")
    assert verdict("age=34&svc=fb&pub=fb&ai=fb", kb).service("fb").categories == (
        "always_public",
        "public_posts",
        "ai_chats",
    )
    assert "reason.private_still_used" in verdict("age=34&svc=fb", kb).service("fb").reasons


def test_protected_and_not_affected_list_no_categories(kb):
    """Nothing is listed as concerned where nothing is used."""
    assert verdict("age=34&svc=fb&pub=fb&obj_fb=2025-01-01", kb).service("fb").categories == ()
    assert verdict("age=15&svc=fb&pub=fb", kb).service("fb").categories == ()


# ---------------------------------------------------------------------------------------------- age


@pytest.mark.parametrize(
    ("age", "today", "expected"),
    [
        (18, date(2026, 11, 29), DateRange(date(2025, 11, 30), date(2026, 11, 29))),
        (19, date(2026, 11, 29), DateRange(date(2024, 11, 30), date(2025, 11, 29))),
        (16, date(2026, 11, 29), DateRange(date(2027, 11, 30), date(2028, 11, 29))),
        (20, date(2024, 2, 29), DateRange(date(2021, 3, 1), date(2022, 2, 28))),  # leap day
    ],
)
def test_eighteenth_birthday_is_a_one_year_range(age, today, expected):
    """From an age alone, the 18th birthday is known only to within a year."""
    assert eighteenth_birthday(age, today) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # 20 and older: adult before the start, the window opens at the start
        ("age=20", DateRange(START, START)),
        ("age=60", DateRange(START, START)),
        # 19: turned 18 between 30 Nov 2024 and 29 Nov 2025 -> from the start or the birthday, whichever is later
        ("age=19", DateRange(START, date(2025, 11, 29))),
        # 18: turned 18 after the start -> only from the birthday
        ("age=18", DateRange(date(2025, 11, 30), date(2026, 11, 29))),
        # minors: not at all; with a wrong birth date: from the start
        ("age=17", None),
        ("age=15&bd=wrong", DateRange(START, START)),
    ],
)
def test_window_start_for_ages_around_18(query, expected):
    """Ages 18 and 19 may have turned 18 after the start; the window then starts at a birthday range."""
    answers = decode_query(query, TODAY).answers
    assert adult_from(answers, TODAY, START) == expected


# the age is today's, from `age` on the day the link was made (d=); a link without d is read as made today:
AGEING = [
    # a 17-year-old's link opened 13 months later is an adult's: in use from the 18th birthday (a range)
    ("age=17&svc=fb&d=2025-10-29", TODAY, IN_USE, (18, 19), DateRange(date(2025, 10, 30), date(2026, 10, 29))),
    ("age=17&svc=fb&d=2026-11-29", TODAY, NOT_AFFECTED, (17, 17), None),
    # six months later the birthday may have come: judged as possibly 18 (the safe side), window from it
    ("age=17&svc=fb&d=2026-05-29", TODAY, IN_USE, (17, 18), DateRange(date(2026, 5, 30), date(2027, 5, 29))),
    # a late objection at 18 stays partly protected when the link is opened a year later
    ("age=18&svc=fb&obj_fb=2026-11-29&d=2026-11-29", date(2027, 11, 29), PARTLY, (19, 19),
     DateRange(date(2025, 11, 30), date(2026, 11, 29))),
    # ... but one that may have come before the 18th birthday is not counted (R4), whenever the link is opened
    ("age=18&svc=fb&obj_fb=2026-01-15&d=2026-11-29", date(2027, 11, 29), IN_USE, (19, 19),
     DateRange(date(2025, 11, 30), date(2026, 11, 29))),
    # an adult's link opened later: from the start, as before
    ("age=40&svc=fb&d=2025-06-01", TODAY, IN_USE, (41, 42), DateRange(START, START)),
    # a minor with a wrong (adult) birth date: from the start, whenever the link is opened
    ("age=16&bd=wrong&svc=fb&d=2026-11-29", date(2027, 11, 29), IN_USE, (17, 17), DateRange(START, START)),
]  # fmt: skip


@pytest.mark.parametrize(("query", "today", "status", "ages", "adult"), AGEING)
def test_age_is_judged_as_of_today(query, today, status, ages, adult, kb):
    """The verdict judges the person at their age today, not at the age the link was made with."""
    decoded = decode_query(query, today)
    assert decoded.problems == ()
    v = decide(decoded.answers, kb, today)
    assert (v.services[0].status, v.age.ages, v.adult_from) == (status, ages, adult)


@pytest.mark.parametrize(
    ("query", "today", "expected"),
    [
        # the "turns 18" reminder follows the link's day: the same birthday whenever the link is opened
        ("age=16&svc=ig&d=2026-11-29", TODAY, date(2027, 11, 30)),
        ("age=16&svc=ig&d=2026-11-29", date(2027, 6, 1), date(2027, 11, 30)),
        # ... and goes once the person is surely 18; while they may still be 17, it comes tomorrow (the text
        # gives the birthday's range: an objection before it may not count, R4)
        ("age=17&svc=ig&d=2025-11-29", TODAY, None),
        ("age=17&svc=ig&d=2026-05-29", TODAY, date(2026, 11, 30)),
        # a minor with an adult birth date on the profile is told to object now: reminded at 18 too (R4)
        ("age=16&bd=wrong&svc=ig", TODAY, date(2027, 11, 30)),
        # only for a service with public content (the reminder is about objecting there)
        ("age=16&svc=wa&ai=wa&d=2026-11-29", TODAY, None),
    ],
)
def test_turn_18_reminder_follows_the_age_today(query, today, expected, kb):
    """Someone who may be under 18 is reminded on the earliest possible 18th birthday (tomorrow, once that has
    passed), counted from the day the link was made."""
    v = decide(decode_query(query, today).answers, kb, today)
    assert next((r.day for r in v.reminders if r.kind == "turn18"), None) == expected


OBJECTED_AS_MINOR = [
    # R4: no source says an objection made before 18 holds at 18. Before any possible 18th birthday: not
    # counted (was "Protected" until the truth review of 29 Nov 2026)
    ("age=18&svc=ig&obj_ig=2025-07-01", IN_USE, "reason.objected_as_minor"),
    ("age=18&svc=ig&obj_ig=before-start", IN_USE, "reason.objected_as_minor"),
    # inside the birthday range (maybe before 18): not counted either, and said so
    ("age=18&svc=ig&obj_ig=2026-06-01", IN_USE, "reason.maybe_objected_as_minor"),
    ("age=20&svc=ig&obj_ig=2024-06-10", IN_USE, "reason.maybe_objected_as_minor"),
    # a linked or followed objection the same way
    ("age=18&svc=fb,ig&obj_fb=2025-07-01&linked=1", IN_USE, "reason.objected_as_minor"),
    # on or after the latest possible 18th birthday it counts as an adult's
    ("age=19&svc=ig&obj_ig=2025-11-29", PARTLY, "reason.objected_late"),
    ("age=21&svc=ig&obj_ig=2024-06-10", PROTECTED, "reason.objected_before"),
    # no age given (judged as an adult), or a profile that showed an adult (Meta saw an adult's objection)
    ("svc=ig&obj_ig=2024-06-10", PROTECTED, "reason.objected_before"),
    ("age=17&bd=wrong&svc=ig&obj_ig=2025-01-10", PROTECTED, "reason.objected_before"),
]


@pytest.mark.parametrize(
    ("query", "status", "reason"), OBJECTED_AS_MINOR, ids=[q for q, _, _ in OBJECTED_AS_MINOR]
)
def test_objection_before_turning_18_is_not_counted(query, status, reason, kb):
    """An objection made (possibly) before the 18th birthday never makes an adult 'protected' (R4, F11)."""
    v = verdict(query, kb)
    ig = v.service("ig")
    assert (ig.status, ig.reasons[0]) == (status, reason)
    # F11 also for anyone who turned 18 after the start (18 or 19 today): whether their posts from before are
    # used is open (truth audit 29 Nov 2026, finding 8)
    recent = query.startswith(("age=18&", "age=19&"))
    assert ("F11" in ig.unclear) == (reason.endswith("as_minor") or "bd=wrong" in query or recent)


def test_minor_with_wrong_birth_date_is_marked_as_a_risk(kb):
    """A wrong adult birth date is an inference (F11), shown as unclear, and the first action fixes it."""
    v = verdict("age=16&bd=wrong&svc=fb,ig", kb)
    assert all("F11" in s.unclear for s in v.services)
    assert v.actions[0].id == "fix_birthdate"


# ---------------------------------------------------------------------------------------------- other services


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Threads follows Instagram's objection (unclear)
        ("age=34&svc=ig,th", {"ig": IN_USE, "th": IN_USE}),
        ("age=34&svc=ig,th&obj_ig=2025-01-10", {"ig": PROTECTED, "th": PROTECTED}),
        ("age=34&svc=ig,th&obj_ig=2025-08-10", {"ig": PARTLY, "th": PARTLY}),
        (
            "age=34&svc=fb,ig,th&obj_fb=2025-01-10&linked=1",
            {"fb": PROTECTED, "ig": PROTECTED, "th": PROTECTED},
        ),
        ("age=34&svc=th", {"th": IN_USE}),
        # Messenger and the Meta AI app: only through Meta AI chats
        ("age=34&svc=ms", {"ms": NOT_AFFECTED}),
        ("age=34&svc=app", {"app": NOT_AFFECTED}),
        ("age=34&svc=ms,app&ai=ms,app", {"ms": IN_USE, "app": IN_USE}),
        # ... and they follow the Facebook objection (unclear)
        ("age=34&svc=fb,ms&ai=ms&obj_fb=2025-01-10", {"fb": PROTECTED, "ms": PROTECTED}),
        ("age=34&svc=fb,ms&ai=ms&obj_fb=2025-08-10", {"fb": PARTLY, "ms": PARTLY}),
        # WhatsApp: in use only when writing to Meta AI; no objection elsewhere covers it
        ("age=34&svc=wa", {"wa": NOT_AFFECTED}),
        ("age=34&svc=wa&ai=wa", {"wa": IN_USE}),
        (
            "age=34&svc=fb,ig,wa&ai=wa&obj_fb=2025-01-10&obj_ig=2025-01-10",
            {"fb": PROTECTED, "ig": PROTECTED, "wa": IN_USE},
        ),
    ],
)
def test_threads_messenger_app_whatsapp(query, expected, kb):
    """Threads follows Instagram; Messenger and the app count only with Meta AI chats; WhatsApp has no form."""
    assert statuses(query, kb) == expected


@pytest.mark.parametrize(
    ("query", "service", "fact"),
    [
        ("age=34&svc=ig,th", "th", "F3"),
        # WhatsApp: whether a Facebook/Instagram objection covers the chats (F25), CNIL's statement (F18)
        ("age=34&svc=wa&ai=wa", "wa", "F25"),
        ("age=34&svc=fb,wa&ai=wa&obj_fb=2025-01-10", "wa", "F25"),
        ("age=34&svc=wa&ai=wa", "wa", "F18"),
        # minors' chats with Meta AI: no statement (F28)
        ("age=15&svc=wa&ai=wa", "wa", "F28"),
        ("age=15&svc=fb&ai=fb", "fb", "F28"),
        ("age=15&svc=ms,app&ai=ms", "ms", "F28"),
        ("age=34&svc=fb&obj_fb=2025-07-01", "fb", "F16"),
    ],
)
def test_unclear_points_are_attached(query, service, fact, kb):
    """Where the facts are unclear, the verdict says so (and the page shows who says what)."""
    assert fact in verdict(query, kb).service(service).unclear


@pytest.mark.parametrize(
    ("query", "service", "fact"),
    [
        # Messenger and Meta AI app chats follow the Facebook objection, reported (F20): no unclear point (R2)
        ("age=34&svc=fb,ms&ai=ms&obj_fb=2025-01-10", "ms", "F20"),
        ("age=34&svc=app&ai=app", "app", "F20"),
        ("age=34&svc=app&ai=app", "app", "F3"),
        # a minor who does not chat with Meta AI there: F28 does not bear on it
        ("age=15&svc=wa", "wa", "F28"),
        ("age=15&svc=fb,wa&ai=wa", "fb", "F28"),
    ],
)
def test_no_unclear_point_where_the_facts_are_settled(query, service, fact, kb):
    """A point the sources settle is not shown as unclear."""
    assert fact not in verdict(query, kb).service(service).unclear


def test_messenger_follows_facebook_as_reported(kb):
    """R2: Messenger chats follow the Facebook objection and say so with the confidence 'reported'."""
    ms = verdict("age=34&svc=fb,ms&ai=ms&obj_fb=2025-01-10", kb).service("ms")
    assert (ms.status, ms.reasons) == (PROTECTED, ("reason.objected_before", "reason.follows_reported"))


@pytest.mark.parametrize(
    ("query", "service", "status", "objection", "via"),
    [
        # R2: "a Facebook/Instagram objection covers Meta AI chats ... in Messenger and in the Meta AI app"
        ("age=30&svc=ig,app&ai=app&obj_ig=before-start", "app", PROTECTED, date(2025, 5, 26), "ig"),
        ("age=25&svc=ig,ms&ai=ms&obj_ig=2026-11-20", "ms", PARTLY, date(2026, 11, 20), "ig"),
        # not linked: the earliest of the two counts, whichever service it was made on
        ("age=30&svc=fb,ig,app&ai=app&obj_fb=2025-09-01&obj_ig=before-start", "app", PROTECTED, date(2025, 5, 26), "ig"),
        ("age=30&svc=fb,ig,ms&ai=ms&obj_fb=2025-06-01&obj_ig=2025-09-01", "ms", PARTLY, date(2025, 6, 1), "fb"),
        # Threads follows Instagram only: a Facebook objection does not reach it
        ("age=30&svc=fb,th&obj_fb=2025-01-10", "th", IN_USE, None, None),
    ],
)  # fmt: skip
def test_ai_chats_follow_a_facebook_or_an_instagram_objection(query, service, status, objection, via, kb):
    """Messenger and the Meta AI app follow the earliest Facebook or Instagram objection (R2, reported)."""
    judged = verdict(query, kb).service(service)
    assert (judged.status, judged.objection, judged.objection_via) == (status, objection, via)


@pytest.mark.parametrize(
    ("query", "forms"),
    [
        # neither Facebook nor Instagram in use: either form may be used for the chats (both need a login)
        ("lang=en&age=34&svc=ms&ai=ms", ["object_fb", "object_ig"]),
        ("lang=en&age=34&svc=app,wa&ai=app,wa", ["object_fb", "object_ig"]),
    ],
)
def test_the_chats_objection_offers_the_forms_that_cover_them(query, forms, kb):
    """The Messenger/app step links the Facebook and the Instagram form, never one that does not cover them."""
    v = verdict(query, kb)
    step = next(a for a in v.actions if a.id == "object_for_ai_chats")
    links = result_view(v, Texts(kb, "en")).actions[v.actions.index(step)].links
    assert [link.url for link in links] == [kb.forms[f].url for f in forms]


# a minor (birth date correct) who chats with Meta AI: public content is not used, the chats are unclear (F28).
# Where the service has public content, "Not affected" keeps its meaning for that content and the card says the
# chats are unclear; where the service is affected only through Meta AI chats (services.yaml: affected_through),
# the chats are all there is, so the status itself is Unclear (R4)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # only through Meta AI chats, and chatting there: Unclear
        ("age=16&svc=wa&ai=wa", {"wa": UNCLEAR}),
        ("age=15&svc=ms&ai=ms", {"ms": UNCLEAR}),
        ("age=15&svc=app&ai=app", {"app": UNCLEAR}),
        ("age=13&svc=wa,ms,app&ai=wa,ms,app", {"wa": UNCLEAR, "ms": UNCLEAR, "app": UNCLEAR}),
        # ... not chatting there: nothing could be used
        ("age=16&svc=wa", {"wa": NOT_AFFECTED}),
        ("age=15&svc=ms,app&ai=ms", {"ms": UNCLEAR, "app": NOT_AFFECTED}),
        # public content: Not affected, also when chatting with Meta AI there (the card says the chats are unclear)
        ("age=15&svc=fb,ig&ai=fb,ig", {"fb": NOT_AFFECTED, "ig": NOT_AFFECTED}),
        ("age=15&svc=fb,ms&ai=fb,ms", {"fb": NOT_AFFECTED, "ms": UNCLEAR}),
        # an objection made as a minor changes nothing: no source says what it means for the chats either
        ("age=15&svc=fb,ms&ai=ms&obj_fb=2025-01-10", {"fb": NOT_AFFECTED, "ms": UNCLEAR}),
        ("age=16&svc=ig,wa&ai=ig,wa&obj_ig=2026-10-01", {"ig": NOT_AFFECTED, "wa": UNCLEAR}),
        # a minor whose profile says 18+ is an adult for Meta: the chats are in use
        ("age=16&bd=wrong&svc=wa&ai=wa", {"wa": IN_USE}),
        ("age=16&bd=wrong&svc=ms&ai=ms", {"ms": IN_USE}),
        # an adult's chats are simply in use; a 17-year-old's link opened after the 18th birthday is an adult's
        ("age=34&svc=wa&ai=wa", {"wa": IN_USE}),
        ("age=17&svc=wa&ai=wa&d=2025-06-01", {"wa": IN_USE}),
    ],
)
def test_minor_chats_with_meta_ai(query, expected, kb):
    """R4: Unclear exactly for a minor's Meta AI chats on a service affected only through them."""
    assert statuses(query, kb) == expected


@pytest.mark.parametrize(
    ("query", "service", "minor_ai_chats"),
    [
        ("age=15&svc=wa&ai=wa", "wa", True),
        ("age=15&svc=fb,ms&ai=fb", "fb", True),
        ("age=15&svc=fb,ms&ai=fb", "ms", False),
        ("age=15&svc=wa", "wa", False),
        ("age=34&svc=wa&ai=wa", "wa", False),  # an adult's chats are simply in use
    ],
)
def test_minor_chats_with_meta_ai_are_unclear(query, service, minor_ai_chats, kb):
    """R4: a minor's chats carry the unclear point F28 and a reason that says so, whatever the status."""
    sv = verdict(query, kb).service(service)
    assert sv.minor_ai_chats is minor_ai_chats
    assert ("F28" in sv.unclear, "reason.minor_ai_chats" in sv.reasons) == (minor_ai_chats, minor_ai_chats)
    if minor_ai_chats:  # nothing is said to be used
        assert (sv.window, sv.protected_since, sv.categories) == (None, None, ())


# unknown answers: "I don't know whether they are linked" is judged as not linked (the safe side), with the
# statuses that would differ if they are; an objection before the start with no known day protects
@pytest.mark.parametrize(
    ("query", "expected", "if_linked"),
    [
        ("svc=fb,ig&obj_fb=2025-01-10&linked=unknown", {"fb": PROTECTED, "ig": IN_USE}, (("ig", PROTECTED),)),
        ("svc=fb,ig&obj_ig=2025-09-01&linked=unknown", {"fb": IN_USE, "ig": PARTLY}, (("fb", PARTLY),)),
        ("svc=fb,ig&linked=unknown", {"fb": IN_USE, "ig": IN_USE}, ()),
        ("svc=fb,ig,th&obj_fb=before-start&linked=unknown", {"fb": PROTECTED, "ig": IN_USE, "th": IN_USE},
         (("ig", PROTECTED), ("th", PROTECTED))),
        ("svc=fb&obj_fb=before-start", {"fb": PROTECTED}, ()),
        ("svc=fb,ig&obj_fb=before-start&linked=1", {"fb": PROTECTED, "ig": PROTECTED}, ()),
    ],
)  # fmt: skip
def test_unknown_answers(query, expected, if_linked, kb):
    """Linked unknown: judged as not linked, with what holds if linked; a day-unknown objection protects."""
    v = verdict(f"age=34&{query}", kb)
    assert ({s.service: s.status for s in v.services}, v.if_linked) == (expected, if_linked)
    assert v.linked_unknown == ("linked=unknown" in query)


def test_day_unknown_objection_is_never_given_a_day(kb):
    """The placeholder day of a before-start objection stays inside the rules: flagged, never 'protected since'."""
    v = verdict("age=34&svc=fb,ig&obj_fb=before-start&linked=1", kb)
    assert [(s.objection_day_known, s.objection_via) for s in v.services] == [(False, None), (False, "fb")]
    assert verdict("age=34&svc=fb&obj_fb=2025-05-26", kb).services[0].objection_day_known


# ---------------------------------------------------------------------------------------------- actions


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # one objection per unprotected service, one when linked, none for a protected one
        ("age=34&svc=fb", ["object_service", "keep_confirmation", "complain_dpa"]),
        ("age=34&svc=fb,ig&linked=1", ["object_linked", "keep_confirmation", "complain_dpa"]),
        ("age=34&svc=fb,ig&obj_fb=2025-01-01", ["object_service", "keep_confirmation", "complain_dpa"]),
        ("age=34&svc=fb&obj_fb=2025-01-01", ["nothing_to_do"]),
        ("age=34&svc=fb&obj_fb=2025-07-01", ["complain_dpa"]),
        # the confirmation e-mail: when told to object now, or after an objection of the last 14 days only
        # (never "object again if none came" to someone who objected 18 months ago)
        ("age=34&svc=fb&obj_fb=2026-11-15", ["keep_confirmation", "complain_dpa"]),
        ("age=34&svc=fb&obj_fb=2026-11-14", ["complain_dpa"]),
        # public posts not yet used can still be hidden or deleted
        ("age=34&svc=ig&pub=ig", ["object_service", "keep_confirmation", "hide_or_delete", "complain_dpa"]),
        # after a late objection, posts public before it may still be used (disputed, F16): hiding them helps
        ("age=34&svc=ig&pub=ig&obj_ig=2025-07-01", ["hide_or_delete_earlier", "complain_dpa"]),
        ("age=34&svc=ig&obj_ig=2025-07-01", ["complain_dpa"]),
        # WhatsApp: stop, delete, Advanced Chat Privacy
        (
            "age=34&svc=wa&ai=wa",
            ["wa_stop_ai", "wa_delete_chats", "wa_chat_privacy", "wa_general_objection", "complain_dpa"],
        ),
        ("age=34&svc=wa", ["nothing_to_do"]),
        # minors: object now anyway; with a wrong birth date: correct it first
        ("age=15&svc=ig", ["object_minor", "keep_confirmation"]),
        ("age=15&svc=ig&obj_ig=2025-09-01", ["nothing_to_do"]),
        # a minor who chats with Meta AI: the levers for the chats, not "nothing to do" (R4)
        ("age=15&svc=ig&ai=ig&obj_ig=2025-09-01", ["stop_meta_ai"]),
        ("age=15&svc=ig&obj_ig=2026-11-28", ["keep_confirmation", "nothing_to_do"]),
        ("age=15&bd=wrong&svc=ig", ["fix_birthdate", "keep_confirmation", "complain_dpa"]),
        # a wrong birth date without Facebook or Instagram: no form to correct it with or to object on, so no
        # "correct and object" step with Facebook's and Instagram's forms; the chats' own levers instead
        (
            "age=17&bd=wrong&svc=wa,ms&ai=wa",
            ["wa_stop_ai", "wa_delete_chats", "wa_chat_privacy", "wa_general_objection", "complain_dpa"],
        ),
        # Messenger chats with an Instagram objection: covered by a reading of Meta's wording (R2, R13), nothing
        # to object; the sure lever is writing nothing personal to Meta AI there, not "nothing to do"
        ("age=34&svc=ig,ms&ai=ms&obj_ig=2025-01-10", ["stop_meta_ai"]),
        # Threads alone: through Instagram's form; Messenger chats: the Facebook form may cover them
        ("age=34&svc=th", ["object_threads", "keep_confirmation", "complain_dpa"]),
        (
            "age=34&svc=ms&ai=ms",
            ["object_for_ai_chats", "keep_confirmation", "stop_meta_ai", "complain_dpa"],
        ),
        # no account: others' posts and the third-party form
        ("age=34&svc=none", ["others_posts", "third_party_form"]),
    ],
)
def test_actions_in_order_of_effect(query, expected, kb):
    """The action list for typical persons, in order of effect."""
    assert action_ids(query, kb) == expected


@pytest.mark.parametrize(
    ("query", "service", "expected"),
    [
        # own date unless linked, then the earliest of the Accounts Center group (own wins a tie)
        ("obj_fb=2025-09-01&obj_ig=2025-03-01&linked=1", "fb", (date(2025, 3, 1), "ig", "linked")),
        ("obj_fb=2025-09-01&obj_ig=2025-03-01&linked=1", "ig", (date(2025, 3, 1), None, "own")),
        ("obj_fb=2025-09-01&obj_ig=2025-09-01&linked=1", "fb", (date(2025, 9, 1), None, "own")),
        ("obj_fb=2025-09-01&obj_ig=2025-03-01", "fb", (date(2025, 9, 1), None, "own")),
        ("obj_fb=2025-09-01", "ig", None),
        # a service without a form follows another's effective objection, linked or not
        ("obj_fb=2025-09-01&obj_ig=2025-03-01&linked=1", "th", (date(2025, 3, 1), "ig", "follows")),
        ("obj_fb=2025-03-01&obj_ig=2025-09-01&linked=1", "th", (date(2025, 3, 1), "fb", "follows")),
        ("obj_fb=2025-03-01", "ms", (date(2025, 3, 1), "fb", "follows")),
        # no route: no objection counts
        ("obj_fb=2025-03-01&obj_ig=2025-03-01", "wa", None),
    ],
)
def test_effective_objection(query, service, expected, kb):
    """effective_objection: own, linked (earliest of the group), followed, or none."""
    a = decode_query(f"age=30&svc=fb,ig,th,wa,ms&ai=ms,wa&{query}", TODAY).answers
    found = effective_objection(a, service, kb)
    assert (found and (found.day, found.via, found.how)) == expected
