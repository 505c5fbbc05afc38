"""The first visitor of a freshly started server gets the real app: each test starts a server of its own, so
no order among the browser tests matters."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from kicheck.texts import Texts
from tests.e2e.conftest import Server, new_context
from tests.e2e.driver import Tab

pytestmark = pytest.mark.browser

LINK = "/result?v=1&lang=en&age=37&svc=fb,ig&obj_ig=2025-07-14"


@pytest.fixture
def fresh_server(tmp_path) -> Iterator[Server]:
    """A server process of its own: the link under test is its very first visit."""
    srv = Server.create(tmp_path)
    try:
        srv.start()
        yield srv
    finally:
        srv.stop()


def test_first_visit_of_a_fresh_server_gets_the_real_app(fresh_server, browser, kb):
    """A shared link as the server's very first visit shows app.py's navigation and the result, not a file list."""
    t = Texts(kb, "en")
    context = new_context(browser)
    try:
        tab = Tab(context.new_page(), fresh_server.url)
        tab.open(LINK)
        tab.page.get_by_role("button", name=t("nav.menu")).click()  # the app's own menu (ui.common.menu)
        menu = tab.page.get_by_test_id("stPopoverBody")
        for key in ("nav.check", "nav.result", "nav.timeline", "nav.sources"):
            expect(menu.get_by_role("link", name=t(key), exact=True)).to_be_visible()
        expect(tab.page.get_by_test_id("stSidebarNav")).to_have_count(0)
        assert set(tab.verdicts()) == {"fb", "ig"}
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "title_key"),
    [
        ("/timeline?lang=en", "timeline_page.title"),
        ("/sources?lang=en", "sources.title"),
        ("/check?lang=en", "check.title"),
        ("/?lang=en", "check.title"),
    ],
)
def test_every_page_is_found_by_the_first_visitor(fresh_server, browser, kb, path, title_key):
    """Each page's link, as a fresh server's first visit, opens that page: not "Page not found" and the start
    page (Streamlit routes that visit by the file names in pages/; /timeline was served by chronology.py)."""
    t = Texts(kb, "en")
    context = new_context(browser)
    try:
        tab = Tab(context.new_page(), fresh_server.url)
        tab.open(path)
        expect(tab.page.get_by_role("heading", level=1)).to_have_text(t(title_key))
        expect(tab.page.get_by_text("Page not found")).to_have_count(0)
        assert urlsplit(tab.page.url).path == urlsplit(path).path
    finally:
        context.close()
