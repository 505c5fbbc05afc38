"""Limits: a client over nginx's rate or connection limit gets 429 while another client is still served, and a
WebSocket frame over server.maxMessageSize is refused by its length, before the replica reads it.

Clients are told apart by address: loopback is all of 127.0.0.0/8, so each flooder connects from its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from testkit import visitors
from testkit.processes import rss_kb
from testkit.visitors import big_rerun
from tests.deploy.conftest import http_request
from tests.deploy.test_no_calls_out import QUERY, visit

if TYPE_CHECKING:
    from tests.deploy.conftest import Edge

pytestmark = pytest.mark.timeout(180)

FRAME_OVER_LIMIT = 8_000_000  # bytes; server.maxMessageSize is 1 MB, Streamlit's default 200 MB


def get(edge: Edge, path: str, source: str) -> int:
    """Status of a GET through nginx by the host name, sent from the loopback address `source`."""
    return http_request(edge.port, path, source=source)[0]


def open_session(edge: Edge, source: str, sessions: contextlib.ExitStack) -> ClientConnection | int:
    """A WebSocket to the app by its host name from `source`, closed with `sessions`; or the refusing status."""
    ws_url = edge.url.replace("http://", "ws://") + "/_stcore/stream"
    sock = socket.create_connection(("127.0.0.1", edge.port), timeout=20, source_address=(source, 0))
    try:
        session = connect(
            ws_url, sock=sock, origin=edge.url, subprotocols=["streamlit"], open_timeout=20, proxy=None
        )
    except InvalidStatus as refused:
        return refused.response.status_code
    return sessions.enter_context(session)


def test_a_client_over_the_page_rate_gets_429_while_another_is_served(edge: Edge) -> None:
    """250 page requests in a row from one address: the burst (150) is served, the rest refused; others not."""
    statuses = [get(edge, f"/result?{QUERY}", "127.0.0.2") for _ in range(250)]
    assert statuses[:150] == [200] * 150  # 25 browser visits at once (6 page requests each) are never refused
    assert statuses.count(429) >= 50, statuses
    assert set(statuses) == {200, 429}, statuses
    assert get(edge, f"/result?{QUERY}", "127.0.0.1") == 200
    assert visit(edge).ok


def test_a_client_over_the_websocket_limit_gets_429_while_another_is_served(edge: Edge) -> None:
    """32 sessions open at once from one address are allowed; the 33rd is refused; another address connects."""
    with contextlib.ExitStack() as sessions:
        for opened in range(32):
            session = open_session(edge, "127.0.0.3", sessions)
            assert isinstance(session, ClientConnection), f"refused with {session} after {opened}"
            time.sleep(0.1)  # within the rate of new sessions (2/s, burst 30): only the open count limits
        time.sleep(1)
        assert open_session(edge, "127.0.0.3", sessions) == 429
        assert visit(edge).ok


def test_a_client_opening_sessions_too_fast_gets_429_while_another_is_served(edge: Edge) -> None:
    """Sessions opened and closed in a rush from one address: past the burst they are refused."""
    refused = 0
    for _ in range(60):
        with contextlib.ExitStack() as sessions:
            session = open_session(edge, "127.0.0.4", sessions)
        if not isinstance(session, ClientConnection):
            assert session == 429
            refused += 1
    assert 15 <= refused <= 30, refused  # burst 30 (+1 per 0.5 s)
    assert visit(edge).ok


def browser_visit(edge: Edge, source: str, query: str) -> list[int]:
    """What Chromium asks nginx for when it opens a result link (counted in the access log: the page, favicon,
    host-config, the session, then the page icon from /media/; the downloads are made on a tap), from `source`;
    the statuses, with 0 for a session that did not show its verdict."""
    statuses = [get(edge, f"/result?{query}", source)]
    statuses += [get(edge, path, source) for path in ("/favicon.png", "/_stcore/host-config")]

    async def session() -> list[int]:
        route = visitors.Route(("127.0.0.1", edge.port), source)
        (visitor,) = await visitors.crowd(edge.url, "result", [(query, [])], 60, route)
        try:  # the /media files are the session's: fetched while it is open, as the page does
            return [200 if visitor.visit.ok else 0] + [get(edge, url, source) for url in visitor.visit.media]
        finally:
            await visitors.leave([visitor])

    return statuses + asyncio.run(session())


def test_twenty_browsers_behind_one_address_all_get_a_complete_page(edge: Edge) -> None:
    """A class behind one NAT opens result links within a second: every page complete (no 429 anywhere);
    a flood from one address is still refused while another address is served."""
    queries = [f"v=1&lang=en&age={20 + i}&svc=fb,ig&obj_fb=2025-07-0{1 + i % 9}" for i in range(20)]
    with ThreadPoolExecutor(max_workers=20) as browsers:
        pages = list(browsers.map(lambda q: browser_visit(edge, "127.0.0.6", q), queries))
    incomplete = [statuses for statuses in pages if statuses.count(200) != len(statuses) or len(statuses) < 5]
    assert incomplete == [], incomplete
    flood = [get(edge, "/result?v=1&svc=fb", "127.0.0.7") for _ in range(250)]
    assert flood.count(429) >= 50
    assert visit(edge).ok


def test_a_widget_state_over_150_kb_closes_the_session_unread(edge: Edge) -> None:
    """server.maxWidgetStateSize: a 200 KB frame (the app's largest is ~0.3 KB plus a link) closes the session (1009)."""
    with contextlib.ExitStack() as sessions:
        session = open_session(edge, "127.0.0.8", sessions)
        assert isinstance(session, ClientConnection)
        session.send(big_rerun(200_000))
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                session.recv(timeout=30)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009, closed.value
    assert visit(edge).ok


def test_a_frame_over_the_message_limit_is_refused_by_its_length(edge: Edge) -> None:
    """An 8 MB WebSocket frame closes the connection unread (1009, too big): the replica's memory stays put."""
    assert edge.replica is not None and edge.replica.popen is not None
    rss_before = rss_kb(edge.replica.popen.pid)
    with contextlib.ExitStack() as sessions:
        session = open_session(edge, "127.0.0.5", sessions)
        assert isinstance(session, ClientConnection)
        with contextlib.suppress(ConnectionClosed):  # the replica may close while the frame is still sent
            session.send(b"\0" * FRAME_OVER_LIMIT)
        with pytest.raises(ConnectionClosed) as closed:
            session.recv(timeout=30)
    # 1009 "message too big"; or, when the replica closed while the rest of the frame was still on its way,
    # a dropped connection without a close frame. A replica that read the frame would close with 1002.
    assert closed.value.rcvd is None or closed.value.rcvd.code == 1009, closed.value
    assert rss_kb(edge.replica.popen.pid) - rss_before < 4 * 1024  # KiB: far less than the frame
    assert visit(edge).ok
