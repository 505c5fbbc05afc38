"""No calls out, ever, and a verdict for everybody who opens the app by its host name.

A replica started as deploy/Dockerfile starts it, behind deploy/nginx.conf, never looks up or connects to another
host: not at start-up, not for a visit by a real host name (directly, or as the Ingress passes it on with
X-Forwarded-Proto: https), not when a foreign page opens a WebSocket. The replica runs with tests/deploy/netguard
(an audit hook that records and refuses every such attempt, as a deny-all NetworkPolicy would).

Streamlit accepts a WebSocket without asking anybody only when its Origin matches the Host it receives; for any
other Origin it looks up the machine's internal and external IP first (blocking; with egress blocked ~20 s, and
on every attempt). Every test here opens the app by the name kicheck.test, never 127.0.0.1 or localhost, which
Streamlit trusts by name: the old configuration (nginx dropping Host on /_stcore/stream) passed every test that
used 127.0.0.1, while every visitor by a real host name got 403 and made the replica call out.
"""

from __future__ import annotations

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from testkit import visitors
from tests.deploy.conftest import INGRESS, PUBLIC_HOST
from tests.e2e.driver import Tab

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from tests.deploy.conftest import Edge

pytestmark = pytest.mark.timeout(180)

QUERY, LABEL = "v=1&lang=en&age=34&svc=fb", "In use"
# As ingress-nginx passes a visit on to the pod's nginx: the public name without a port, the visitor's
# https page as Origin, the visitor's address and scheme in X-Forwarded-For / X-Forwarded-Proto.
INGRESS_ORIGIN = "https://kicheck.example"
INGRESS_HEADERS = (("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.7"))


def handshake(edge: Edge, origin: str, host: str | None = None) -> int:
    """HTTP status of a WebSocket handshake on /_stcore/stream through nginx (101 = accepted), sent to
    127.0.0.1 with this Origin and `Host: host` (default: the public name and nginx's port)."""
    sock = socket.create_connection(("127.0.0.1", edge.port), timeout=20)
    ws_url = f"ws://{host or f'{PUBLIC_HOST}:{edge.port}'}/_stcore/stream"
    try:
        with connect(
            ws_url, sock=sock, origin=origin, subprotocols=["streamlit"], open_timeout=20, proxy=None
        ):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


def visit(
    edge: Edge,
    base: str | None = None,
    headers: tuple[tuple[str, str], ...] = (),
    source: str | None = None,
    query: str = QUERY,
    expect: list[str] | None = None,
) -> visitors.Visit:
    """A visitor speaking Streamlit's protocol opens a share link on the page `base` (default: the app by its
    host name) and reads the verdict; the connection goes to nginx on loopback.

    In a thread of its own: Playwright's sync API (the browser tests of this session) keeps an event loop
    running in the main thread, where asyncio.run refuses to start another.
    """
    route = visitors.Route(("127.0.0.1", edge.port), source, headers)

    async def one() -> visitors.Visit:
        wanted = [LABEL] if expect is None else expect
        (visitor,) = await visitors.crowd(base or edge.url, "result", [(query, wanted)], 60, route)
        await visitors.leave([visitor])
        return visitor.visit

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, one()).result(timeout=90)


def test_a_visit_by_host_name_gets_its_verdict_and_the_replica_asks_nobody(edge: Edge) -> None:
    """Started with the Dockerfile's command, the replica serves a verdict to a visit by host name and has
    asked no other host, neither at start-up nor for the visit."""
    result = visit(edge)
    assert result.ok, result.error
    assert edge.calls_out() == []


def test_a_visit_passed_on_by_the_ingress_gets_its_verdict_without_any_call_out(edge: Edge) -> None:
    """As the Ingress passes it on (no port in Host, an https Origin, X-Forwarded-Proto: https)."""
    result = visit(edge, INGRESS_ORIGIN, INGRESS_HEADERS, source=INGRESS)
    assert result.ok, result.error
    assert edge.calls_out() == []


def test_chromium_opens_a_result_by_host_name_and_sees_the_verdict(edge: Edge, browser: Browser) -> None:
    """A real browser, by the host name, its requests marked as forwarded over https: the verdict shows."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
    try:
        tab = Tab(context.new_page(), edge.url)
        tab.open(f"/result?{QUERY}")
        expect(tab.key("status-fb")).to_contain_text(LABEL)
        assert tab.page.get_by_text("Connection error").count() == 0
    finally:
        context.close()
    assert edge.calls_out() == []


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("https://evil.example", None),
        ("null", None),  # a sandboxed frame or a file:// page
        ("http://kicheck.test.evil.example", None),
        ("http://127.0.0.1", None),  # names Streamlit trusts (it would accept them, asking nobody) ...
        ("http://localhost:{port}", None),  # ... but they are not the host the page was opened by
        ("http://KICHECK.test:{port}", None),  # same name, other spelling: Streamlit compares exactly
        ("http://kicheck.test:{port}/", None),  # a path after the host
        ("https://kicheck.example:443", "kicheck.example"),  # the default port written out
    ],
)
def test_a_foreign_origin_websocket_is_refused_at_nginx_without_any_call_out(
    edge: Edge, origin: str, host: str | None
) -> None:
    """An Origin that is not exactly the Host gets 403 from nginx; the replica asks nobody."""
    assert handshake(edge, origin.format(port=edge.port), host) == 403
    assert edge.calls_out() == []


def test_the_apps_own_pages_connect_by_any_host_name(edge: Edge) -> None:
    """Origin equal to Host, whatever the name (the replica needs no list of names): accepted, nobody asked."""
    for name in (f"{PUBLIC_HOST}:{edge.port}", "kicheck.example", "xn--bcher-kva.example:8443"):
        assert handshake(edge, f"https://{name}", name) == 101, name
    assert edge.calls_out() == []
