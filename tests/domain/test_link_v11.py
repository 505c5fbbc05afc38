"""Share link v1.1 (issue 11): the day a link was made, unknown answers as values, and nothing changing
meaning silently (repaired keys, unknown keys, missing services, one language rule).

The codec is used as `link.<name>`, so that against the v1 code each test fails on its own (a missing name is
an AttributeError in that test, not an import error of the whole file).
"""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kicheck import clock, link
from kicheck.answers import (
    AI_CAPABLE,
    DEFAULT_LANG,
    EARLIEST_OBJECTION,
    LATEST_BEFORE_START,
    OBJECTION_CAPABLE,
    PUBLIC_CAPABLE,
    SERVICES,
    Answers,
    age_range_on,
    stamped,
)
from tests.conftest import TODAY

FB_IG = frozenset({"fb", "ig"})


def problems(query: str, today: date = TODAY) -> list[tuple[str, str]]:
    return [(p.key, p.reason) for p in link.decode_query(query, today).problems]


# ---------------------------------------------------------------------------------------------- 1: d and k


@pytest.mark.parametrize(
    ("query", "made_on", "expected"),
    [
        ("age=18&svc=fb&d=2026-11-29", date(2026, 11, 29), []),
        ("age=18&svc=fb&d=2025-01-01", date(2025, 1, 1), []),
        ("age=18&svc=fb&d=2026-12-01", None, [("d", "future_date")]),
        ("age=18&svc=fb&d=2026-11-30", date(2026, 11, 29), [("d", "repaired_time_zone")]),
        ("age=18&svc=fb&d=2024-12-31", None, [("d", "link_too_early")]),
        ("age=18&svc=fb&d=2026-02-30", None, [("d", "bad_date")]),
        ("age=18&svc=fb&d=29.11.2026", None, [("d", "bad_date")]),
        ("age=18&svc=fb&d=", None, [("d", "empty")]),
        ("age=18&svc=fb&d=2026-11-01&d=2026-11-02", date(2026, 11, 1), [("d", "repeated")]),
    ],
)
def test_made_on(query, made_on, expected):
    """d= is the day the link was made: a real date from 2025 to today, else reported and ignored."""
    decoded = link.decode_query(query, TODAY)
    assert decoded.answers.made_on == made_on
    assert [(p.key, p.reason) for p in decoded.problems] == expected


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("2026.11-1", True),
        ("2027.01-12", True),
        ("2026.11-", False),
        ("2026.1-1", False),
        ("latest", False),
        ("2026.11-1<b>", False),
        ("2026.11-1 2026.11-2", False),
    ],
)
def test_knowledge_version(value, kept):
    """k= holds a knowledge version number (YYYY.MM-N) and nothing else; anything else is reported."""
    decoded = link.decode_query(f"age=30&svc=fb&k={value}", TODAY)
    assert decoded.answers.knowledge_version == (value if kept else None)
    assert [(p.key, p.reason) for p in decoded.problems] == ([] if kept else [("k", "bad_knowledge_version")])


def test_link_made_a_year_ago_keeps_its_day():
    """The link from the issue: made on 2026-11-29, opened a year later, it still says when age 18 held."""
    decoded = link.decode_query("age=18&svc=fb&obj_fb=2026-01-15&d=2026-11-29", date(2027, 11, 29))
    assert decoded.answers.made_on == date(2026, 11, 29)
    assert age_range_on(decoded.answers, date(2027, 11, 29)) == (19, 19)


