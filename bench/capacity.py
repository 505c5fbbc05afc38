"""Capacity of one replica: the highest rate of visits it serves with p95 < 2 s, measured, not estimated.

Visitors speak Streamlit's websocket protocol (testkit/visitors.py) and arrive at a fixed rate, whether or not
the earlier ones are done (an open loop, as a crowd from a news article arrives); each opens a share link
nobody opened before (a cache miss: the dearest visit there is), waits for its verdict and leaves. The rate
rises step by step until p95 from arrival to verdict passes 2 s or a visit fails. Static files are not
fetched: nginx serves them from its own copy (deploy/nginx.conf). Also measured one at a time: the server CPU
of a result page run and of a questionnaire run, to say what a person who fills in the questionnaire costs.

    python -m bench.capacity [--rates 2 4 6 ...] [--step-s 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from datetime import date

from bench.servers import Server, Servers
from bench.stats import summary
from testkit import links, visitors

P95_LIMIT_MS = 2000
QUESTIONNAIRE_RUNS = 10  # a person answering: one run per answer (about 9) and the first load
DEFAULT_RATES = (2, 4, 6, 8, 10, 12, 14, 16, 20, 24)


async def _visit(base: str, page: str, query: str, timeout: float) -> visitors.Visit:
    visitor = visitors.Visitor()
    await visitors.visit(visitor, base, page, query, [], timeout)
    await visitor.close()
    return visitor.visit


async def step(server: Server, rate: float, queries: list[str], timeout: float) -> dict:
    """Visitors arriving every 1/rate seconds for len(queries) arrivals; each with its own link."""
    start = time.monotonic()
    cpu = server.cpu_s()
    tasks = []
    for i, query in enumerate(queries):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(_visit(server.base, "result", query, timeout)))
    visits = await asyncio.gather(*tasks)
    elapsed = time.monotonic() - start
    times = summary([v.ms for v in visits if v.ok and v.ms is not None])
    return {
        "rate": rate,
        "visits": len(visits),
        "errors": sum(not v.ok for v in visits),
        "ms": times,
        "server_cpu_share": (server.cpu_s() - cpu) / elapsed,
        "ok": not any(not v.ok for v in visits) and times.get("p95", 1e9) < P95_LIMIT_MS,
    }


async def cpu_per_run(server: Server, page: str, queries: list[str]) -> float:
    """Server CPU (ms) per run of `page`, visits one at a time."""
    before = server.cpu_s()
    for query in queries:
        await _visit(server.base, page, query, 60)
    return (server.cpu_s() - before) * 1000 / len(queries)


async def measure(server: Server, today: date, rates: list[float], step_s: float, log) -> dict:
    needed = sum(int(r * step_s) for r in rates) + 300
    pool = iter(links.queries(needed, today, seed=77, need_service=True))
    take = lambda n: [next(pool) for _ in range(n)]  # noqa: E731
    await cpu_per_run(server, "result", take(10))  # warm-up: imports, first chart
    out: dict = {"p95_limit_ms": P95_LIMIT_MS, "steps": []}
    out["cpu_ms_result_run"] = await cpu_per_run(server, "result", take(50))
    out["cpu_ms_questionnaire_run"] = await cpu_per_run(server, "check", take(50))
    for rate in rates:
        result = await step(server, rate, take(int(rate * step_s)), timeout=30)
        out["steps"].append(result)
        log(
            f"capacity {rate:g}/s: p95 {result['ms'].get('p95', 0):.0f} ms, errors {result['errors']},"
            f" server CPU {result['server_cpu_share']:.0%}"
        )
        if not result["ok"]:
            break
    served = [s["rate"] for s in out["steps"] if s["ok"]]
    out["visits_per_s"] = max(served) if served else 0
    person = QUESTIONNAIRE_RUNS * out["cpu_ms_questionnaire_run"] + out["cpu_ms_result_run"]
    out["result_runs_per_person"] = person / out["cpu_ms_result_run"]
    out["people_per_s"] = out["visits_per_s"] / out["result_runs_per_person"]
    return out


def run(rates: list[float], step_s: float, log) -> dict:
    with Servers(with_hello=False) as servers:
        return asyncio.run(measure(servers.app, date.today(), rates, step_s, log))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", type=float, nargs="+", default=list(DEFAULT_RATES))
    parser.add_argument("--step-s", type=float, default=20.0, help="seconds of arrivals per rate")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", flush=True)

    print(json.dumps(run(args.rates, args.step_s, log), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
