"""Each "I don't know" is judged on the safe side; the result says what holds if the person finds out."""

from __future__ import annotations

import pytest
from markupsafe import escape

from kicheck import report
from kicheck.link import decode_query
from kicheck.present import if_known_lines, notes, result_view
from kicheck.texts import Texts
from kicheck.verdict import Status, as_if_known, decide
from tests.conftest import TODAY

IN_USE, PROTECTED, NOT_AFFECTED = Status.IN_USE, Status.PROTECTED, Status.NOT_AFFECTED


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # not knowing whether one objected: judged as no objection; objected before the start: protected
        ("v=1.2&age=40&svc=fb&obj_fb=unknown", {"obj": {"fb": PROTECTED}}),
        # linked accounts: the one objection covers both
        ("v=1.2&age=30&svc=fb,ig&linked=1&obj_fb=unknown", {"obj": {"fb": PROTECTED, "ig": PROTECTED}}),
        # not knowing where one chats with Meta AI: judged as everywhere; nowhere: WhatsApp is not affected
        ("v=1.2&age=40&svc=fb,wa&ai=unknown&obj_fb=2025-01-10", {"ai": {"wa": NOT_AFFECTED}}),
        # a Facebook chat with Meta AI changes nothing where public content is used anyway
        ("v=1.2&age=40&svc=fb&ai=unknown", {"ai": {}}),
        # a child's profile: with the correct birth date a 15-year-old's public content is not used
        ("v=1.2&who=child&age=15&bd=unknown&svc=ig&ai=ig", {"bd": {"ig": NOT_AFFECTED}}),
        # nothing unknown: nothing to say
        ("v=1.1&age=40&svc=fb", {}),
        ("v=1.1&age=15&bd=wrong&svc=ig", {}),
    ],
)
def test_what_holds_if_the_person_finds_out(kb, query, expected):
    verdict = decide(decode_query(query, TODAY).answers, kb, TODAY)
    assert {kind: dict(changes) for kind, changes in verdict.if_known} == expected
    for kind, changes in expected.items():  # each "don't know" is on the safe side: it never looks better
        for code in changes:
            assert verdict.service(code).status is IN_USE, (kind, code)


def test_the_alternative_changes_only_the_unknown_answer():
    answers = decode_query("v=1.2&age=15&bd=unknown&svc=ig,wa&ai=unknown&obj_ig=unknown", TODAY).answers
    bd, obj, ai = (as_if_known(answers, kind) for kind in ("bd", "obj", "ai"))
    assert not bd.birthdate_unknown and bd.ai_unknown and bd.objection_unknown
    assert obj.objection_unknown == frozenset() and not obj.objection_day_known("ig") and obj.ai_unknown
    assert ai.ai == frozenset() and not ai.ai_unknown and ai.birthdate_unknown
    assert as_if_known(decode_query("v=1.1&age=40&svc=fb", TODAY).answers, "obj") is None


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("child", [False, True])
def test_the_page_says_it_in_every_language_and_voice(kb, lang, child):
    who = "&who=child" if child else ""
    query = f"v=1.2&lang={lang}{who}&age=15&bd=unknown&svc=ig,wa&ai=unknown&obj_ig=unknown"
    verdict = decide(decode_query(query, TODAY).answers, kb, TODAY)
    t = Texts(kb, lang, for_child=child)
    shown = if_known_lines(verdict, t)
    assert result_view(verdict, t).if_known == shown
    assert not set(shown) & set(notes(verdict, t))  # with the reasons, not above the verdict
    for kind in ("bd", "obj", "ai"):
        assert any(line.startswith(t(f"note.if_known_{kind}", changes="", start="")[:12]) for line in shown)
    assert all("{" not in line for line in shown)


def test_the_summary_download_says_it_too(kb):
    """The summary file carries what the page says (escaped as the template escapes)."""
    query = "v=1.2&lang=en&age=40&svc=fb,wa&ai=unknown&obj_fb=unknown"
    verdict = decide(decode_query(query, TODAY).answers, kb, TODAY)
    t = Texts(kb, "en")
    view = result_view(verdict, t)
    page = report.summary_html(view, verdict, t, "https://example.org/result?x")
    text = report.markdown(view, verdict, t, "https://example.org/result?x")
    for line in view.if_known:
        assert str(escape(line)) in page
        assert line in text