@pytest.mark.parametrize(
    ("age", "made_on", "day", "expected"),
    [
        (None, date(2026, 11, 29), TODAY, None),
        (30, None, TODAY, (30, 30)),  # no d: read as made today
        (30, TODAY, TODAY, (30, 30)),
        # one year later exactly: one birthday has passed, whenever it is
        (18, date(2026, 11, 29), date(2027, 11, 29), (19, 19)),
        # in between anniversaries the birthday may or may not have come yet
        (17, date(2026, 11, 29), date(2026, 11, 30), (17, 18)),
        (17, date(2026, 11, 29), date(2027, 11, 28), (17, 18)),
        (17, date(2026, 11, 29), date(2027, 11, 30), (18, 19)),
        (17, date(2026, 11, 29), date(2029, 6, 1), (19, 20)),
        # a day before the link was made (a chart of the past)
        (18, date(2026, 11, 29), date(2026, 6, 1), (17, 18)),
        (0, date(2026, 11, 29), date(2025, 6, 1), (0, 0)),
        # 29 February
        (20, date(2028, 2, 29), date(2029, 2, 28), (20, 21)),
        (20, date(2028, 2, 29), date(2032, 2, 29), (24, 24)),
    ],
)
def test_age_range_on(age, made_on, day, expected):
    """age_range_on: the age on a day, from the age on the day the link was made (birthday unknown)."""
    assert age_range_on(Answers(age=age, made_on=made_on), day) == expected


def _age_at(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@settings(max_examples=300, deadline=None)  # a shared 2-core machine: no timing flakes
@given(
    st.integers(0, 120),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(-800, 3000),
)
def test_age_range_on_covers_every_possible_birthday(age, made_on, days_later):
    """Against brute force: the range is exactly the ages of everyone who was `age` on `made_on`."""
    day = made_on + timedelta(days=days_later)
    first = date(made_on.year - age - 2, 1, 1)
    births = [first + timedelta(days=i) for i in range(3 * 366)]
    possible = {max(0, _age_at(b, day)) for b in births if _age_at(b, made_on) == age}
    low, high = age_range_on(Answers(age=age, made_on=made_on), day)
    assert possible == set(range(low, high + 1))


# ---------------------------------------------------------------------------------------------- unknowns


@pytest.mark.parametrize(
    ("query", "linked", "given", "expected"),
    [
        ("age=30&svc=fb,ig&linked=1", True, True, []),
        ("age=30&svc=fb,ig&linked=0", False, True, []),
        ("age=30&svc=fb,ig&linked=unknown", None, True, []),
        ("age=30&svc=fb,ig", False, False, []),  # absent: "no", as in v1, but the form asks again
        ("age=30&svc=fb,ig&linked=maybe", False, False, [("linked", "unknown_code")]),
        ("age=30&svc=fb&linked=unknown", False, False, [("linked", "not_applicable")]),
        ("age=30&svc=fb&linked=0", False, False, []),
    ],
)
def test_linked_values(query, linked, given, expected):
    """linked=1 yes, 0 no, unknown "I don't know" (None); only with both Facebook and Instagram."""
    decoded = link.decode_query(query, TODAY)
    assert decoded.answers.linked is linked
    assert decoded.linked_given is given
    assert [(p.key, p.reason) for p in decoded.problems] == expected


@pytest.mark.parametrize(
    ("query", "known", "expected"),
    [
        ("svc=fb&obj_fb=before-start", {"fb": False}, []),
        ("svc=fb,ig&obj_fb=before-start&obj_ig=2025-07-01", {"fb": False, "ig": True}, []),
        ("svc=fb&obj_fb=2025-05-26", {"fb": True}, []),  # a v1 date stays a date
        ("svc=ig&obj_fb=before-start", {}, [("obj_fb", "not_used")]),
        ("svc=fb&obj_fb=Before-Start", {}, [("obj_fb", "bad_date")]),
    ],
)
def test_objection_before_start_day_unknown(query, known, expected):
    """obj_fb=before-start: objected before training started, day unknown; the date is the latest possible."""
    a = link.decode_query(query, TODAY).answers
    assert {s: a.objection_day_known(s) for s in a.objections} == known
    for service, day_known in known.items():
        if not day_known:
            assert a.objection(service) == LATEST_BEFORE_START == date(2025, 5, 26)
    assert problems(query) == expected


def test_encode_writes_v11_values():
    """encode writes the unknowns as their own values, and d and k last."""
    a = Answers(
        lang="en",
        age=17,
        services=FB_IG,
        linked=None,
        objections={"fb": LATEST_BEFORE_START},
        objected_before_start=frozenset({"fb"}),
        made_on=date(2026, 11, 29),
        knowledge_version="2026.11-1",
    )
    expected = "v=1.1&lang=en&age=17&svc=fb,ig&linked=unknown&obj_fb=before-start&d=2026-11-29&k=2026.11-1"
    assert link.encode(a) == expected
    assert link.decode_query(expected, TODAY).answers == a


def test_normalized_gives_a_day_unknown_objection_its_date():
    """The form only says "day unknown"; the answer set gets the latest possible day, and only for a used service."""
    a = link.normalized(Answers(services=frozenset({"fb"}), objected_before_start=FB_IG))
    assert a.objections == {"fb": LATEST_BEFORE_START}
    assert a.objected_before_start == frozenset({"fb"})


# ---------------------------------------------------------------------------------------------- 2: no silent change


@pytest.mark.parametrize(
    ("query", "given", "services_given", "expected"),
    [
        ("age=30", True, False, [("svc", "no_services")]),
        ("age=30&svc=", True, False, [("svc", "no_services")]),
        ("age=30&svc=tiktok", True, False, [("svc", "unknown_code"), ("svc", "no_services")]),
        ("age=30&svc=none", True, True, []),
        ("age=30&svc=fb", True, True, []),
        ("", False, False, []),  # a bare /result: the page asks for answers, no notice
        ("lang=en&v=1", False, False, []),
    ],
)
def test_missing_services_are_a_notice_not_a_verdict(query, given, services_given, expected):
    """A link without svc is not "no account": services_given is False and the notice says so."""
    decoded = link.decode_query(query, TODAY)
    assert (decoded.given, decoded.services_given) == (given, services_given)
    assert [(p.key, p.reason) for p in decoded.problems] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("age=30&svc=wa&amp;ai=wa", [("ai", "repaired_amp")]),
        ("age=30&svc=wa&amp%3Bai=wa", [("ai", "repaired_amp")]),
        ("age=30&svc=wa&amp;amp;ai=wa", [("ai", "repaired_amp")]),
        ("age=30&amp;svc=wa&amp;ai=wa", [("svc", "repaired_amp"), ("ai", "repaired_amp")]),
        ("age=30&svc=wa&AMP;AI=wa", [("ai", "repaired_amp")]),
        ("age=30&SVC=wa&Ai=wa", [("svc", "repaired_case"), ("ai", "repaired_case")]),
    ],
)
def test_mangled_keys_are_repaired_and_reported(query, expected):
    """&amp;ai=wa (an HTML-escaped link) and SVC= are read as ai and svc, and the notice says so."""
    decoded = link.decode_query(query, TODAY)
    assert decoded.answers == Answers(age=30, services=frozenset({"wa"}), ai=frozenset({"wa"}))
    assert [(p.key, p.reason) for p in decoded.problems] == expected


