"""Visitors without a browser: Streamlit's own websocket protocol, as the page speaks it after loading.

One visitor opens a session (`/_stcore/stream`), asks for a run of a page with the link's query string, and
reads the messages until the run has finished; it then checks the verdict in what was sent (each card's
status label). This loads the server as a visitor's browser does once its static files are in place, at a
fraction of a browser's CPU, so 50 of them at once measure the server rather than the one machine's Chromium.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DONE = ForwardMsg.FINISHED_SUCCESSFULLY
RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN  # the first run of a process reruns once (see ui/common.py)


@dataclass
class Visit:
    ok: bool
    ms: float | None = None
    error: str | None = None
    texts: list[str] = field(default_factory=list)
    largest_message: int = 0  # bytes of the largest message the server sent in this visit
    media: list[str] = field(default_factory=list)  # /media/ URLs the page loads (its icon)
    deferred: list[str] = field(default_factory=list)  # downloads made on a tap: their placeholder ids
    session_id: str = ""
    run_ms: float | None = None  # from sending the run's request to its last message ("script finished")
    largest_gap_ms: float = 0.0  # the longest wait between two of the run's messages


@dataclass
class Visitor:
    """One open session; `close()` ends it (the server then drops the session)."""

    ws: object | None = None
    visit: Visit = field(default_factory=lambda: Visit(False))

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None


def rerun_message(base: str, page: str, query: str) -> bytes:
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = page
    state.context_info.url = f"{base}/{page}?{query}" if page else f"{base}/?{query}"
    state.context_info.timezone = "Europe/Berlin"
    state.context_info.locale = "de-DE"
    return msg.SerializeToString()


def big_rerun(size: int, query: str = "v=1&lang=en&age=34&svc=fb") -> bytes:
    """A rerun of the result page carrying one widget state of `size` bytes (a hostile visitor's frame)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = "result"
    widget = msg.rerun_script.widget_states.widgets.add()
    widget.id = "$$ID-hostile-" + hashlib.sha1(os.urandom(8)).hexdigest()
    widget.string_value = "x" * size
    return msg.SerializeToString()


def _media(msg: ForwardMsg) -> list[str]:
    if msg.HasField("page_config_changed") and msg.page_config_changed.favicon.startswith("/media/"):
        return [msg.page_config_changed.favicon]
    if msg.HasField("delta") and msg.delta.HasField("new_element"):
        element = msg.delta.new_element
        if element.WhichOneof("type") == "download_button" and element.download_button.url:
            return [element.download_button.url]
    return []


def _deferred(msg: ForwardMsg) -> list[str]:
    if msg.HasField("delta") and msg.delta.HasField("new_element"):
        element = msg.delta.new_element
        if element.WhichOneof("type") == "download_button" and element.download_button.deferred_file_id:
            return [element.download_button.deferred_file_id]
    return []


async def tap_downloads(visitor: Visitor, timeout: float = 30) -> list[str]:
    """What a tap on each of the visit's download buttons asks (Streamlit's deferred download): the server
    makes the file and answers with its /media/ URL. The URLs, in the buttons' order."""
    urls = []
    async with asyncio.timeout(timeout):
        for number, file_id in enumerate(visitor.visit.deferred):
            request = BackMsg()
            request.backend_operation_request.request_id = f"tap-{number}"
            request.backend_operation_request.session_id = visitor.visit.session_id
            request.backend_operation_request.deferred_file.file_id = file_id
            await visitor.ws.send(request.SerializeToString())
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await visitor.ws.recv())
                reply = msg.backend_operation_response
                if msg.HasField("backend_operation_response") and reply.request_id == f"tap-{number}":
                    if reply.error_msg:
                        raise RuntimeError(f"download {file_id}: {reply.error_msg}")
                    urls.append(reply.deferred_file.url)
                    break
    return urls


