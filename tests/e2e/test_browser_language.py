"""A first visit without lang= opens in the browser's language (de or en), on a 375 px phone.

Before, every visit without lang= opened in German, an English browser too. Chromium here is told its language
the way a phone's settings tell it: navigator.language and Accept-Language.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kicheck.texts import Texts
from tests.e2e.conftest import new_context
from tests.e2e.driver import Tab
from tests.e2e.questionnaire import PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_in(browser, server):
    contexts = []

    def _tab(locale: str) -> Tab:
        context = new_context(browser, viewport=PHONE, locale=locale)
        contexts.append(context)
        return Tab(context.new_page(), server.url)

    yield _tab
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("locale", "lang"), [("en-GB", "en"), ("de-AT", "de"), ("fr-FR", "de")])
def test_a_first_visit_opens_in_the_browsers_language(browser_in, kb, locale, lang):
    """A first visit in Chromium opens in the browser's language, the check page's heading included."""
    tab = browser_in(locale)
    tab.open("/")
    t = Texts(kb, lang)
    expect(tab.page.get_by_role("heading", level=1)).to_have_text(t("check.title"))
    expect(tab.key("lang_switch").get_by_role("radio", name=lang.upper(), exact=True)).to_be_checked()
    expect(tab.page.locator("html")).to_have_attribute("lang", lang)


def test_the_links_language_and_the_persons_choice_beat_the_browser(browser_in, kb):
    """lang= in a link always wins; a switch in the session holds on the next page opened without lang=."""
    de, en = Texts(kb, "de"), Texts(kb, "en")
    tab = browser_in("en-US")
    tab.open("/?lang=de")
    expect(tab.page.get_by_role("heading", level=1)).to_have_text(de("check.title"))
    tab.open("/")  # a fresh session: the browser decides again
    expect(tab.page.get_by_role("heading", level=1)).to_have_text(en("check.title"))
    tab.act(lambda: tab.key("lang_switch").get_by_role("radio", name="DE", exact=True).click())
    expect(tab.page.get_by_role("heading", level=1)).to_have_text(de("check.title"))
    tab.key("menu").get_by_role("button").click()  # opens in the browser, no script run
    tab.act(lambda: tab.page.get_by_role("link", name=de("nav.sources")).click())
    expect(tab.page.get_by_role("heading", level=1)).to_have_text(de("sources.title"))
