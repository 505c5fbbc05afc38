"""A fair share of the replica's script runs for every visitor's address.

Every script run of every session competes for one interpreter (the GIL: a replica computes one run at a
time, whatever its cores). Streamlit starts a run whenever a session asks, so one address with 16 sessions
asking for reruns with new links 50 times a second kept a replica busy: another visitor's visit took 37.6 s.
nginx limits how many sessions an address may open; this limits what those sessions take together. At most
RUNNING runs compute at once; a run that finds them taken waits for its turn, and turns go round the
addresses that are waiting, one run each, oldest first within an address. So a visitor waits for at most one
run per other address, however many sessions those have, and an address alone still gets all of it.

A session waiting for its turn holds no run of its own meanwhile: Streamlit folds its further rerun requests
into the one pending (the newest wins), and a run interrupted by a rerun gives its turn back and queues again
at the end of its address's line. The address is the one nginx counted (X-Forwarded-For from 127.0.0.1,
which Streamlit's server trusts); without nginx every loopback visitor shares one line.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

# Runs computing at once. One: the interpreter computes one at a time anyway, and a second run in progress
# only halves the speed of the run a visitor is waiting for.
RUNNING = 1
# A ceiling on each session: at most RUNS_PER_WINDOW runs started in any WINDOW_S seconds; a session asking
# for more waits (before it takes a turn, so it holds nobody up) and its requests meanwhile fold into one. A
# person answering the questions starts a run per answer, a few a second at most: 10 in 5 s is never reached.
RUNS_PER_WINDOW = 10
WINDOW_S = 5.0
SESSIONS_TRACKED = 10_000  # the oldest session's record is dropped beyond this (a few bytes each)
# How long a thread computing Python may keep the interpreter before a waiting thread gets it (Python's
# default: 5 ms). The server's event loop (every visitor's WebSocket: handshakes, messages in and out) gives
# the interpreter up on every socket call and must then wait that long while a script run computes; under a
# flood of messages it fell seconds behind. A visitor whose own run had finished in 0.2 s waited another
# 1.7-4 s for its page to be sent (two addresses flooding, bench/hostile.py fair_share). At 0.2 ms the same
# wait was 0.1-0.5 s; a run alone is no slower (bench/README.md).
SWITCH_INTERVAL_S = 0.0002


class FairShare:
    """Turns to run, shared round-robin between addresses (thread-safe)."""

    def __init__(self, running: int = RUNNING) -> None:
        self._changed = threading.Condition()
        self._free = running
        self._lines: dict[str, deque[object]] = {}  # address -> waiting runs, oldest first
        self._rotation: deque[str] = deque()  # addresses with a waiting run, next turn first
        self._granted: set[object] = set()

    @contextmanager
    def turn(self, address: str) -> Iterator[None]:
        """Hold one of the running places while the body runs; wait for a fair turn if none is free."""
        ticket = object()
        with self._changed:
            if self._free > 0 and not self._rotation:
                self._free -= 1
            else:
                line = self._lines.setdefault(address, deque())
                if not line:
                    self._rotation.append(address)
                line.append(ticket)
                while ticket not in self._granted:
                    self._changed.wait()
                self._granted.discard(ticket)
        try:
            yield
        finally:
            with self._changed:
                self._hand_over()

    def waiting(self) -> int:
        with self._changed:
            return sum(len(line) for line in self._lines.values())

    def _hand_over(self) -> None:
        """Give a freed place to the oldest run of the next address in the rotation, or keep it free."""
        if not self._rotation:
            self._free += 1
            return
        address = self._rotation.popleft()
        line = self._lines[address]
        self._granted.add(line.popleft())
        if line:
            self._rotation.append(address)  # its next run waits for the other addresses' turns
        else:
            del self._lines[address]
        self._changed.notify_all()


_SHARE = FairShare()
_runs_lock = threading.Lock()
_recent_runs: dict[str, deque[float]] = {}  # session id -> start times of its last RUNS_PER_WINDOW runs


def pace(session: str, now=time.monotonic, sleep=time.sleep) -> float:
    """Wait until `session` may start another run under its ceiling; returns the seconds waited."""
    with _runs_lock:
        started = _recent_runs.pop(session, None) or deque(maxlen=RUNS_PER_WINDOW)
        _recent_runs[session] = started  # most recently active last
        while len(_recent_runs) > SESSIONS_TRACKED:
            del _recent_runs[next(iter(_recent_runs))]
        wait = 0.0
        if len(started) == RUNS_PER_WINDOW:
            wait = max(0.0, WINDOW_S - (now() - started[0]))
        started.append(now() + wait)
    if wait:
        sleep(wait)
    return wait


def install() -> None:
    """Hand the interpreter to the event loop promptly (SWITCH_INTERVAL_S); the setting is process-wide."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def visitor_address() -> str:
    """The visitor's address as nginx counted it ('local' for loopback, where Streamlit gives none)."""
    return st.context.ip_address or "local"


@contextmanager
def turn() -> Iterator[None]:
    """This session's run, under its ceiling and in its fair turn among all sessions of this process."""
    context = get_script_run_ctx()
    pace(context.session_id if context else "none")
    with _SHARE.turn(visitor_address()):
        yield
