"""The hostile cases of issue 15: one replica behind deploy/nginx.conf; every load bounded, on loopback.

    python -m bench.hostile [--root DIR] [--seconds 12] [--json OUT]

--root runs another checkout of the repository (its app.py and deploy/, e.g. an older commit unpacked with
`git archive`) with this harness, so that before and after come from the same code. Loads come from their own
loopback addresses (nginx counts clients by address); the bystander (127.0.0.1) makes one visit per second
during each load, each on a link nobody opened before, and its times are reported. RSS is the replica's,
sampled every 0.2 s. Every loop has a count or a deadline; everything started is stopped by its own id.

Cases (the rows of the issue's table):
 1. a visit by a host name (kicheck.test), through nginx: handshake status, verdict, time;
 2. one address, 16 sessions, each asking 50 reruns/s with new links; then 16 sessions sending 0.9 MB widget
    states (4/s each, reconnecting when closed); then both from two addresses at once: bystander, RSS peak,
    RSS 10 s after;
 3. the /media ids: whether a download's id is Streamlit's unkeyed hash of its bytes, whether the log has ids;
 4. 3,000 made-up /static/ names from one address (16 at a time): statuses, bystander;
 5. one session sending `clear_cache` 20 times a second: a bystander's median on 10 links opened before;
 6. 20 browsers of one address opening result links within a second (each: the page, favicon, host-config,
    the session with its verdict, the /media files, as Chromium does): complete pages; then 400 page
    requests from one address: 429s, and whether another address is served;
 7. the replica's log: bytes for a /timeline visit, and for 5,000 ignored debug messages.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.servers import ROOT, Server, free_port, rss_kb
from bench.stats import summary
from testkit import links, visitors
from testkit.processes import Process, start_nginx
from testkit.visitors import big_rerun

NGINX = Path("/usr/sbin/nginx")
NAME = "kicheck.test"
BYSTANDER_TIMEOUT_S = 60.0
LABEL_QUERY = "v=1&lang=en&age=34&svc=fb"


class Edge:
    """One replica of `root`'s app (the Dockerfile's flags, on loopback) behind `root`'s nginx.conf."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = Path(tempfile.mkdtemp(prefix="meta-ki-hostile-"))
        self.replica = Server("app", "app.py", root, free_port(), self.tmp / "replica.log")
        self.port = 0
        self.nginx: Process | None = None

    @property
    def base(self) -> str:  # the page's origin as loopback (works with every nginx.conf, old or new)
        return f"http://127.0.0.1:{self.port}"

    @property
    def named(self) -> str:  # the page's origin by a host name
        return f"http://{NAME}:{self.port}"

    def route(self, source: str | None = None) -> visitors.Route:
        return visitors.Route(("127.0.0.1", self.port), source)

    def __enter__(self) -> Edge:
        self.replica.start()
        self.replica.wait_ready()
        replica = [f"127.0.0.1:{self.replica.port}"]
        self.nginx, self.port = start_nginx(self.tmp / "nginx", replica, root=self.root)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.nginx is not None:
            self.nginx.stop(grace_s=15)
        self.replica.stop()

    def rss_mb(self) -> float:
        return rss_kb(self.replica.proc.pid) / 1024

    def log_bytes(self) -> int:
        return self.replica.log.stat().st_size

    def access_log(self) -> str:
        path = self.tmp / "nginx" / "logs" / "meta-ki-check.access.log"
        return path.read_text(errors="replace") if path.exists() else ""


class Sampler:
    """The replica's RSS every 0.2 s in a thread, between start() and stop()."""

    def __init__(self, edge: Edge) -> None:
        self.edge, self.peak, self._stop = edge, 0.0, threading.Event()

    def __enter__(self) -> Sampler:
        def run() -> None:
            while not self._stop.is_set():
                with contextlib.suppress(Exception):
                    self.peak = max(self.peak, self.edge.rss_mb())
                time.sleep(0.2)

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


# --- Clients ---------------------------------------------------------------------------------------------


async def open_ws(edge: Edge, source: str, origin: str | None = None) -> object | int:
    """A session from `source`, or the HTTP status that refused it."""
    try:
        return await websockets.connect(
            "ws://" + (origin or edge.base).split("://", 1)[1] + "/_stcore/stream",
            host="127.0.0.1",
            port=edge.port,
            local_addr=(source, 0),
            origin=origin or edge.base,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=20,
            proxy=None,
        )
    except websockets.exceptions.InvalidStatus as refused:
        return refused.response.status_code
    except (TimeoutError, OSError, websockets.exceptions.WebSocketException):
        return 0  # no answer within 20 s, or the connection failed


async def drain(ws) -> None:
    with contextlib.suppress(Exception):
        async for _ in ws:
            pass


