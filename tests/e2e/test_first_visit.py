"""The first visitor of a freshly started server gets the real app (runs first among the browser tests)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kicheck.texts import Texts

pytestmark = pytest.mark.browser

LINK = "/result?v=1&lang=en&age=37&svc=fb,ig&obj_ig=2025-07-14"


def test_first_visit_of_a_fresh_server_gets_the_real_app(tab, kb):
    """A shared link as the server's very first visit shows app.py's navigation and the result, not a file list."""
    t = Texts(kb, "en")
    tab.open(LINK)
    tab.page.get_by_role("button", name=t("nav.menu")).click()  # the app's own menu (ui.common.menu)
    menu = tab.page.get_by_test_id("stPopoverBody")
    for key in ("nav.check", "nav.result", "nav.timeline", "nav.sources"):
        expect(menu.get_by_role("link", name=t(key), exact=True)).to_be_visible()
    expect(tab.page.get_by_test_id("stSidebarNav")).to_have_count(0)
    assert set(tab.verdicts()) == {"fb", "ig"}
