"""Driving the app in Chromium: one tab, the wait every action needs, and what the tab saw on the way."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from google.protobuf.message import DecodeError
from playwright.sync_api import Locator, Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from kicheck.answers import SERVICES

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
RUN_TIMEOUT_S = 60  # a cold first run on 2 busy cores (imports, knowledge base, first chart) takes a while
POLL_MS = 25
# Elements a crafted link must never create: markup from a value rendered as HTML, or a link/image from Markdown.
INJECTED = (
    "img[src='x'], img[src*='example.invalid'], [onerror], svg[onload], iframe, "
    "a[href^='javascript:' i], a[href*='example.invalid']"
)
# Moves the running app to another address (as back/forward would); false when it is there already.
GO_TO = """url => {
    const next = new URL(url, location.href).href;
    if (next === location.href) return false;
    history.pushState(null, "", next);
    dispatchEvent(new PopStateEvent("popstate"));
    return true;
}"""


def finished_run(payload: str | bytes) -> bool:
    """Whether a WebSocket frame is Streamlit's "script finished" message for a complete run.

    A run cut short by a newer rerun reports FINISHED_EARLY_FOR_RERUN and does not count.
    """
    if not isinstance(payload, bytes):
        return False
    try:
        msg = ForwardMsg.FromString(payload)
    except DecodeError:
        return False
    return (
        msg.WhichOneof("type") == "script_finished"
        and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
    )


class Tab:
    """A page on the app that records every request and dialog, and knows when a script run is done.

    The app's `data-test-script-state` still says "notRunning" for a moment after a click, before the server
    has started the rerun. So `act` first waits for the server's own "script finished" message (read off
    the WebSocket), then for the page to show it: state notRunning and no skeleton. Nothing sleeps blindly.
    """

    def __init__(self, page: Page, base_url: str, name: str = ""):
        self.page = page
        self.base_url = base_url
        self.name = name  # for reports: which page of a parametrized test this is
        self.finished_runs = 0
        self.requests: list[str] = []  # every URL asked for, HTTP and WebSocket alike
        self.dialogs: list[str] = []  # alert/confirm/prompt messages: a script from a link would open one
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", self._watch)
        page.on("dialog", self._dialog)

    def _watch(self, ws) -> None:
        self.requests.append(ws.url)
        ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if finished_run(payload):
            self.finished_runs += 1

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str) -> None:
        """Load a page of the app (path with query) and wait until its script run is drawn."""
        self.act(lambda: self.page.goto(self.base_url + path))

    def navigate(self, path: str) -> None:
        """Go to another link inside the running app, as the browser's back/forward buttons do.

        Streamlit answers a `popstate` with a rerun for the page and query of the new address, so the link
        reaches the server exactly as on a fresh load, without reloading the app's ~150 scripts.
        """
        on_app = self.page.url.startswith(self.base_url + "/") and self.page.get_by_test_id("stApp").count()
        if not on_app:  # a blank tab, or the browser's error page after a refused request
            self.open(path)
            return
        before = self.finished_runs
        if self.page.evaluate(GO_TO, self.base_url + path):
            self.wait_for_run(before)
        else:  # already there: popstate would not rerun, a reload does
            self.act(self.page.reload)

    def act(self, action: Callable[[], object]) -> None:
        """Do something that makes Streamlit run the script, then wait until that run is finished and drawn."""
        before = self.finished_runs
        action()
        self.wait_for_run(before)

    def wait_for_run(self, before: int) -> None:
        """Wait until more than `before` runs have finished, then until the page shows the last one."""
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while self.finished_runs <= before:
            if time.monotonic() > deadline:
                raise AssertionError(f"no script run finished within {RUN_TIMEOUT_S} s after the action")
            self.page.wait_for_timeout(POLL_MS)  # lets Playwright deliver the WebSocket frames
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_selector(IDLE)
        expect(self.page.get_by_test_id("stSkeleton")).to_have_count(0)

    def key(self, key: str) -> Locator:
        """The element or container with this Streamlit key (class st-key-<key>)."""
        return self.page.locator(f".st-key-{key}")

    def verdicts(self) -> dict[str, str]:
        """The status label shown on each service card, by service code."""
        cards = {code: self.key(f"status-{code}") for code in SERVICES}
        return {
            code: card.locator(".stMarkdownBadge").inner_text().strip()
            for code, card in cards.items()
            if card.count()
        }

    def share_link(self) -> str:
        """The result's share link, as the share section's link field holds it."""
        return self.key("share").locator("input").first.input_value()

    def injected(self) -> list[str]:
        """Elements a link's value could have created, as HTML snippets (an empty list is the goal)."""
        return self.page.locator(INJECTED).evaluate_all("els => els.map(e => e.outerHTML.slice(0, 200))")


def host(url: str) -> str:
    """host:port of an http(s)/ws(s) URL; data: and blob: URLs never leave the browser and give ''."""
    parts = urlsplit(url)
    return "" if parts.scheme in ("data", "blob") else parts.netloc


def unfold_ics(text: str) -> str:
    """RFC 5545 folds long lines with CRLF + space; undo it so values can be searched."""
    return re.sub(r"\r?\n[ \t]", "", text)
