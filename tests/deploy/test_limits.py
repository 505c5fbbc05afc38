"""Limits: a client over nginx's rate or connection limit gets 429 while another client is still served, and a
WebSocket frame over server.maxMessageSize is refused by its length, before the replica reads it.

Clients are told apart by address: loopback is all of 127.0.0.0/8, so each flooder connects from its own.
"""

from __future__ import annotations

import contextlib
import socket
from typing import TYPE_CHECKING

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from bench.servers import rss_kb
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
    """60 page requests at once from one address: the burst is served, the rest refused; others unaffected."""
    statuses = [get(edge, f"/result?{QUERY}", "127.0.0.2") for _ in range(60)]
    assert statuses[:25] == [200] * 25  # a burst (a page, its favicon, a reload) is never refused
    assert statuses.count(429) >= 20, statuses
    assert set(statuses) == {200, 429}, statuses
    assert get(edge, f"/result?{QUERY}", "127.0.0.1") == 200
    assert visit(edge).ok


def test_a_client_over_the_websocket_limit_gets_429_while_another_is_served(edge: Edge) -> None:
    """16 sessions open at once from one address are allowed; the 17th is refused; another address connects."""
    with contextlib.ExitStack() as sessions:
        for opened in range(16):
            session = open_session(edge, "127.0.0.3", sessions)
            assert isinstance(session, ClientConnection), f"refused with {session} after {opened}"
        assert open_session(edge, "127.0.0.3", sessions) == 429
        assert visit(edge).ok


def test_a_client_opening_sessions_too_fast_gets_429_while_another_is_served(edge: Edge) -> None:
    """Sessions opened and closed in a rush from one address: past the burst they are refused."""
    refused = 0
    for _ in range(40):
        with contextlib.ExitStack() as sessions:
            session = open_session(edge, "127.0.0.4", sessions)
        if not isinstance(session, ClientConnection):
            assert session == 429
            refused += 1
    assert 10 <= refused <= 20, refused  # burst 20 (+1 per 0.5 s)
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
