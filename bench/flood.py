"""A flood of distinct share links at one replica: does a visit cost more once it has seen many links?

Visitors speak Streamlit's websocket protocol (testkit/visitors.py), each on a link nobody opened before. The
server's CPU time (/proc/<pid>/stat) is read around two windows of visits made one after the other:
*early*, the first `window` distinct links after a short warm-up; *late*, `window` more after `fill` further
distinct links have been opened (filling the result cache, which holds 2,048 entries). Each window is followed
by the same links again (*cached*: the result comes from the cache, so the visit is the page alone). Between
the windows the fill runs `concurrency` visitors at a time. Loopback only; every visit has a time limit and
the whole flood a deadline, so the run always ends.

    python -m bench.flood [--fill 2000] [--window 100] [--flag runner.postScriptGC=true ...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from dataclasses import dataclass, field
from datetime import date

from bench.servers import Server, Servers
from bench.stats import summary
from testkit import links, visitors

WARMUP = 5
VISIT_TIMEOUT_S = 60.0


@dataclass
class Window:
    """Visits made one at a time, with the server CPU they cost."""

    visits: int = 0
    errors: list[str] = field(default_factory=list)
    cpu_s: float = 0.0
    wall_ms: list[float] = field(default_factory=list)

    def figures(self) -> dict:
        return {
            "visits": self.visits,
            "errors": self.errors[:5],
            "error_count": len(self.errors),
            "server_cpu_ms_per_visit": self.cpu_s * 1000 / max(1, self.visits),
            "visit_ms": summary(self.wall_ms),
        }


async def _one(base: str, query: str) -> visitors.Visit:
    visitor = visitors.Visitor()
    await visitors.visit(visitor, base, "result", query, [], VISIT_TIMEOUT_S)
    await visitor.close()
    return visitor.visit


async def sequential(server: Server, queries: list[str]) -> Window:
    window = Window()
    before = server.cpu_s()
    for query in queries:
        visit = await _one(server.base, query)
        window.visits += 1
        if visit.ok and visit.ms is not None:
            window.wall_ms.append(visit.ms)
        else:
            window.errors.append(visit.error or "?")
    window.cpu_s = server.cpu_s() - before
    return window


async def concurrent(server: Server, queries: list[str], concurrency: int, deadline: float) -> Window:
    """`concurrency` visitors at a time until the queries or the time run out."""
    window = Window()
    pending = iter(queries)
    before = server.cpu_s()

    async def worker() -> None:
        for query in pending:
            if time.monotonic() > deadline:
                return
            visit = await _one(server.base, query)
            window.visits += 1
            if not visit.ok:
                window.errors.append(visit.error or "?")

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    window.cpu_s = server.cpu_s() - before
    return window


async def flood(server: Server, today: date, args: argparse.Namespace, log) -> dict:
    queries = links.queries(WARMUP + 2 * args.window + args.fill, today, seed=args.seed, need_service=True)
    warm, early = queries[:WARMUP], queries[WARMUP : WARMUP + args.window]
    fill = queries[WARMUP + args.window : WARMUP + args.window + args.fill]
    late = queries[WARMUP + args.window + args.fill :]
    await sequential(server, warm)  # imports, knowledge base, first chart: not what the windows measure
    first = await sequential(server, early)
    first_cached = await sequential(server, early)
    log(f"flood early: {first.figures()['server_cpu_ms_per_visit']:.1f} ms CPU per visit")
    deadline = time.monotonic() + args.max_fill_s
    filled = await concurrent(server, fill, args.concurrency, deadline)
    log(f"flood fill: {filled.visits} distinct links in {filled.cpu_s:.0f} s server CPU")
    second = await sequential(server, late)
    second_cached = await sequential(server, late)
    log(f"flood late: {second.figures()['server_cpu_ms_per_visit']:.1f} ms CPU per visit")
    early_ms = first.figures()["server_cpu_ms_per_visit"]
    late_ms = second.figures()["server_cpu_ms_per_visit"]
    cached_early_ms = first_cached.figures()["server_cpu_ms_per_visit"]
    cached_late_ms = second_cached.figures()["server_cpu_ms_per_visit"]
    return {
        "flags": args.flag,
        "distinct_links_before_late": WARMUP + first.visits + filled.visits,
        "early": first.figures(),
        "fill": filled.figures(),
        "late": second.figures(),
        "late_over_early": late_ms / early_ms if early_ms else None,
        "early_cached": first_cached.figures(),
        "late_cached": second_cached.figures(),
        "cached_late_over_early": cached_late_ms / cached_early_ms if cached_early_ms else None,
        "rss_mb_after": server.rss_mb(),
    }


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.flood", description=__doc__.split("\n\n")[0])
    parser.add_argument("--fill", type=int, default=2000, help="distinct links between the windows")
    parser.add_argument("--window", type=int, default=100, help="visits per measured window")
    parser.add_argument("--concurrency", type=int, default=4, help="visitors at a time while filling")
    parser.add_argument("--max-fill-s", type=float, default=900, help="time limit of the fill")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--flag", action="append", default=[], help="extra streamlit flag, e.g. a=b")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, log) -> dict:
    flags = [f"--{flag}" for flag in args.flag]
    with Servers(app_flags=flags, with_hello=False) as servers:
        return asyncio.run(flood(servers.app, date.today(), args, log))


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", flush=True)

    print(json.dumps(run(args, log), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
