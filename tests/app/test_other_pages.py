"""The chronology page and the sources & privacy page, in both languages."""

import pytest

from tests.app.conftest import chart_spec, texts_in


@pytest.mark.parametrize("lang", ["de", "en"])
def test_timeline_page_lists_events_with_sources(open_page, kb, lang):
    """Every event up to today is listed with its date, confidence and a source link; a chart sits on top."""
    at = open_page("/timeline", f"lang={lang}")
    listed = " ".join(texts_in(at, "chronology"))
    for event in kb.events:
        assert event.title(lang)[:30] in listed
    assert "https://www.dataprotection.ie/" in listed
    assert chart_spec(at, "chronology-chart")["_alt"]


def test_timeline_page_dates_per_language(open_page):
    """Dates are written per language."""
    assert "27. Mai 2025" in " ".join(texts_in(open_page("/timeline", "lang=de"), "chronology"))
    assert "27 May 2025" in " ".join(texts_in(open_page("/timeline", "lang=en"), "chronology"))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_sources_page_shows_every_fact_source_and_confidence(open_page, kb, lang):
    """Every fact with its confidence and sources; every unclear fact with who says what."""
    at = open_page("/sources", f"lang={lang}")
    for fact in kb.facts.values():
        shown = " ".join(texts_in(at, f"fact-{fact.id}"))
        assert fact.text(lang)[:40] in shown
        assert kb.texts[lang][f"confidence.{fact.confidence}"] in shown
        for source in fact.sources:
            assert kb.sources[source].url in shown
        for claim in fact.claims:
            assert claim.who(lang) in shown
    sources = " ".join(texts_in(at, "sources"))
    assert all(s.url in sources for s in kb.sources.values())


def test_privacy_statement_says_what_the_link_contains(open_page):
    """The privacy section names every key of the link and says nothing is stored."""
    privacy = " ".join(texts_in(open_page("/sources", "lang=en"), "privacy"))
    assert "tracks nobody and stores nothing" in privacy
    for key in ("(v)", "(lang)", "(age)", "(bd", "(svc)", "(pub)", "(ai)", "(linked)", "obj_fb", "obj_ig"):
        assert key in privacy


def test_imprint_placeholder_and_disclaimer(open_page):
    """The imprint is a clearly marked placeholder; the no-legal-advice note is there."""
    at = open_page("/sources", "lang=de")
    assert at.warning[0].value.startswith("PLATZHALTER")
    assert "ersetzt keine Rechtsberatung" in " ".join(texts_in(at, "disclaimer"))
