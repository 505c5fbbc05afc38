"""A first visit without lang= follows the browser's language, when the check speaks it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kicheck.browser_language import accept_language_tags, browser_language, primary_language


@pytest.mark.parametrize(
    ("locale", "accept", "expected"),
    [
        ("en-US", None, "en"),
        ("en-GB", "en-GB,en;q=0.9", "en"),
        ("de-DE", "de-DE,de;q=0.9,en;q=0.8", "de"),
        ("de-AT", None, "de"),
        ("DE_ch", None, "de"),
        ("en", "de", "en"),  # navigator.language is the browser's first language: it wins
        # a language the check does not speak: the browser's next one it does
        ("fr-FR", "fr-FR,fr;q=0.9,en;q=0.8,de;q=0.7", "en"),
        ("fr-FR", "fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7", "de"),
        (None, "de;q=0.5, en;q=0.9", "en"),  # by weight, not by position
        (None, "en;q=0, de", "de"),  # q=0: "not this one"
        (None, "en;q=abc, de;q=0.1", "de"),  # a broken weight counts as no preference
        # none the check speaks, or nothing at all: None, and the page stays German
        ("fr-FR", "fr-FR,fr;q=0.9", None),
        ("tr", "tr,ar", None),
        (None, None, None),
        ("", "", None),
        ("*", "*", None),
        ("english", "deutsch", None),  # not language tags of de/en
        ("<script>", "<b>en</b>", None),
    ],
)
def test_browser_language(locale, accept, expected):
    """The browser's locale, then its Accept-Language, decide between de and en; anything else gives none."""
    assert browser_language(locale, accept) == expected


def test_primary_language_reads_only_language_tags():
    """Only a well-formed language tag counts; a crafted or overlong one gives none."""
    assert primary_language("en-US") == "en"
    assert primary_language(" de ") == "de"
    assert primary_language("x" * 100) is None
    assert primary_language("e1-US") is None
    assert primary_language("ü") is None


def test_accept_language_reads_a_bounded_number_of_entries():
    """A crafted Accept-Language of 10,000 entries is read only as far as its first 16."""
    crafted = ",".join(["fr"] * 10_000 + ["en"])
    assert len(accept_language_tags(crafted)) <= 16
    assert browser_language(None, crafted) is None


@given(st.one_of(st.none(), st.text(max_size=200)), st.one_of(st.none(), st.text(max_size=400)))
def test_any_input_gives_de_en_or_none(locale, accept):
    """Whatever the browser sends, the answer is de, en or none: never an error, never another language."""
    assert browser_language(locale, accept) in ("de", "en", None)
