"""Share link v1.2 (issue 17): whom the check is for, and "I don't know" for the profile's birth date, an
objection and Meta AI. Only additive: every v1 and v1.1 link keeps its meaning (the golden corpus checks the
verdicts); a v1.2 value that makes no sense is dropped and reported, never guessed.
"""

from __future__ import annotations

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
from kicheck.link import decode, decode_query, encode, normalized
from kicheck.present import problem_lines
from kicheck.texts import Texts
from tests.conftest import TODAY

dates = st.dates(min_value=EARLIEST_OBJECTION, max_value=TODAY)


@st.composite
def v12_answers(draw) -> Answers:
    """Any consistent answer set, v1.2's values included."""
    services = draw(st.frozensets(st.sampled_from(SERVICES)))
    bd = draw(st.sampled_from(["ok", "wrong", "unknown"]))
    ai_unknown = draw(st.booleans())
    objections = draw(st.dictionaries(st.sampled_from(OBJECTION_CAPABLE), dates))
    unknown = draw(st.frozensets(st.sampled_from(OBJECTION_CAPABLE))) - set(objections)
    return normalized(
        Answers(
            lang=draw(st.sampled_from(["de", "en"])),
            for_child=draw(st.booleans()),
            age=draw(st.one_of(st.none(), st.integers(0, 120))),
            birthdate_wrong=bd == "wrong",
            birthdate_unknown=bd == "unknown",
            services=services,
            public=draw(st.frozensets(st.sampled_from(PUBLIC_CAPABLE))),
            ai=frozenset() if ai_unknown else draw(st.frozensets(st.sampled_from(AI_CAPABLE))),
            ai_unknown=ai_unknown,
            linked=draw(st.sampled_from([True, False, None])),
            objections=objections,
            objection_unknown=unknown,
        )
    )


@settings(max_examples=300)
@given(v12_answers())
def test_round_trip(answers):
    """decode(encode(a)) == a with no problem, and encoding again gives the very same link."""
    link = encode(answers)
    decoded = decode_query(link, TODAY)
    assert decoded.answers == answers
    assert decoded.problems == ()
    assert encode(decoded.answers) == link


@settings(max_examples=300)
@given(v12_answers())
def test_v12_is_written_only_when_a_v12_value_is_in_the_link(answers):
    """A link without who=child or "unknown" is written exactly as v1.1 wrote it: older readers still read it."""
    link = encode(answers)
    assert link.startswith("v=1.2&") == answers.needs_v12
    assert ("who=" in link) == answers.for_child
    assert ("bd=unknown" in link) == answers.birthdate_unknown
    assert ("ai=unknown" in link) == answers.ai_unknown
    for service in OBJECTION_CAPABLE:
        assert (f"obj_{service}=unknown" in link) == (service in answers.objection_unknown)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("who=child&age=15&svc=ig", {"for_child": True}),
        ("who=self&age=15&svc=ig", {"for_child": False}),
        ("age=15&bd=unknown&svc=ig", {"birthdate_unknown": True, "birthdate_wrong": False}),
        ("age=40&svc=fb&obj_fb=unknown", {"objection_unknown": frozenset({"fb"}), "objections": {}}),
        ("age=40&svc=fb,wa&ai=unknown", {"ai_unknown": True, "ai": frozenset()}),
    ],
)
def test_v12_values(query, expected):
    for version in ("v=1.2&", "v=1.1&", ""):  # read whatever version the link claims
        decoded = decode_query(version + query, TODAY)
        assert decoded.problems == ()
        for name, value in expected.items():
            assert getattr(decoded.answers, name) == value, (version, name)


@pytest.mark.parametrize(
    ("query", "problems", "kept"),
    [
        ("who=parent&age=15&svc=ig", [("who", "unknown_code")], {"for_child": False}),
        ("who=child&who=self&age=15&svc=ig", [("who", "repeated")], {"for_child": True}),
        # only a minor's profile can show a wrong adult birth date
        ("age=40&bd=unknown&svc=ig", [("bd", "not_applicable")], {"birthdate_unknown": False}),
        ("bd=unknown&svc=ig", [("bd", "not_applicable")], {"birthdate_unknown": False}),
        # "I don't know" stands alone; beside services the services count
        ("age=40&svc=fb,wa&ai=unknown,wa", [("ai", "conflict")], {"ai_unknown": False, "ai": {"wa"}}),
        # no service with Meta AI, or a service not used: dropped and reported
        ("age=40&svc=th&ai=unknown", [("ai", "not_used")], {"ai_unknown": False}),
        ("age=40&svc=ig&obj_fb=unknown", [("obj_fb", "not_used")], {"objection_unknown": frozenset()}),
    ],
)
def test_v12_values_that_make_no_sense_are_dropped_and_reported(kb, query, problems, kept):
    decoded = decode_query(query, TODAY)
    assert [(p.key, p.reason) for p in decoded.problems][: len(problems)] == problems
    for name, value in kept.items():
        assert getattr(decoded.answers, name) == value, name
    for lang in ("de", "en"):  # the notice names each, in words
        lines = problem_lines(decoded, Texts(kb, lang))
        assert len(lines) >= len(problems) and all("{" not in line for line in lines)


keys = st.sampled_from(["v", "who", "age", "bd", "svc", "ai", "obj_fb", "obj_ig", "linked"])
values = st.one_of(
    st.sampled_from(["unknown", "child", "self", "fb,wa", "15", "1.2", "none"]), st.text(max_size=12)
)


@settings(max_examples=300)
@given(st.dictionaries(keys, st.lists(values, max_size=3)))
def test_decode_never_raises_and_stays_consistent(params):
    decoded = decode(params, TODAY)
    assert decoded.answers == normalized(decoded.answers)
    assert decode_query(encode(decoded.answers), TODAY).answers == decoded.answers
