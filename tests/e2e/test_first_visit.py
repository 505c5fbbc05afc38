"""The first visitor of a freshly started server gets the real app on every path (ui/router.py).

Until a session of the process calls st.navigation, Streamlit treats pages/ as its legacy multipage mode and runs
the file named like the path on its own, without app.py. Each path here is the very first visit of a server
process of its own, so each test fails if that first run is not handed over to app.py's router.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from google.protobuf.message import DecodeError
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from kicheck.texts import Texts
from tests.e2e.conftest import Server, free_port, new_context
from tests.e2e.driver import Tab

pytestmark = pytest.mark.browser

NAV_KEYS = ("nav.check", "nav.result", "nav.timeline", "nav.sources")


@pytest.fixture
def fresh_server(tmp_path) -> Iterator[Server]:
    """A server process of its own: the link under test is its very first visit."""
    srv = Server(port=free_port(), home=tmp_path, log=tmp_path / "streamlit.log")
    try:
        srv.start()
        yield srv
    finally:
        srv.stop()


def navigation_messages(tab: Tab) -> list[ForwardMsg]:
    """Every navigation message the server sends to this tab (which pages exist, which one runs)."""
    seen: list[ForwardMsg] = []

    def frame(payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            try:
                msg = ForwardMsg.FromString(payload)
            except DecodeError:
                return
            if msg.WhichOneof("type") == "navigation":
                seen.append(msg)

    tab.page.on("websocket", lambda ws: ws.on("framereceived", frame))
    return seen


@pytest.mark.parametrize(
    ("path", "title_key"),
    [
        ("/?lang=en", "check.title"),
        ("/check?lang=en", "check.title"),
        ("/result?v=1&lang=en&age=37&svc=fb,ig&obj_ig=2025-07-14", "result.title"),
        ("/timeline?lang=en", "timeline_page.title"),
        ("/sources?lang=en", "sources.title"),
    ],
)
def test_every_path_as_a_fresh_servers_first_visit_is_served_by_the_router(
    fresh_server, browser, kb, path, title_key
):
    """Each path, as a fresh server's very first visit, opens its page through app.py's router: its heading,
    the same address, the app's own menu, no Streamlit file list and no "Page not found"."""
    t = Texts(kb, "en")
    context = new_context(browser)
    try:
        tab = Tab(context.new_page(), fresh_server.url)
        navigations = navigation_messages(tab)
        tab.open(path)
        expect(tab.page.get_by_role("heading", level=1)).to_have_text(t(title_key))
        expect(tab.page.get_by_text("Page not found")).to_have_count(0)
        assert urlsplit(tab.page.url).path == urlsplit(path).path
        # The page shown was run by app.py's st.navigation: the last navigation message names the router's pages
        # by their titles (ui.router.pages); Streamlit's legacy mode names them after files ("app", "result").
        assert {p.page_name for p in navigations[-1].navigation.app_pages} == {t(key) for key in NAV_KEYS}
        expect(tab.page.get_by_test_id("stSidebarNav")).to_have_count(0)
        tab.page.get_by_role("button", name=t("nav.menu")).click()  # the app's own menu (ui.common.menu)
        menu = tab.page.get_by_test_id("stPopoverBody")
        for key in NAV_KEYS:
            expect(menu.get_by_role("link", name=t(key), exact=True)).to_be_visible()
        if path.startswith("/result"):
            assert set(tab.verdicts()) == {"fb", "ig"}
    finally:
        context.close()
