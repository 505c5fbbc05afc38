"""A parent who checks for their child is addressed as the parent throughout.

The actions speak to the person whose account it is ("Widersprechen Sie", "Ihre Daten"). On a parent's result
(link: who=child) each action uses its words for a parent (actions.yaml `for_child`), or words that speak to
nobody in particular. Before this, a parent read "Ohne Widerspruch nutzt Meta Ihre Daten dort weiter".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from kicheck.knowledge import load
from kicheck.outputs import build_result
from testkit.readability import answer_sets

TODAY = date(2026, 11, 29)

# Words that speak to the account holder, not to a parent about their child.
ADDRESSED_TO_THE_HOLDER = {
    "de": [
        "Ihr Widerspruch",
        "Ihren Widerspruch",
        "Ihre Daten",
        "Ihrem 18. Geburtstag",
        "Ihre eigenen Inhalte",
        "Widersprechen Sie",
        "widersprechen Sie",
        "Ihre Chats",
        "Ihre Konten",
        "was Sie Meta AI",
        "Was Sie Meta AI",
        "über Sie posten",
        "Sie melden sich",
    ],
    "en": [
        "your data",
        "your objection",
        "your 18th birthday",
        "your own content",
        "your chats",
        "Your accounts",
        "you write",
        "about you",
        "your personal data",
    ],
}


@pytest.fixture(scope="module")
def kb():
    return load()


def _holder_words(text: str, lang: str) -> list[str]:
    """Whole words only: "about you" is not in "about your child"."""
    return [words for words in ADDRESSED_TO_THE_HOLDER[lang] if re.search(rf"\b{re.escape(words)}\b", text)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_parents_result_speaks_to_the_parent_in_every_action(kb, lang):
    """The five people and 50 golden links, each as a parent's check for their child."""
    found = {}
    for name, answers in answer_sets(kb):
        child = replace(answers, lang=lang, for_child=True)
        view = build_result(child, kb, TODAY, "https://example.invalid/result").view
        for action in view.actions:
            texts = [action.title, action.why, *(link.note for link in action.links)]
            hits = [w for text in texts for w in _holder_words(text, lang)]
            if hits:
                found[(action.id, name)] = hits
    assert not found, found


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_persons_own_result_keeps_the_persons_words(kb, lang):
    """The parent's words are for who=child only: someone checking for themselves reads "Widersprechen: …"."""
    answers = replace(dict(answer_sets(kb))["68, Facebook only"], lang=lang)
    view = build_result(answers, kb, TODAY, "https://example.invalid/result").view
    first = view.actions[0]
    assert first.id == "object_service"
    assert first.why.startswith(kb.actions["object_service"].why(lang).split(".")[0])
    assert "Ihr Kind" not in first.why and "your child" not in first.why


def test_every_action_has_a_parents_wording_where_it_speaks_to_the_holder(kb):
    """A content check: an action without `for_child` words must not address the account holder."""
    missing = {}
    for action in kb.actions.values():
        for lang in ("de", "en"):
            title, why = action.words(for_child=True)
            hits = _holder_words(f"{title(lang)} {why(lang)}", lang)
            if hits:
                missing[(action.id, lang)] = hits
    assert not missing, missing


@pytest.mark.parametrize(
    ("query", "lang", "words"),
    [
        ("who=child&age=15&svc=ig&obj_ig=gestern", "de", "als hätte Ihr Kind dort nicht widersprochen"),
        ("who=child&age=15&svc=ig&ai=nie", "de", "dass Ihr Kind dort nicht mit Meta AI schreibt"),
        ("who=child&age=15&svc=ig&obj_ig=gestern", "en", "as if your child had not objected there"),
        (
            "who=child&age=15&svc=wa&ai=wa&obj_fb=2025-05-01",
            "de",
            "Der Widerspruch Ihres Kindes bei Facebook",
        ),
    ],
)
def test_a_parents_link_notice_speaks_of_the_child(kb, query, lang, words):
    """What a dropped value means is said about the child too ("als hätte Ihr Kind ... nicht widersprochen")."""
    from kicheck.link import decode_query
    from kicheck.present import problem_lines
    from kicheck.texts import Texts

    decoded = decode_query(f"v=1.2&lang={lang}&{query}", TODAY)
    lines = problem_lines(decoded, Texts(kb, lang, for_child=decoded.answers.for_child))
    assert any(words in line for line in lines), lines
