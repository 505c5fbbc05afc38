"""Bytes on the wire per first visit, through deploy/nginx.conf and straight from a replica.

A first visit is a fresh browser context (empty cache) in Debian's Chromium opening one page until the page
has run, its expected elements show and no request has followed for a second (the lazily loaded chunks are
in). Transferred bytes are what Chromium reports per response (headers + encoded body, as on the wire)
plus the WebSocket's frames. Pages: the result page, the one-line floor, and the floor with one `st.code`
block (what the share link's code block costs). Through nginx (compressed) and straight from the replica
(as before nginx compressed anything). Loopback only.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.servers import HOST, ROOT, Server, Servers, free_port
from testkit.processes import NGINX, Process, start_nginx

CODE_SCRIPT = (
    'import streamlit as st\n\nst.write("hello")\nst.code("https://example.org/result?v=1", language=None)\n'
)
QUIET_MS = 1000  # no new request for this long: the page has loaded what it will load
RESULT_DONE = "[data-testid='stApp'][data-test-script-state='notRunning'] .st-key-timeline img"
FLOOR_DONE = "[data-testid='stApp'][data-test-script-state='notRunning'] [data-testid='stMarkdownContainer']"


@dataclass
class Nginx:
    """nginx with deploy/nginx.conf in front of one server, on its own loopback port."""

    replica: str
    directory: Path
    port: int = 0
    process: Process | None = None
    page_heads: bool = True  # False: Streamlit's own page document (the floor as Streamlit ships it)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        self.process, self.port = start_nginx(self.directory, [self.replica], page_heads=self.page_heads)

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop(grace_s=15)


@dataclass
class Transfer:
    responses: int = 0
    bytes: int = 0
    decoded_bytes: int = 0  # the same bodies uncompressed
    largest: list[tuple[int, str]] = field(default_factory=list)


async def first_visit(browser, url: str, done: str) -> Transfer:
    """One first visit: every response's transferred size, once the page is done and quiet."""
    context = await browser.new_context()
    page = await context.new_page()
    responses = []
    frames: list[int] = []
    last = [time.monotonic()]

    def on_response(response) -> None:
        responses.append(response)
        last[0] = time.monotonic()

    page.on("response", on_response)
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: frames.append(len(p))))
    try:
        await page.goto(url, wait_until="commit", timeout=60_000)
        shown = await page.wait_for_selector(done, timeout=60_000)
        if "timeline" in done:  # a visitor scrolls down to the chart: anything it loads lazily comes then
            await shown.scroll_into_view_if_needed()
            await page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown)
        while time.monotonic() - last[0] < QUIET_MS / 1000:
            await asyncio.sleep(0.1)
        out = Transfer()
        for response in responses:
            sizes = await response.request.sizes()
            size = sizes["responseHeadersSize"] + sizes["responseBodySize"]
            out.responses += 1
            out.bytes += size
            out.largest.append((size, response.url.rsplit("/", 1)[-1][:60]))
            body = await response.body() if response.status == 200 else b""
            out.decoded_bytes += len(body)
        out.bytes += sum(frames)
        out.decoded_bytes += sum(frames)
        out.largest = sorted(out.largest, reverse=True)[:5]
        return out
    finally:
        await context.close()


async def _measure(targets: dict[str, tuple[str, str, Server]], rounds: int) -> dict:
    """Each target visited `rounds` times (the first fills nginx's copy); the replica's CPU of the last."""
    from bench.browser import async_playwright, launch

    out: dict = {}
    async with async_playwright() as pw:
        browser = await launch(pw)
        for name, (url, done, server) in targets.items():
            visits = []
            for _ in range(rounds):
                cpu = server.cpu_s()
                visits.append(await first_visit(browser, url, done))
                cpu = server.cpu_s() - cpu
            best = min(visits, key=lambda v: v.bytes)  # the same files each time; min drops a retry
            out[name] = {
                "responses": best.responses,
                "transferred_kb": round(best.bytes / 1024),
                "uncompressed_kb": round(best.decoded_bytes / 1024),
                "replica_cpu_ms_last_visit": round(cpu * 1000),
                "largest": best.largest,
            }
        await browser.close()
    return out


def run(query: str, rounds: int = 3) -> dict:
    """Transferred bytes of a first visit: result page, floor and floor + st.code; via nginx and direct."""
    if not NGINX.is_file():
        return {"error": f"{NGINX} missing (make system-packages)"}
    tmp = Path(tempfile.mkdtemp(prefix="meta-ki-wire-"))
    code_dir = tmp / "code"
    (code_dir / ".streamlit").mkdir(parents=True)
    (code_dir / "code.py").write_text(CODE_SCRIPT, encoding="utf-8")
    shutil.copy(ROOT / ".streamlit" / "config.toml", code_dir / ".streamlit" / "config.toml")
    code = Server("code", "code.py", code_dir, free_port(), tmp / "code.log")
    fronts: list[Nginx] = []
    try:
        with Servers() as servers:
            code.start()
            code.wait_ready()
            for server in (servers.app, servers.hello, code):
                fronts.append(Nginx(f"{HOST}:{server.port}", tmp / f"nginx-{server.name}"))
                fronts[-1].start()
            app, hello, code_front = fronts
            targets = {
                "result page via nginx": (f"{app.base}/result?{query}", RESULT_DONE, servers.app),
                "floor via nginx": (f"{hello.base}/", FLOOR_DONE, servers.hello),
                "floor + st.code via nginx": (f"{code_front.base}/", FLOOR_DONE, code),
                "result page direct": (f"{servers.app.base}/result?{query}", RESULT_DONE, servers.app),
                "floor direct": (f"{servers.hello.base}/", FLOOR_DONE, servers.hello),
            }
            out = asyncio.run(_measure(targets, rounds))
    finally:
        for front in fronts:
            front.stop()
        code.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    via = out["result page via nginx"]["transferred_kb"]
    out["ratio_to_floor_via_nginx"] = via / max(1, out["floor via nginx"]["transferred_kb"])
    out["st_code_costs_kb"] = (
        out["floor + st.code via nginx"]["transferred_kb"] - out["floor via nginx"]["transferred_kb"]
    )
    return out


if __name__ == "__main__":
    import json
    import sys

    print(
        json.dumps(
            run(sys.argv[1] if len(sys.argv) > 1 else "v=1&lang=de&age=34&svc=fb,ig,wa&ai=wa"), indent=1
        )
    )