async def http_get(edge: Edge, path: str, source: str, host: str | None = None) -> int:
    """Status of one GET through nginx from `source`, on a connection of its own."""
    reader, writer = await asyncio.open_connection("127.0.0.1", edge.port, local_addr=(source, 0))
    try:
        host = host or f"127.0.0.1:{edge.port}"
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        status = int((await asyncio.wait_for(reader.readline(), 30)).split()[1])
        await asyncio.wait_for(reader.read(), 30)
        return status
    finally:
        writer.close()


async def _bystander(port: int, base: str, seconds: float, seed: int, queries: list[str] | None) -> list:
    """One visit per second from 127.0.0.1 for `seconds`, each on a new link (or on `queries` in turn)."""
    rng = random.Random(seed)
    todo = queries or links.queries(400, date.today(), seed=seed, need_service=True)
    route = visitors.Route(("127.0.0.1", port), "127.0.0.1")
    out = []
    deadline = time.monotonic() + seconds
    for i, query in enumerate(todo):
        if not queries and i and time.monotonic() > deadline:
            break
        visitor = visitors.Visitor()
        query = query if queries else f"{query}&lang={rng.choice(['de', 'en'])}"
        await visitors.visit(visitor, base, "result", query, [], BYSTANDER_TIMEOUT_S, route)
        await visitor.close()
        out.append(visitor.visit)
        if not queries:
            await asyncio.sleep(1.0)
    return out


def _bystander_process(port: int, base: str, seconds: float, seed: int, queries: list[str] | None) -> list:
    return asyncio.run(_bystander(port, base, seconds, seed, queries))


