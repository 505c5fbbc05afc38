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
    for key in (
        "(v)",
        "(lang)",
        "(who",
        "(age)",
        "(bd",
        "(svc)",
        "(pub)",
        "(ai",
        "(linked",
        "obj_fb",
        "obj_ig",
        "(d,",
        "(k,",
    ):
        assert key in privacy
    assert "a date such as 2026-11-29" in privacy and "knowledge version" in privacy


def test_imprint_says_plainly_when_the_operator_gave_none(open_page, monkeypatch):
    """Without configuration the imprint says this instance has no operator details; never a placeholder."""
    monkeypatch.delenv("KICHECK_IMPRINT", raising=False)
    at = open_page("/sources", "lang=de")
    shown = " ".join(texts_in(at, "imprint")) + " ".join(i.value for i in at.get_by_key("imprint").info)
    assert "keine Betreiberangaben" in shown and "PLATZHALTER" not in shown
    assert "ersetzt keine Rechtsberatung" in " ".join(texts_in(at, "disclaimer"))


def test_imprint_from_the_environment_as_plain_text(open_page, monkeypatch):
    """$KICHECK_IMPRINT fills the imprint, shown as plain text (an operator's * or < is not markup)."""
    monkeypatch.setenv(
        "KICHECK_IMPRINT", "Beispiel e. V.\nMusterstraße 1, 12345 Musterstadt\n*kontakt*@example.org"
    )
    at = open_page("/sources", "lang=de")
    texts = [el.value for el in at.get_by_key("imprint").text]
    assert texts == ["Beispiel e. V.\nMusterstraße 1, 12345 Musterstadt\n*kontakt*@example.org"]
    assert not at.get_by_key("imprint").info


def test_sources_page_shows_the_changelog(open_page, kb):
    """Every changelog entry is on the Sources page, under its version."""
    shown = " ".join(texts_in(open_page("/sources", "lang=en"), "changelog"))
    for entry in kb.changelog:
        assert entry.text("en")[:40] in shown
    assert f"Knowledge version {kb.meta.version}" in shown


def test_chronology_says_where_the_courts_stand(open_page, kb):
    """The chronology page has the dated status line: no judgment in a main proceeding so far."""
    at = open_page("/timeline", "lang=en")
    line = at.get_by_key("proceedings").info[0].value
    assert "no judgment in a main proceeding" in line and "4 December 2026" in line


@pytest.mark.parametrize("lang", ["de", "en"])
def test_sources_page_jumps_to_each_part(open_page, lang):
    """A jump link per part (the page is ~22,000 px on a phone), each to an element with that id; headings
    keep no anchor of Streamlit's (its link icon is labelled "Link to heading" in English)."""
    at = open_page("/sources", f"lang={lang}")
    links = " ".join(texts_in(at, "jump-links"))
    targets = " ".join(element.proto.body for element in at.get("html"))
    wanted = ("privacy", "facts", "sources", "changelog", "disclaimer", "imprint")
    assert all(f"](#{anchor})" in links for anchor in wanted)
    assert all(f'<span id="{anchor}"></span>' in targets for anchor in wanted)
    assert not [h for h in at.header if h.anchor]