def _texts(msg: ForwardMsg) -> list[str]:
    if not msg.HasField("delta") or not msg.delta.HasField("new_element"):
        return []
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "markdown":
        return [element.markdown.body]
    if kind == "heading":
        return [element.heading.body]
    return []


@dataclass(frozen=True)
class Route:
    """How a visitor reaches the server when `base` (the page's origin, e.g. https://kicheck.example) is
    not where it connects: the loopback address and port to connect to, the loopback address to send from
    (nginx tells clients apart by it), and headers a proxy in front would add (X-Forwarded-Proto/-For)."""

    address: tuple[str, int] | None = None
    source: str | None = None
    headers: tuple[tuple[str, str], ...] = ()


async def visit(
    visitor: Visitor,
    base: str,
    page: str,
    query: str,
    expect: list[str],
    timeout: float,
    route: Route | None = None,
) -> None:
    """Open a session, run `page` with `query`, and keep the session open; fills visitor.visit.

    The handshake carries `Origin: base` and `Host: <base's host and port>`, as a browser on that page sends.
    """
    start = time.perf_counter()
    ws_url = "ws://" + urlsplit(base).netloc + "/_stcore/stream"
    connection: dict[str, object] = {}
    if route is not None and route.address is not None:
        connection["host"], connection["port"] = route.address
    if route is not None and route.source is not None:
        connection["local_addr"] = (route.source, 0)
    texts: list[str] = []
    media: list[str] = []
    deferred: list[str] = []
    session_id = ""
    largest = 0
    try:
        async with asyncio.timeout(timeout):
            visitor.ws = await websockets.connect(
                ws_url,
                subprotocols=["streamlit"],
                max_size=None,
                origin=base,
                open_timeout=timeout,
                additional_headers=list(route.headers) if route else None,
                proxy=None,  # loopback only, whatever the environment says
                **connection,
            )
            await visitor.ws.send(rerun_message(base, page, query))
            sent = previous = time.perf_counter()
            largest_gap = 0.0
            while True:
                msg = ForwardMsg()
                raw = await visitor.ws.recv()
                now = time.perf_counter()
                largest_gap, previous = max(largest_gap, now - previous), now
                largest = max(largest, len(raw))
                msg.ParseFromString(raw)
                texts += _texts(msg)
                media += _media(msg)
                deferred += _deferred(msg)
                if msg.HasField("new_session"):
                    session_id = msg.new_session.initialize.session_id
                if msg.HasField("script_finished"):
                    if msg.script_finished == DONE:
                        break
                    if msg.script_finished != RERUN:
                        raise RuntimeError(f"run finished with status {msg.script_finished}")
                    texts, media, deferred = [], [], []  # the rerun sends the page again
                    largest_gap = 0.0
    except Exception as err:  # a timeout or a closed session is an error of this visitor, never of the run
        visitor.visit = Visit(False, error=f"{type(err).__name__}: {str(err)[:160]}")
        return
    ms = (time.perf_counter() - start) * 1000
    missing = [want for want in expect if not any(want in text for text in texts)]
    if missing:
        visitor.visit = Visit(False, ms, f"verdict missing: {missing[0]!r}", texts, largest)
    else:
        run_ms = (previous - sent) * 1000
        visitor.visit = Visit(
            True, ms, None, texts, largest, media, deferred, session_id, run_ms, largest_gap * 1000
        )


async def crowd(
    base: str,
    page: str,
    links: list[tuple[str, list[str]]],
    timeout: float = 120.0,
    route: Route | None = None,
) -> list[Visitor]:
    """That many visitors at the same moment, each with its own link; their sessions stay open."""
    visitors = [Visitor() for _ in links]
    await asyncio.gather(
        *(
            visit(v, base, page, query, expect, timeout, route)
            for v, (query, expect) in zip(visitors, links, strict=True)
        )
    )
    return visitors


async def leave(visitors: list[Visitor]) -> None:
    await asyncio.gather(*(v.close() for v in visitors), return_exceptions=True)
