"""What one visitor can do to the process every visitor shares: not clear its caches, not grow its log."""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading

import pytest
import streamlit as st

from ui import fair_share, result_bundle, server_log, tcp_nodelay
from ui.common import kb


def test_the_result_cache_survives_streamlits_clear_cache(open_page) -> None:
    """A `clear_cache` message empties st.cache_data and st.cache_resource (AppSession._handle_clear_cache_request);
    the knowledge base and the built results are kept elsewhere, so it takes nothing from other visitors."""
    open_page("/result", "v=1&lang=en&age=34&svc=fb")
    knowledge, built = kb(), result_bundle.bundle.cache_info().currsize
    assert built >= 1
    st.cache_data.clear()
    st.cache_resource.clear()
    assert kb() is knowledge
    assert result_bundle.bundle.cache_info().currsize == built
    hits = result_bundle.bundle.cache_info().hits
    open_page("/result", "v=1&lang=en&age=34&svc=fb")
    assert result_bundle.bundle.cache_info().hits > hits  # served from the cache, not built again


def test_messages_streamlit_ignores_leave_no_line_and_bad_frames_no_stack_trace(caplog) -> None:
    """Ignored debug or unknown messages write nothing; an unreadable frame one line without a stack trace."""
    server_log.install()
    server_log.install()  # idempotent: one filter
    websocket = logging.getLogger(server_log.WEBSOCKET_LOGGER)
    session = logging.getLogger(server_log.SESSION_LOGGER)
    assert sum(isinstance(f, server_log.QuietAboutClientMessages) for f in websocket.filters) == 1
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep()
    websocket.addHandler(keep)
    session.addHandler(keep)
    try:
        for _ in range(100):
            websocket.warning(
                "Client tried to disconnect websocket when not in development mode or e2e testing."
            )
            websocket.warning(
                "Client tried to shut down runtime when not in development mode or e2e testing."
            )
            session.warning('No handler for "%s"', None)
        try:
            raise ValueError("not a BackMsg")
        except ValueError as error:
            websocket.warning("Error deserializing back message", exc_info=error)
        websocket.warning("Rejecting WebSocket connection with disallowed Origin or Host header")
    finally:
        websocket.removeHandler(keep)
        session.removeHandler(keep)
    assert [r.getMessage() for r in records] == [
        "Error deserializing back message",
        "Rejecting WebSocket connection with disallowed Origin or Host header",
    ]
    assert records[0].exc_info is None and records[0].stack_info is None


def test_turns_go_round_the_addresses_oldest_first_within_one() -> None:
    """One place: while it is taken, three runs of address A and then one of B wait; B runs second, not last."""
    share = fair_share.FairShare(running=1)
    order: list[str] = []
    started = threading.Event()

    def run(name: str, address: str) -> None:
        with share.turn(address):
            order.append(name)

    with share.turn("first"):
        threads = []
        for name, address in (("A1", "a"), ("A2", "a"), ("A3", "a"), ("B1", "b")):
            threads.append(threading.Thread(target=run, args=(name, address)))
            threads[-1].start()
            while share.waiting() < len(threads):  # each in line before the next arrives
                started.wait(0.01)
    for thread in threads:
        thread.join(timeout=10)
    assert order == ["A1", "B1", "A2", "A3"]
    with share.turn("a"):  # everything handed back: a place is free at once
        assert share.waiting() == 0


def test_a_page_run_hands_the_interpreter_to_the_event_loop_every_fraction_of_a_millisecond(
    open_page,
) -> None:
    """The event loop serves every visitor's WebSocket and gives the interpreter up on each socket call; at
    Python's default (5 ms before it gets it back from a computing run) a flood of messages put it seconds
    behind, and a visitor whose run was done waited seconds for the page. The app sets a short interval."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        open_page("/", "lang=de")
        assert sys.getswitchinterval() == pytest.approx(fair_share.SWITCH_INTERVAL_S, abs=1e-6)
        assert fair_share.SWITCH_INTERVAL_S < 0.001
    finally:
        sys.setswitchinterval(before)


def _streamlit_like_listener() -> socket.socket:
    """A listening socket made as Streamlit 1.67 makes its own: protocol number 0, so asyncio leaves Nagle on."""
    listener = socket.socket(family=socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    return listener


def _nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the deployment's kernel: Linux")
def test_every_connection_sends_at_once_the_open_ones_and_those_accepted_later() -> None:
    """With Nagle on, a page's last small messages waited up to 40 ms for the receiver's delayed
    acknowledgement of a larger one. The open connection is set, and Linux hands the listener's setting to
    every connection it accepts afterwards."""
    with _streamlit_like_listener() as listener:
        address = listener.getsockname()
        with socket.create_connection(address) as _early:
            early, _ = listener.accept()
            with early:
                assert _nodelay(early) == 0  # how Streamlit's connections start: the reason for the module
                assert tcp_nodelay.set_no_delay() >= 3  # listener, and both ends of the open connection
                assert _nodelay(early) != 0
                with socket.create_connection(address) as _late:
                    late, _ = listener.accept()
                    with late:
                        assert _nodelay(late) != 0


def test_no_proc_no_change(tmp_path) -> None:
    assert tcp_nodelay.set_no_delay(str(tmp_path / "missing")) == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the deployment's kernel: Linux")
def test_a_descriptor_that_is_no_longer_a_socket_is_skipped_and_leaks_nothing(tmp_path) -> None:
    """Between reading /proc/self/fd and duplicating, a number can come to name a file: the duplicate made
    to look at it is closed again, so installing never leaves a descriptor open."""
    fds = tmp_path / "fd"
    fds.mkdir()
    with open(tmp_path / "file", "w") as file:
        (fds / str(file.fileno())).symlink_to("socket:[1]")  # /proc said socket; it is a file now
        before = len(os.listdir("/proc/self/fd"))
        assert tcp_nodelay.set_no_delay(str(fds)) == 0
        assert len(os.listdir("/proc/self/fd")) == before


def test_a_page_run_turns_nagle_off_on_the_servers_sockets(open_page, monkeypatch) -> None:
    """app.py installs it: without the call a real server keeps Nagle on (bench/README.md has the figures)."""
    calls = []
    monkeypatch.setattr(tcp_nodelay, "_installed", False)
    monkeypatch.setattr(tcp_nodelay, "set_no_delay", lambda: calls.append(1) or 0)
    open_page("/", "lang=de")
    open_page("/", "lang=en")
    assert calls == [1]