def test_repaired_key_merges_with_the_proper_one():
    """ai=fb&amp;ai=wa: both values count (a list), the repair is reported."""
    decoded = link.decode_query("age=30&svc=fb,wa&ai=fb&amp;ai=wa", TODAY)
    assert decoded.answers.ai == frozenset({"fb", "wa"})
    assert [p.reason for p in decoded.problems] == ["repaired_amp"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("age=30&svc=fb&utm_source=x", [("utm_source", "unknown_key")]),
        ("age=30&svc=fb&amp;utm=x", [("amp;utm", "unknown_key")]),
        ("age=30&svc=fb&obj_th=2025-07-01", [("obj_th", "unknown_key")]),
    ],
)
def test_unknown_keys_are_listed(query, expected):
    """A key outside the format changes nothing, and the notice names it."""
    assert problems(query) == expected


def test_unknown_keys_are_capped_and_shortened():
    """5,000 unknown keys give a short notice; a 10 kB key is shown shortened."""
    decoded = link.decode_query("svc=fb&" + "&".join(f"x{i}=1" for i in range(5000)), TODAY)
    assert len(decoded.problems) == link.MAX_LISTED_PROBLEMS
    assert decoded.more_problems == 5000 - link.MAX_LISTED_PROBLEMS
    long_key = link.decode_query("svc=fb&" + "k" * 10_000 + "=1", TODAY).problems[0].key
    assert len(long_key) <= link.MAX_SHOWN_VALUE


