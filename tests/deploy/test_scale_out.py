"""Scale-out: two replicas of the app behind nginx running deploy/nginx.conf, visited with Debian's chromium.

Share links carry all answers, so any replica can serve any link; nginx keeps each visitor on one replica
(Streamlit's session lives in that replica's memory) and moves new visitors off a dead one.
The harness (replicas, nginx, browser, logs on failure) is in conftest.py.
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from kicheck import knowledge
from tests.deploy.conftest import http_request

if TYPE_CHECKING:  # the fixtures come from conftest.py (for annotations only)
    from playwright.sync_api import Browser, Page

    from tests.deploy.conftest import Cluster, Replica

pytestmark = pytest.mark.timeout(300)

# Every status label a card can show (the plain ones and those that say "assumed" or "not certain").
LABELS = {
    lang: tuple(text for key, text in knowledge.default().texts[lang].items() if key.startswith("status."))
    for lang in ("en", "de")
}
# (query of a share link, expected status label per service card)
CASES = [
    ("v=1&lang=en&age=34&svc=fb", {"fb": "In use"}),
    ("v=1&lang=en&age=34&svc=fb&obj_fb=2025-01-10", {"fb": "Protected"}),
    ("v=1&lang=en&age=34&svc=fb&obj_fb=2025-07-01", {"fb": "Partly protected"}),
    ("v=1&lang=en&age=16&svc=ig", {"ig": "Not affected"}),
    # whether WhatsApp's Meta AI chats are used is unclear (F18): In use, assumed to be on the safe side
    ("v=1&lang=en&age=40&svc=wa&ai=wa", {"wa": "In use (assumed)"}),
    ("v=1&lang=de&age=34&svc=fb&obj_fb=2025-01-10", {"fb": "Geschützt"}),
]
# Fragments of a query string: none may ever reach a log file.
ANSWER_FRAGMENTS = ("age=", "svc=", "obj_", "lang=", "ai=", "/result?")

APP = "[data-testid='stApp']"
APP_DONE = f"{APP}[data-test-script-state='notRunning']"
LOAD_TIMEOUT_MS = 60_000
ROUTE_COOKIE = "kicheck_route"
# Records every change of the app's connection state, so that a quick disconnect/reconnect is not missed.
_RECORD_CONNECTION_STATES = """() => {
    window.kicheckStates = [];
    const app = document.querySelector("[data-testid='stApp']");
    new MutationObserver(() => window.kicheckStates.push(app.getAttribute("data-test-connection-state")))
        .observe(app, {attributes: true, attributeFilter: ["data-test-connection-state"]});
}"""
# The status labels that some element of a card shows as its whole text (the label is a badge of its own).
_LABELS_SHOWN = """(card, labels) => {
    const texts = new Set([...card.querySelectorAll("*")].map((e) => e.textContent.trim()));
    return labels.filter((label) => texts.has(label));
}"""
_LOG_LINE = re.compile(
    r"\S+ (?P<method>\S+) (?P<uri>\S+) (?P<status>\d+) .* upstream=(?P<up>.*?) upstream_status=(?P<ups>.*)$"
)


@dataclass(frozen=True)
class Request:
    """One line of the privacy access log."""

    method: str
    uri: str
    status: int
    upstreams: tuple[str, ...]  # every replica tried, in order
    upstream_statuses: tuple[str, ...]

    @property
    def served_by(self) -> str:
        return self.upstreams[-1]


def read_log(cluster: Cluster) -> list[Request]:
    if not cluster.access_log.exists():
        return []
    requests = []
    for line in cluster.access_log.read_text(encoding="utf-8").splitlines():
        m = _LOG_LINE.match(line)
        assert m, f"unexpected access log line: {line!r}"
        requests.append(
            Request(
                m["method"],
                m["uri"],
                int(m["status"]),
                tuple(u.strip() for u in m["up"].split(",")),
                tuple(s.strip() for s in m["ups"].split(",")),
            )
        )
    return requests


def new_log_lines(
    cluster: Cluster, start: int, until: str, served_by: str | None = None, timeout: float = 10.0
) -> list[Request]:
    """Requests logged after line `start`, once one for path `until` is in (nginx logs at the end)."""
    deadline = time.monotonic() + timeout
    while True:
        requests = read_log(cluster)[start:]
        if any(r.uri == until and served_by in (None, r.served_by) for r in requests):
            return requests
        if time.monotonic() > deadline:
            return requests
        time.sleep(0.05)


def route_key_for(cluster: Cluster, replica: Replica) -> str:
    """A routing cookie value that nginx sends to `replica` (found by asking nginx, not by re-hashing)."""
    for _ in range(64):
        key = uuid.uuid4().hex
        start = len(read_log(cluster))
        assert http_request(cluster.port, "/", headers={"Cookie": f"{ROUTE_COOKIE}={key}"})[0] == 200
        (logged,) = new_log_lines(cluster, start, until="/")
        if logged.served_by == replica.addr:
            return key
    raise AssertionError(f"no routing key led to {replica.addr} in 64 tries")


def check_page(page: Page, query: str, expected: dict[str, str]) -> None:
    """The result page has run, shows the expected label on each card and no error of any kind."""
    lang = "de" if "lang=de" in query else "en"
    page.wait_for_selector(APP_DONE, timeout=LOAD_TIMEOUT_MS)
    for service, label in expected.items():
        card = page.locator(f".st-key-status-{service}")
        card.wait_for(timeout=LOAD_TIMEOUT_MS)
        with contextlib.suppress(PlaywrightTimeoutError):  # a wrong label is reported just below
            card.get_by_text(label, exact=True).first.wait_for(timeout=LOAD_TIMEOUT_MS // 4)
        shown = card.evaluate(_LABELS_SHOWN, list(LABELS[lang]))
        assert shown == [label], f"{query}: card {service} shows {shown}, expected [{label!r}]"
    assert page.get_attribute(APP, "data-test-connection-state") == "CONNECTED", query
    assert page.get_by_text("Connection error").count() == 0, f"{query}: Streamlit connection error"
    assert page.locator("[data-testid='stException']").count() == 0, f"{query}: exception on the page"
    assert "Bad Gateway" not in page.title(), f"{query}: nginx error page"


def visit(
    browser: Browser, cluster: Cluster, query: str, expected: dict[str, str], route: str | None = None
) -> list[Request]:
    """A new visitor (fresh browser context, optionally with a routing cookie) opens a share link.

    Returns the requests nginx logged for this visit: page, assets and the WebSocket (logged once closed).
    """
    start = len(read_log(cluster))
    context = browser.new_context()
    try:
        if route is not None:
            context.add_cookies([{"name": ROUTE_COOKIE, "value": route, "url": cluster.url}])
        page = context.new_page()
        csp_reports: list[str] = []
        page.on(
            "console", lambda m: csp_reports.append(m.text) if "Content Security Policy" in m.text else None
        )
        response = page.goto(f"{cluster.url}/result?{query}")
        assert response is not None and response.status == 200, (
            f"{query}: main document {response and response.status}"
        )
        check_page(page, query, expected)
        assert_hardened(response.all_headers())
        assert csp_reports == [], csp_reports
    finally:
        context.close()
    requests = new_log_lines(cluster, start, until="/_stcore/stream")
    assert any(r.uri == "/_stcore/stream" and r.status == 101 for r in requests), (
        f"{query}: no WebSocket through nginx: {requests}"
    )
    return requests


def assert_hardened(headers: dict[str, str]) -> None:
    """The page came through the hardened nginx: its security headers are there (tests/deploy/test_headers.py
    proves the whole path works under them)."""
    assert "frame-ancestors 'none'" in headers.get("content-security-policy", ""), headers
    assert headers.get("x-frame-options") == "DENY"
    assert headers.get("referrer-policy") == "no-referrer"
    assert headers.get("x-content-type-options") == "nosniff"


def assert_no_answers_in_nginx_logs(cluster: Cluster) -> None:
    nginx_logs = [p for p in cluster.log_files() if Path("nginx") in p.relative_to(cluster.directory).parents]
    assert cluster.access_log in nginx_logs
    for path in nginx_logs:
        text = path.read_text(encoding="utf-8", errors="replace")
        leaked = [f for f in ANSWER_FRAGMENTS if f in text]
        assert not leaked, f"{path.name} contains answers ({leaked})"


def served_by(requests: list[Request]) -> set[str]:
    """The replicas that answered these requests (static files nginx had kept reach none)."""
    return {r.served_by for r in requests if r.upstreams != ("-",)}


def test_share_links_render_through_nginx_and_each_visitor_sticks_to_one_replica(
    cluster: Cluster, browser: Browser
) -> None:
    """Links via nginx get right verdicts from both replicas; a visitor sticks to one; no log has answers."""
    replicas = {r.addr for r in cluster.replicas}
    used: set[str] = set()
    for query, expected in CASES[:4]:  # new visitors: nginx picks a replica at random
        requests = visit(browser, cluster, query, expected)
        assert len(served_by(requests)) == 1, f"{query}: one visitor spread over replicas: {requests}"
        used |= served_by(requests)
    for replica, (query, expected) in zip(cluster.replicas, CASES[4:], strict=True):  # one on each replica
        requests = visit(browser, cluster, query, expected, route=route_key_for(cluster, replica))
        assert served_by(requests) == {replica.addr}, requests
        used |= served_by(requests)
    assert used == replicas
    assert_no_answers_in_nginx_logs(cluster)


def test_new_visitors_get_correct_verdicts_after_a_replica_dies(cluster: Cluster, browser: Browser) -> None:
    """Once a replica that served a visitor dies, new visitors still get right verdicts: 200, no 502/error."""
    dead, live = cluster.replicas
    route = route_key_for(cluster, dead)
    query, expected = CASES[1]
    assert served_by(visit(browser, cluster, query, expected, route=route)) == {dead.addr}

    dead.kill()

    # First request after the crash: routed to the dead replica, refused, retried on the live one.
    query, expected = CASES[2]
    requests = visit(browser, cluster, query, expected, route=route)
    assert served_by(requests) == {live.addr}, requests
    document = next(r for r in requests if r.uri == "/result")
    assert document.upstreams == (dead.addr, live.addr), document
    assert document.upstream_statuses == ("502", "200"), document

    for query, expected in (CASES[0], CASES[3], CASES[5]):  # new visitors without a routing cookie
        requests = visit(browser, cluster, query, expected)
        assert served_by(requests) == {live.addr}, requests
    assert cluster.status("/_stcore/health") == 200
    assert_no_answers_in_nginx_logs(cluster)  # nginx's error log would name the failed request's query


def test_a_page_open_on_a_dying_replica_reconnects_to_a_live_one(cluster: Cluster, browser: Browser) -> None:
    """A result page left open on a replica that dies reconnects through nginx and shows its verdict again."""
    dead, live = cluster.replicas
    query, expected = CASES[2]
    context = browser.new_context()
    try:
        context.add_cookies(
            [{"name": ROUTE_COOKIE, "value": route_key_for(cluster, dead), "url": cluster.url}]
        )
        page = context.new_page()
        response = page.goto(f"{cluster.url}/result?{query}")
        assert response is not None and response.status == 200
        check_page(page, query, expected)
        start = len(read_log(cluster))
        page.evaluate(_RECORD_CONNECTION_STATES)

        dead.kill()

        # Streamlit notices the closed WebSocket, pings the server and reconnects (to `live`, via nginx).
        page.wait_for_function(  # a function, not an expression: the CSP forbids evaluating strings
            f"() => window.kicheckStates.length > 0 && "
            f"document.querySelector(\"{APP}\").getAttribute('data-test-connection-state') === 'CONNECTED'",
            timeout=LOAD_TIMEOUT_MS,
        )
        check_page(page, query, expected)
    finally:
        context.close()
    requests = new_log_lines(cluster, start, until="/_stcore/stream", served_by=live.addr)
    assert any(r.uri == "/_stcore/stream" and r.served_by == live.addr for r in requests), requests
