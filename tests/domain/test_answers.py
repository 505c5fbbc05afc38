"""The share-link codec (v1 behaviour; v1.1 additions in test_link_v11.py): encoding, round trips, bad input."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kicheck.answers import (
    AI_CAPABLE,
    EARLIEST_OBJECTION,
    OBJECTION_CAPABLE,
    PUBLIC_CAPABLE,
    SERVICES,
    Answers,
)
from kicheck.link import MAX_LISTED_PROBLEMS, decode, decode_query, encode, normalized
from tests.conftest import TODAY


def reasons(query: str) -> list[tuple[str, str]]:
    return [(p.key, p.reason) for p in decode_query(query, TODAY).problems]


# ---------------------------------------------------------------------------------------------- encoding


def test_encoding_is_canonical_and_readable():
    """Keys in a fixed order, lists in service order, commas unescaped, defaults (linked=0 too) written explicitly."""
    a = Answers(
        lang="en",
        age=34,
        services=frozenset({"wa", "ig", "fb"}),
        public=frozenset({"ig"}),
        ai=frozenset({"wa"}),
        objections={"ig": date(2025, 7, 1)},
    )
    assert encode(a) == "v=1.1&lang=en&age=34&svc=fb,ig,wa&pub=ig&ai=wa&linked=0&obj_ig=2025-07-01"


def test_no_services_is_written_as_none():
    """A person without an account gets svc=none, which reads back as no services."""
    assert encode(Answers(age=40)) == "v=1.1&lang=de&age=40&svc=none"
    assert decode_query("svc=none&age=40", TODAY).answers == Answers(age=40)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # lists: comma-separated and repeated keys alike
        ("svc=fb,ig", frozenset({"fb", "ig"})),
        ("svc=fb&svc=ig", frozenset({"fb", "ig"})),
        ("svc=fb,ig&svc=ig", frozenset({"fb", "ig"})),
        ("svc=%20fb%20,%20ig", frozenset({"fb", "ig"})),
        # missing svc means no services
        ("age=30", frozenset()),
    ],
)
def test_lists(query, expected):
    """svc=fb,ig and svc=fb&svc=ig mean the same."""
    assert decode_query(query, TODAY).answers.services == expected


def test_missing_version_means_v1_and_unknown_keys_are_listed():
    """A link without v decodes as before; keys we don't know change nothing but are listed (v1.1)."""
    decoded = decode_query("age=30&svc=fb&utm_source=x&embed=true", TODAY)
    assert [(p.key, p.reason) for p in decoded.problems] == [
        ("utm_source", "unknown_key"),
        ("embed", "unknown_key"),
    ]
    assert decoded.answers == Answers(age=30, services=frozenset({"fb"}))


def test_bare_link_carries_no_answers():
    """/result without any answer key is recognised, so the page can ask for answers."""
    assert decode_query("", TODAY).given is False
    assert decode_query("lang=en&v=1", TODAY).given is False
    assert decode_query("svc=none", TODAY).given is True


# ---------------------------------------------------------------------------------------------- bad values


@pytest.mark.parametrize(
    ("query", "problems"),
    [
        # numbers
        ("age=abc", [("age", "not_a_number"), ("svc", "no_services")]),
        ("age=17.5", [("age", "not_a_number"), ("svc", "no_services")]),
        ("age=-3", [("age", "not_a_number"), ("svc", "no_services")]),
        ("age=%2B30", [("age", "not_a_number"), ("svc", "no_services")]),  # a literal plus sign
        ("age=+30&svc=fb", [("age", "repaired_space")]),  # "+" is a space in a query string (v1.1: reported)
        ("age=121", [("age", "out_of_range"), ("svc", "no_services")]),
        ("age=", [("age", "empty"), ("svc", "no_services")]),
        ("age=30&age=40&svc=fb", [("age", "repeated")]),
        ("age=30&age=30&svc=fb", []),
        # codes
        ("lang=fr", [("lang", "unknown_code")]),
        ("svc=fb,tiktok", [("svc", "unknown_code")]),
        ("svc=none,fb", [("svc", "conflict")]),
        ("svc=fb&pub=wa", [("pub", "unknown_code")]),
        ("svc=fb&ai=th", [("ai", "unknown_code")]),
        ("bd=maybe&age=15&svc=fb", [("bd", "unknown_code")]),
        ("linked=yes&svc=fb,ig", [("linked", "unknown_code")]),
        ("v=2&age=30&svc=fb", [("v", "unknown_version")]),
        ("v=abc", [("v", "unknown_version")]),
        # dates
        ("svc=fb&obj_fb=2025-02-30", [("obj_fb", "bad_date")]),
        ("svc=fb&obj_fb=0000-00-00", [("obj_fb", "bad_date")]),
        ("svc=fb&obj_fb=9999-12-31", [("obj_fb", "future_date")]),
        ("svc=fb&obj_fb=2026-12-01", [("obj_fb", "future_date")]),
        ("svc=fb&obj_fb=2026-11-30", [("obj_fb", "repaired_time_zone")]),  # tomorrow: read as today
        ("svc=fb&obj_fb=2026-11-29", []),
        ("svc=fb&obj_fb=2010-01-01", [("obj_fb", "too_early")]),
        ("svc=fb&obj_fb=2025-7-1", [("obj_fb", "bad_date")]),
        ("svc=fb&obj_fb=01.07.2025", [("obj_fb", "bad_date")]),
        # answers that contradict others are dropped
        ("svc=fb&pub=ig", [("pub", "not_used")]),
        ("svc=fb&ai=wa", [("ai", "not_used")]),
        ("svc=fb&obj_ig=2025-07-01", [("obj_ig", "not_used")]),
        ("svc=fb&linked=1", [("linked", "not_applicable")]),
        ("age=30&bd=wrong&svc=fb", [("bd", "not_applicable")]),
        ("bd=wrong&svc=fb", [("bd", "not_applicable")]),
    ],
)
def test_invalid_values_are_dropped_and_reported(query, problems):
    """Each invalid value becomes a structured problem; the rest of the link still counts."""
    assert reasons(query) == problems