# ---------------------------------------------------------------------------------------------- 3: language


@pytest.mark.parametrize(
    ("params", "lang", "expected"),
    [
        ({"lang": ["en", "de"]}, "en", [("lang", "repeated")]),
        ({"lang": ["de", "en"]}, "de", [("lang", "repeated")]),
        ({"lang": [" en"]}, "en", [("lang", "repaired_space")]),
        ({"LANG": ["en"]}, "en", [("lang", "repaired_case")]),
        ({"amp;lang": ["en"]}, "en", [("lang", "repaired_amp")]),
        ({"lang": ["fr", "en"]}, None, [("lang", "repeated"), ("lang", "unknown_code")]),
        ({"lang": [""]}, None, [("lang", "empty")]),
        ({}, None, []),
    ],
)
def test_one_language_rule(params, lang, expected):
    """The first lang counts, for the page (link_language) and the decoder alike; the rest is reported."""
    assert link.link_language(params) == lang
    decoded = link.decode(params, TODAY)
    assert decoded.answers.lang == (lang or DEFAULT_LANG)
    assert [(p.key, p.reason) for p in decoded.problems] == expected


# ---------------------------------------------------------------------------------------------- 4: the day


def test_objection_made_today_in_berlin_after_midnight_is_not_in_the_future():
    """At 00:30 in Berlin (23:30 UTC) an objection dated "today" is accepted, judged by the visitor's day."""
    instant = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    query = "age=30&svc=fb&obj_fb=2026-11-30&d=2026-11-30"
    # UTC's day is a day behind: the dates are repaired to it, with a notice, instead of being read as they are
    assert problems(query, instant.date()) == [("obj_fb", "repaired_time_zone"), ("d", "repaired_time_zone")]
    decoded = link.decode_query(query, clock.day_in("Europe/Berlin", instant))
    assert decoded.problems == ()
    assert decoded.answers.objection("fb") == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("days_ahead", "read_as", "reason"),
    [
        (0, 0, None),  # today
        (1, 0, "repaired_time_zone"),  # made further east, where it already is tomorrow
        (2, None, "future_date"),  # no two time zones of the EU are two calendar days apart
        (400, None, "future_date"),
    ],
)
@pytest.mark.parametrize("key", ["obj_fb", "d"])
def test_a_date_one_day_ahead_is_a_time_zone_not_the_future(key, days_ahead, read_as, reason):
    """A link made in Nicosia at 00:30 and opened in Lisbon at 23:30 the day before keeps its objection."""
    query = f"age=30&svc=fb&{key}={(TODAY + timedelta(days=days_ahead)).isoformat()}"
    decoded = link.decode_query(query, TODAY)
    read = decoded.answers.objection("fb") if key == "obj_fb" else decoded.answers.made_on
    assert read == (None if read_as is None else TODAY + timedelta(days=read_as))
    assert problems(query) == ([] if reason is None else [(key, reason)])


# ---------------------------------------------------------------------------------------------- properties


@st.composite
def v11_answers(draw) -> Answers:
    """Any answer set the v1.1 form can make, made on any day since the check exists."""
    services = draw(st.frozensets(st.sampled_from(SERVICES)))
    return link.normalized(
        Answers(
            lang=draw(st.sampled_from(["de", "en"])),
            age=draw(st.one_of(st.none(), st.integers(0, 120))),
            birthdate_wrong=draw(st.booleans()),
            services=services,
            public=draw(st.frozensets(st.sampled_from(PUBLIC_CAPABLE))),
            ai=draw(st.frozensets(st.sampled_from(AI_CAPABLE))),
            linked=draw(st.sampled_from([True, False, None])),
            objections=draw(
                st.dictionaries(
                    st.sampled_from(OBJECTION_CAPABLE),
                    st.dates(min_value=EARLIEST_OBJECTION, max_value=TODAY),
                )
            ),
            objected_before_start=draw(st.frozensets(st.sampled_from(OBJECTION_CAPABLE))),
            made_on=draw(st.one_of(st.none(), st.dates(min_value=link.EARLIEST_MADE_ON, max_value=TODAY))),
            knowledge_version=draw(
                st.one_of(st.none(), st.from_regex(link.KNOWLEDGE_VERSION_RE, fullmatch=True))
            ),
        )
    )


