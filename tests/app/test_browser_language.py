"""A first visit without lang= opens in the browser's language (de or en); German otherwise."""

import pytest


@pytest.mark.parametrize(
    ("locale", "query", "expected"),
    [
        ("en-US", "", "en"),  # an English browser, a bare link: English
        ("de-DE", "", "de"),
        ("fr-FR", "", "de"),  # a language the check does not speak: German stays the default
        (None, "", "de"),  # nothing known about the browser: German
        ("en-US", "lang=de", "de"),  # the link's own language always wins
        ("de-DE", "lang=en", "en"),
    ],
)
@pytest.mark.parametrize("path", ["/", "/timeline", "/sources"])
def test_first_visit_follows_the_browser(open_page, kb, locale, query, expected, path):
    """A first visit without lang= opens in the browser's language (de or en), else German, on every page."""
    at = open_page(path, query, browser={"locale": locale})
    title_key = {"/": "check.title", "/timeline": "timeline_page.title", "/sources": "sources.title"}[path]
    assert at.title[0].value == kb.texts[expected][title_key]
    assert at.session_state["lang"] == expected


def test_a_language_chosen_in_the_session_outlasts_the_browser(open_page, kb):
    """The browser decides only the first visit: once the person switches, their choice holds."""
    at = open_page("/", "", browser={"locale": "en-US"})
    assert at.title[0].value == kb.texts["en"]["check.title"]
    at.segmented_control(key="lang_switch").set_value("de").run()
    del at.query_params["lang"]  # a later page of this session, opened without lang=
    at.run()
    assert at.title[0].value == kb.texts["de"]["check.title"]


def test_a_result_link_without_lang_reads_in_the_browsers_language(open_page, kb):
    """A v1 link (no lang=) keeps its answers; only the words follow the browser."""
    at = open_page("/result", "svc=fb&age=40", browser={"locale": "en-GB"})
    assert at.title[0].value == kb.texts["en"]["result.title"]
    assert not at.exception