def test_valid_parts_survive_next_to_invalid_ones():
    """One bad value does not spoil the others."""
    decoded = decode_query("age=zz&svc=fb,xx&obj_fb=2025-07-01&pub=fb", TODAY)
    assert decoded.answers == Answers(
        services=frozenset({"fb"}), public=frozenset({"fb"}), objections={"fb": date(2025, 7, 1)}
    )


def test_thousands_of_repeated_keys_are_counted_not_listed():
    """A crafted link with 5,000 repeats gives a short notice, not 5,000 lines."""
    decoded = decode_query("&".join(f"svc=x{i}" for i in range(5000)), TODAY)
    assert len(decoded.problems) <= MAX_LISTED_PROBLEMS
    assert decoded.answers.services == frozenset()
    assert any(p.reason == "too_many" for p in decoded.problems)


def test_long_values_are_shortened_for_display():
    """A 100 kB value is reported, but shown back only in a few characters."""
    problem = decode_query("age=" + "9" * 100_000, TODAY).problems[0]
    assert len(problem.shown_value) <= 40


def test_decode_accepts_plain_strings_and_lists():
    """The page passes lists (st.query_params.get_all); single strings work too."""
    assert decode({"age": "30", "svc": ["fb", "ig"]}, TODAY).answers.services == frozenset({"fb", "ig"})


# ---------------------------------------------------------------------------------------------- properties

dates = st.dates(min_value=EARLIEST_OBJECTION, max_value=TODAY)


@st.composite
def valid_answers(draw) -> Answers:
    services = draw(st.frozensets(st.sampled_from(SERVICES)))
    age = draw(st.one_of(st.none(), st.integers(0, 120)))
    return normalized(
        Answers(
            lang=draw(st.sampled_from(["de", "en"])),
            age=age,
            birthdate_wrong=draw(st.booleans()),
            services=services,
            public=draw(st.frozensets(st.sampled_from(PUBLIC_CAPABLE))),
            ai=draw(st.frozensets(st.sampled_from(AI_CAPABLE))),
            linked=draw(st.booleans()),
            objections=draw(st.dictionaries(st.sampled_from(OBJECTION_CAPABLE), dates)),
        )
    )


@given(valid_answers())
def test_round_trip(answers):
    """decode(encode(a)) == a for every valid answer set, with no problems reported."""
    decoded = decode_query(encode(answers), TODAY)
    assert decoded.answers == answers
    assert decoded.problems == ()


@given(valid_answers())
def test_encoding_is_stable(answers):
    """Encoding what was decoded gives the very same link (one canonical form)."""
    link = encode(answers)
    assert encode(decode_query(link, TODAY).answers) == link


@settings(max_examples=300)
@given(st.text())
def test_decode_never_raises_on_any_string(raw):
    """Any query string at all decodes to answers, never an exception."""
    decoded = decode_query(raw, TODAY)
    assert decoded.answers == normalized(decoded.answers)


keys = st.sampled_from(["v", "lang", "age", "bd", "svc", "pub", "ai", "linked", "obj_fb", "obj_ig", "x"])


@settings(max_examples=300)
@given(st.dictionaries(keys, st.lists(st.text(max_size=30), max_size=5)))
def test_decode_never_raises_on_any_parameters(params):
    """Any mapping of known keys to arbitrary values decodes; the result is always consistent."""
    decoded = decode(params, TODAY)
    assert decoded.answers == normalized(decoded.answers)
    assert all(p.reason for p in decoded.problems)