ROUND_TRIPS = 1000


@settings(max_examples=ROUND_TRIPS, deadline=None)
@given(v11_answers())
def test_v11_round_trip(answers):
    """decode(encode(a)) == a for every v1.1 answer set (made_on, k, unknowns), with no problems reported."""
    decoded = link.decode_query(link.encode(answers), TODAY)
    assert decoded.answers == answers
    assert decoded.problems == ()
    assert link.encode(decoded.answers) == link.encode(answers)


raw_keys = st.one_of(
    st.sampled_from(
        [
            "v",
            "lang",
            "d",
            "k",
            "age",
            "bd",
            "svc",
            "pub",
            "ai",
            "linked",
            "obj_fb",
            "obj_ig",
            "LANG",
            "Svc",
            "amp;ai",
            "amp;amp;obj_fb",
            "AMP;D",
            "x",
            "utm_source",
        ]
    ),
    st.text(max_size=12),
)
raw_values = st.one_of(
    st.sampled_from(["before-start", "unknown", "1", "0", "none", "fb,ig", " en", "2026-11-29", "2026.11-1"]),
    st.text(max_size=30),
)
ARBITRARY_MAPS = 1000


@settings(max_examples=ARBITRARY_MAPS, deadline=None)
@given(st.dictionaries(raw_keys, st.one_of(raw_values, st.lists(raw_values, max_size=5)), max_size=12))
def test_decode_never_raises_and_agrees_with_link_language(params):
    """Any map decodes to consistent answers, every problem has a known reason, and the page's language is
    the decoder's."""
    decoded = link.decode(params, TODAY)
    assert decoded.answers == link.normalized(decoded.answers)
    assert all(p.reason in link.REASONS for p in decoded.problems)
    assert decoded.answers.lang == (link.link_language(params) or DEFAULT_LANG)


def test_readme_documents_every_key_and_value():
    """README's link table names every key of the format and every v1.1 value (the contract is written down)."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The share link, format v1.2")[1].split("\n## ")[0]
    for word in (*link.KNOWN_KEYS, link.BEFORE_START, "unknown", link.FORMAT_VERSION, "none"):
        assert f"`{word}`" in section, word


def test_the_knowledge_version_fits_the_link(kb):
    """data/meta.yaml's version is what pages write as k=, so it must pass the link's own check."""
    assert link.KNOWLEDGE_VERSION_RE.fullmatch(kb.meta.version)
    made = replace(
        Answers(age=30, services=frozenset({"fb"})), made_on=TODAY, knowledge_version=kb.meta.version
    )
    assert link.decode_query(link.encode(made), TODAY) == link.Decoded(made, ())


@pytest.mark.parametrize(
    ("query", "made_on", "version"),
    [
        # a link made now gets today's day and the knowledge version in force
        ("v=1&age=30&svc=fb", date(2026, 11, 29), "2026.11-2"),
        # a link that names its day keeps it (and its k, or none): passing it on never moves the age
        ("v=1.1&age=30&svc=fb&d=2025-06-01&k=2026.11-1", date(2025, 6, 1), "2026.11-1"),
        ("v=1.1&age=30&svc=fb&d=2025-06-01", date(2025, 6, 1), None),
    ],
)
def test_a_link_is_stamped_once(query, made_on, version):
    """stamped() adds d and k to answers made now and leaves a link's own alone."""
    answers = stamped(link.decode_query(query, date(2026, 11, 29)).answers, date(2026, 11, 29), "2026.11-2")
    assert (answers.made_on, answers.knowledge_version) == (made_on, version)
