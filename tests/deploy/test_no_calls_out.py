"""No calls out, ever: a replica started as deploy/Dockerfile starts it, behind deploy/nginx.conf, never looks up
or connects to another host: not at start-up, not for a visit, not when a foreign page opens a WebSocket.

Streamlit looks up the machine's external IP (a request to a third-party host) when it prints its welcome
message on a wildcard address in headless mode, and for every WebSocket whose Origin is not its own host. The
replica runs with tests/deploy/netguard (an audit hook that records and refuses every such attempt).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from bench import visitors

if TYPE_CHECKING:
    from tests.deploy.conftest import Edge

pytestmark = pytest.mark.timeout(180)

QUERY, LABEL = "v=1&lang=en&age=34&svc=fb", "In use"


def handshake(url: str, origin: str) -> int:
    """HTTP status of a WebSocket handshake on /_stcore/stream sent with this Origin (101 = accepted)."""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        with connect(ws_url, origin=origin, subprotocols=["streamlit"], open_timeout=20):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


def visit(url: str) -> visitors.Visit:
    """A visitor speaking Streamlit's protocol opens a share link and reads the verdict.

    In a thread of its own: Playwright's sync API (the browser tests of this session) keeps an event loop
    running in the main thread, where asyncio.run refuses to start another.
    """

    async def one() -> visitors.Visit:
        (visitor,) = await visitors.crowd(url, "result", [(QUERY, [LABEL])], timeout=60)
        await visitors.leave([visitor])
        return visitor.visit

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, one()).result(timeout=90)


def test_the_replica_makes_no_call_out_at_start_up_or_for_a_visit(edge: Edge) -> None:
    """Started with the Dockerfile's command, the replica serves a verdict and has asked no other host."""
    assert visit(edge.url).ok
    assert edge.calls_out() == []


def test_a_foreign_origin_websocket_is_refused_at_nginx_without_any_call_out(edge: Edge) -> None:
    """A page of another site opening the app's WebSocket gets 403 from nginx; the replica asks nobody."""
    assert handshake(edge.url, "https://evil.example") == 403
    assert handshake(edge.url, "null") == 403  # a sandboxed frame or a file:// page
    assert handshake(edge.url, f"http://127.0.0.1:{edge.port}.evil.example") == 403
    assert handshake(edge.url, edge.url) == 101  # the app's own pages still connect
    assert edge.calls_out() == []