async def bystander(edge: Edge, seconds: float, seed: int, queries: list[str] | None = None) -> list:
    """The bystander in a process of its own, so that the loads' clients do not slow its measurements."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        return await asyncio.get_running_loop().run_in_executor(
            pool, _bystander_process, edge.port, edge.base, seconds, seed, queries
        )


def visits_summary(visits: list) -> dict:
    ok = [v.ms for v in visits if v.ok]
    return {
        "visits": len(visits),
        "failed": len(visits) - len(ok),
        "max_ms": round(max(ok)) if ok else None,
        **({"median_ms": round(summary(ok)["median"])} if ok else {}),
        "errors": sorted({v.error for v in visits if not v.ok})[:3],
        "each_ms": [v.ms and round(v.ms) for v in visits],  # in order: where in the load a slow one fell
    }


async def rerun_storm(edge: Edge, source: str, seconds: float, sessions: int = 16, per_s: int = 50) -> dict:
    """`sessions` sessions from `source`, each asking for a rerun with a new link `per_s` times a second."""
    queries = links.queries(2000, date.today(), seed=hash(source) & 0xFFFF, need_service=True)
    sent = [0]

    async def one(n: int) -> None:
        ws = await open_ws(edge, source)
        if isinstance(ws, int):
            return
        reader = asyncio.create_task(drain(ws))
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                query = queries[(n * 997 + sent[0]) % len(queries)]
                # A host of its own per message: a result nobody built before, every time.
                await ws.send(visitors.rerun_message(f"http://h{sent[0]}.{source}.test", "result", query))
                sent[0] += 1
                await asyncio.sleep(1 / per_s)
        except websockets.exceptions.ConnectionClosed:
            pass
        finally:
            reader.cancel()
            with contextlib.suppress(Exception):
                await ws.close()

    await asyncio.gather(*(one(n) for n in range(sessions)))
    return {"reruns_sent": sent[0]}


async def big_states(edge: Edge, source: str, seconds: float, sessions: int = 16, per_s: int = 4) -> dict:
    """`sessions` sessions from `source` sending 0.9 MB widget states `per_s` times a second each,
    opening a new session when one is closed (refused ones wait half a second)."""
    frame = big_rerun(900_000, LABEL_QUERY)
    counts = {"frames_sent": 0, "closed": 0, "refused": 0}
    deadline = time.monotonic() + seconds

    async def one() -> None:
        while time.monotonic() < deadline:
            ws = await open_ws(edge, source)
            if isinstance(ws, int):
                counts["refused"] += 1
                await asyncio.sleep(0.5)
                continue
            reader = asyncio.create_task(drain(ws))
            try:
                while time.monotonic() < deadline:
                    await ws.send(frame)
                    counts["frames_sent"] += 1
                    await asyncio.sleep(1 / per_s)
            except websockets.exceptions.ConnectionClosed:
                counts["closed"] += 1
            finally:
                reader.cancel()
                with contextlib.suppress(Exception):
                    await ws.close()

    await asyncio.gather(*(one() for _ in range(sessions)))
    return counts


async def under_load(edge: Edge, load, seed: int, seconds: float) -> dict:
    """Run `load` (a coroutine) with the bystander visiting once a second meanwhile; RSS peak."""
    with Sampler(edge) as rss:
        watcher = asyncio.create_task(bystander(edge, seconds, seed))
        figures = await load
        visits = await watcher
    return {**figures, "bystander": visits_summary(visits), "rss_peak_mb": round(rss.peak)}


# --- The cases -------------------------------------------------------------------------------------------


async def case_host_name(edge: Edge) -> dict:
    ws = await open_ws(edge, "127.0.0.1", origin=edge.named)
    status = ws if isinstance(ws, int) else 101
    if not isinstance(ws, int):
        await ws.close()
    visitor = visitors.Visitor()
    await visitors.visit(visitor, edge.named, "result", LABEL_QUERY, ["In use"], 60, edge.route("127.0.0.1"))
    await visitor.close()
    ingress = visitors.Visitor()
    route = visitors.Route(("127.0.0.1", edge.port), "127.0.0.1", (("X-Forwarded-Proto", "https"),))
    await visitors.visit(ingress, "https://kicheck.example", "result", LABEL_QUERY, ["In use"], 60, route)
    await ingress.close()
    return {
        "handshake_status": status,
        "verdict_by_name": visitor.visit.ok,
        "ms": visitor.visit.ms and round(visitor.visit.ms),
        "verdict_as_ingress_passes_it": ingress.visit.ok,
        "error": visitor.visit.error or ingress.visit.error,
    }


async def case_fair_share(edge: Edge, seconds: float) -> dict:
    out = {"rss_start_mb": round(edge.rss_mb())}
    out["reruns_16x50"] = await under_load(edge, rerun_storm(edge, "127.0.0.2", seconds), 1, seconds)
    out["widget_states_0.9MB"] = await under_load(edge, big_states(edge, "127.0.0.3", seconds), 2, seconds)
    both = asyncio.gather(rerun_storm(edge, "127.0.0.4", seconds), big_states(edge, "127.0.0.5", seconds))

    async def two() -> dict:
        reruns, states = await both
        return {"reruns_sent": reruns["reruns_sent"], "frames_sent": states["frames_sent"]}

    out["two_addresses"] = await under_load(edge, two(), 3, seconds)
    await asyncio.sleep(10)
    out["rss_10s_after_mb"] = round(edge.rss_mb())
    return out


def case_media_ids(edge: Edge, visit: visitors.Visit) -> dict:
    """Whether the ids of a visit's downloads are Streamlit's unkeyed hash of their bytes, and if logged."""
    import urllib.request

    from streamlit.runtime.memory_media_file_storage import _calculate_file_id

    computable = 0
    downloads = [url for url in visit.media if url.endswith((".md", ".html", ".ics"))]
    for url in downloads:
        with urllib.request.urlopen(f"{edge.base}{url}", timeout=20) as reply:
            data, mimetype = reply.read(), reply.headers.get_content_type()
            disposition = reply.headers.get("Content-Disposition", "")
        filename = (
            disposition.split('filename="', 1)[-1].split('"', 1)[0] if "filename=" in disposition else None
        )
        file_id = url.rsplit("/", 1)[1].split(".", 1)[0]
        computable += _calculate_file_id(data, mimetype, filename) == file_id
    log = edge.access_log()
    return {
        "downloads": len(downloads),
        "ids_computable_from_content": computable,
        "ids_in_access_log": sum(url.rsplit("/", 1)[1].split(".", 1)[0] in log for url in downloads),
    }


async def case_static_flood(edge: Edge, count: int = 3000) -> dict:
    statuses: dict[int, int] = {}

    async def flood() -> dict:
        queue = iter(range(count))

        async def worker() -> None:
            for i in queue:
                status = await http_get(edge, f"/static/js/made-up-{i}.js", "127.0.0.6")
                statuses[status] = statuses.get(status, 0) + 1

        await asyncio.gather(*(worker() for _ in range(16)))
        return {}

    result = await under_load(edge, flood(), 4, 10.0)
    known = await http_get(edge, "/static/js/made-up-0.js", "127.0.0.1")
    return {"statuses": statuses, "bystander": result["bystander"], "a_made_up_name_again": known}


async def case_clear_cache(edge: Edge, seconds: float) -> dict:
    fixed = [f"v=1&lang=en&age={20 + i}&svc=fb,ig" for i in range(10)]
    stop = asyncio.Event()
    await bystander(edge, 0, 5, fixed)  # opened once: built and cached
    quiet = await bystander(edge, 0, 5, fixed)

    async def clearer() -> int:
        ws = await open_ws(edge, "127.0.0.7")
        if isinstance(ws, int):
            return 0
        reader = asyncio.create_task(drain(ws))
        msg = BackMsg()
        msg.clear_cache = True
        frame, sent = msg.SerializeToString(), 0
        deadline = time.monotonic() + seconds
        with contextlib.suppress(websockets.exceptions.ConnectionClosed):
            while time.monotonic() < deadline and not stop.is_set():
                await ws.send(frame)
                sent += 1
                await asyncio.sleep(0.05)
        reader.cancel()
        await ws.close()
        return sent

    task = asyncio.create_task(clearer())
    await asyncio.sleep(0.5)
    attacked = await bystander(edge, 0, 5, fixed * 2)
    stop.set()
    return {"quiet": visits_summary(quiet), "while_clearing": visits_summary(attacked), "sent": await task}


async def browser_visit(edge: Edge, source: str, query: str) -> dict:
    """What one Chromium visit of a result link asks nginx for (counted in the access log), from `source`."""
    statuses = [await http_get(edge, f"/result?{query}", source)]
    statuses += [await http_get(edge, path, source) for path in ("/favicon.png", "/_stcore/host-config")]
    visitor = visitors.Visitor()
    await visitors.visit(visitor, edge.base, "result", query, [], 60, edge.route(source))
    statuses += [await http_get(edge, url, source) for url in visitor.visit.media]
    await visitor.close()
    return {"statuses": statuses, "verdict": visitor.visit.ok, "error": visitor.visit.error}


async def case_nat(edge: Edge) -> dict:
    queries = links.queries(20, date.today(), seed=6, need_service=True)

    async def one(i: int) -> dict:
        await asyncio.sleep(i / 20)  # 20 browsers within one second
        return await browser_visit(edge, "127.0.0.8", queries[i])

    pages = await asyncio.gather(*(one(i) for i in range(20)))
    complete = sum(p["verdict"] and all(s == 200 for s in p["statuses"]) for p in pages)
    refused_documents = sum(p["statuses"][0] == 429 for p in pages)
    flood = await asyncio.gather(*(http_get(edge, "/result?v=1&svc=fb", "127.0.0.9") for _ in range(400)))
    other = visitors.Visitor()
    await visitors.visit(other, edge.base, "result", LABEL_QUERY, ["In use"], 60, edge.route("127.0.0.1"))
    await other.close()
    return {
        "complete_pages_of_20": complete,
        "documents_refused_429": refused_documents,
        "flood_400_refused_429": flood.count(429),
        "another_address_served": other.visit.ok,
    }


async def case_logs(edge: Edge) -> dict:
    before = edge.log_bytes()
    visitor = visitors.Visitor()
    await visitors.visit(visitor, edge.base, "timeline", "lang=en", [], 60, edge.route("127.0.0.1"))
    await visitor.close()
    await asyncio.sleep(0.5)
    timeline = edge.log_bytes() - before
    ws = await open_ws(edge, "127.0.0.10")
    msg = BackMsg()
    msg.debug_disconnect_websocket = True
    frame = msg.SerializeToString()
    before = edge.log_bytes()
    if not isinstance(ws, int):
        reader = asyncio.create_task(drain(ws))
        for _ in range(5000):
            await ws.send(frame)
        await asyncio.sleep(1.0)
        reader.cancel()
        await ws.close()
    return {"timeline_visit_bytes": timeline, "debug_messages_5000_bytes": edge.log_bytes() - before}


async def run_all(edge: Edge, seconds: float, only: list[str] | None = None) -> dict:
    out: dict = {}

    async def case(name: str, coroutine) -> None:
        if only and name not in only:
            coroutine.close()
            return
        try:
            out[name] = await coroutine
        except Exception as error:  # one broken case must not lose the others' figures
            out[name] = {"error": f"{type(error).__name__}: {str(error)[:200]}"}
        print(name, json.dumps(out[name], default=str), file=sys.stderr, flush=True)

    await case("host_name", case_host_name(edge))
    first = visitors.Visitor()
    await visitors.visit(first, edge.base, "result", f"{LABEL_QUERY},ig", [], 60, edge.route("127.0.0.1"))
    if first.visit.ok:  # the downloads are made on a tap (deferred): tap them as a person does
        first.visit.media += await visitors.tap_downloads(first)
    await case("media_ids", asyncio.to_thread(case_media_ids, edge, first.visit))
    await first.close()
    await case("fair_share", case_fair_share(edge, seconds))
    await case("static_flood", case_static_flood(edge))
    await case("clear_cache", case_clear_cache(edge, seconds))
    await case("nat", case_nat(edge))
    await case("logs", case_logs(edge))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose app and deploy/ to run")
    parser.add_argument("--seconds", type=float, default=12.0, help="length of each load (bounded)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--only", action="append", help="run only these cases (repeat), e.g. fair_share")
    args = parser.parse_args(argv)
    if not NGINX.is_file():
        print(f"{NGINX} missing (make system-packages)", file=sys.stderr)
        return 1
    with Edge(args.root.resolve()) as edge:
        figures = asyncio.run(run_all(edge, min(args.seconds, 60.0), args.only))
    text = json.dumps({"root": str(args.root), **figures}, indent=1, default=str)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
