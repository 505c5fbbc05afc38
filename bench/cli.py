"""`python -m bench [--quick]`: all four measurements in one run, printed as a table and saved as JSON."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import time
from datetime import date, datetime
from pathlib import Path

from bench import domain
from bench.report import ratios, table
from bench.servers import ROOT, Servers
from bench.stats import summary
from testkit import links

RESULTS = Path(__file__).resolve().parent / "results"
HELLO_SELECTOR = "[data-testid='stMarkdownContainer']"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short run (about 1.5 minutes)")
    parser.add_argument("--rounds", type=int, help="A/B page loads per page (default 20; quick 4)")
    parser.add_argument(
        "--sessions", type=int, nargs="+", help="sessions open for memory (default 10; quick 5)"
    )
    parser.add_argument("--burst", type=int, help="visitors at once (default 50; quick 20)")
    parser.add_argument("--answer-sets", type=int, help="answer sets for the verdict (default 10000)")
    parser.add_argument("--seed", type=int, default=5, help="seed of the generated answer sets")
    parser.add_argument("--label", default="", help="a note stored with the results (e.g. 'before')")
    parser.add_argument("--pages", type=int, help="browser pages opened at once (default 10; quick 2)")
    parser.add_argument("--timeout", type=int, default=180, help="seconds a visitor of a burst may wait")
    parser.add_argument("--no-browser", action="store_true", help="only the in-process figures")
    parser.add_argument(
        "--no-deploy", action="store_true", help="leave out flood, messages, capacity and bytes on the wire"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    args.rounds = args.rounds or (4 if quick else 20)
    args.sessions = sorted(args.sessions or ([5] if quick else [10]))
    args.burst = args.burst or (20 if quick else 50)
    args.pages = args.pages or (2 if quick else 10)
    args.answer_sets = args.answer_sets or (2000 if quick else 10_000)
    args.build_sets = 20 if quick else 100
    return args


def machine() -> dict:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    import streamlit

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "load_avg_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "platform": platform.platform(),
    }


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


def busy_share(since: tuple[int, int]) -> float:
    """How busy the whole machine was since `since` (0..1): this run and anything else running."""
    busy, total = cpu_ticks()
    return (busy - since[0]) / max(1, total - since[1])


def expected_cards(query: str, today: date) -> tuple[tuple[str, str], ...]:
    """The result page's verdict cards for a link, with the status label each must show."""
    from kicheck import knowledge
    from kicheck.link import decode_query
    from kicheck.present import result_view
    from kicheck.texts import Texts
    from kicheck.verdict import decide

    kb = knowledge.default()
    answers = decode_query(query, today).answers
    view = result_view(decide(answers, kb, today), Texts(kb, answers.lang))
    return tuple((f".st-key-status-{card.code}", card.status_label) for card in view.cards)


class Pool:
    """Distinct share links (each with at least one service, so the page has cards), handed out once each."""

    def __init__(self, count: int, today: date, seed: int):
        self.queries = links.queries(count, today, seed=seed + 1, need_service=True)
        self.today = today
        self.next = 0

    def take(self, n: int) -> list[str]:
        out = self.queries[self.next : self.next + n]
        if len(out) < n:
            raise RuntimeError("link pool exhausted")
        self.next += n
        return out


async def browser_part(args: argparse.Namespace, today: date, log) -> dict:
    from bench import visitors
    from bench.browser import Target, async_playwright, close_sessions, fresh_load, launch, open_sessions

    contexts = min(5, args.pages)
    needed = 1 + args.rounds + 2 * (sum(args.sessions) + args.burst + args.pages + contexts)
    pool = Pool(needed, today, args.seed)
    out: dict = {}

    def targets(servers: Servers, queries: list[str], which: str) -> list[Target]:
        if which == "app":
            return [Target(f"{servers.app.base}/result?{q}", expected_cards(q, today)) for q in queries]
        return [Target(f"{servers.hello.base}/?{q}", ((HELLO_SELECTOR, "hello"),)) for q in queries]

    def errors(loads: list) -> list[str]:
        return [x.error for x in loads if not x.ok]

    with Servers() as servers:
        pair = {"app": servers.app, "hello": servers.hello}
        out["server_start_s"] = {k: s.started_in_s for k, s in pair.items()}
        out["rss_started_mb"] = {k: s.rss_mb() for k, s in pair.items()}
        async with async_playwright() as pw:
            browser = await launch(pw)
            out["chromium"] = browser.version
            # 1. The first load after the server started: imports, knowledge base, first chart.
            cold_query = pool.take(1)
            out["cold"] = {}
            for which in ("app", "hello"):
                result = await fresh_load(browser, targets(servers, cold_query, which)[0])
                out["cold"][which] = result.__dict__
                log(f"cold {which}: {result.in_page_ms or 0:.0f} ms {result.error or ''}")
            await asyncio.sleep(1.0)
            out["rss_idle_mb"] = {k: s.rss_mb() for k, s in pair.items()}

            # 2. A/B, alternating which page goes first; a fresh context and a new link for every load.
            loads: dict[str, list] = {"app": [], "hello": []}
            cpu: dict[str, float] = {"app": 0.0, "hello": 0.0}
            for i in range(args.rounds):
                query = pool.take(1)
                for which in ("app", "hello") if i % 2 == 0 else ("hello", "app"):
                    before = pair[which].cpu_s()
                    loads[which].append(await fresh_load(browser, targets(servers, query, which)[0]))
                    cpu[which] += pair[which].cpu_s() - before
            out["ab"] = {
                which: {
                    "in_page_ms": summary([x.in_page_ms for x in items if x.ok]),
                    "wall_ms": summary([x.wall_ms for x in items if x.ok]),
                    "errors": errors(items),
                    "server_cpu_ms_per_load": cpu[which] * 1000 / max(1, len(items)),
                }
                for which, items in loads.items()
            }
            medians = {w: out["ab"][w]["in_page_ms"].get("median", 0) for w in pair}
            log(f"A/B medians: app {medians['app']:.0f} ms, hello {medians['hello']:.0f} ms")

            # 3. Memory and 4. the burst: visitors speaking Streamlit's websocket protocol, all at once, each
            # on its own link; RSS is read while their sessions are open. The last count is the burst.
            out["memory"] = {w: {"baseline_mb": s.rss_mb(), "open": {}} for w, s in pair.items()}
            out["burst"] = {}
            for count in [*args.sessions, args.burst]:
                for which, server in pair.items():
                    queries = pool.take(count)
                    if which == "app":
                        links = [(q, [label for _, label in expected_cards(q, today)]) for q in queries]
                    else:
                        links = [(q, ["hello"]) for q in queries]
                    crowd_ = await visitors.crowd(
                        server.base, "result" if which == "app" else "", links, args.timeout
                    )
                    await asyncio.sleep(0.5)
                    rss = server.rss_mb()
                    visits = [v.visit for v in crowd_]
                    bad = [v.error for v in visits if not v.ok]
                    mem = out["memory"][which]
                    mem["open"][str(count)] = {
                        "rss_mb": rss,
                        "per_session_kb": (rss - mem["baseline_mb"]) * 1024 / count,
                        "errors": len(bad),
                    }
                    if count == args.burst:
                        out["burst"][which] = {
                            "visitors": count,
                            "ms": summary([v.ms for v in visits if v.ok]),
                            "errors": bad,
                        }
                    await visitors.leave(crowd_)
                    log(f"{count} visitors at once, {which}: {rss:.0f} MB, {len(bad)} errors")
                    await asyncio.sleep(1.0)

            # 5. The real page under concurrency: a few browser pages at once (one machine renders them all).
            out["browser_burst"] = {}
            for which in pair:
                warm = targets(servers, pool.take(contexts), which)
                sessions = await open_sessions(
                    browser,
                    targets(servers, pool.take(args.pages), which),
                    warm,
                    contexts,
                    args.timeout * 1000,
                )
                batch = [x.load for x in sessions]
                out["browser_burst"][which] = {
                    "pages": args.pages,
                    "wall_ms": summary([x.wall_ms for x in batch if x.ok]),
                    "errors": errors(batch),
                }
                await close_sessions(sessions)
                log(f"{args.pages} browser pages at once, {which}: {len(errors(batch))} errors")
            out["rss_end_mb"] = {k: s.rss_mb() for k, s in pair.items()}
            await browser.close()
    return out


def deploy_part(args: argparse.Namespace, today: date, log) -> dict:
    """Issue 12's figures: flat cost under a flood, message sizes, capacity, bytes per first visit."""
    from bench import capacity, flood, messages, wire

    out: dict = {}
    fill = 400 if args.quick else 2000
    window = 50 if args.quick else 100
    flood_args = flood.parse(["--fill", str(fill), "--window", str(window), "--seed", str(args.seed + 7)])
    out["flood"] = flood.run(flood_args, log)
    with Servers(with_hello=False) as servers:
        out["messages"] = messages.run(servers.app, today)
    log(f"largest message sent: {out['messages']['largest_sent']:,} bytes")
    prompt = out["messages"]["cached_result_run"]
    last, gap = prompt["last_message_ms"], prompt["largest_gap_ms"]
    log(f"cached result run: last message after {last} ms, longest wait between two {gap} ms")
    rates = [4, 8, 12] if args.quick else list(capacity.DEFAULT_RATES)
    out["capacity"] = capacity.run(rates, 8 if args.quick else 20, log)
    if not args.no_browser:
        query = links.queries(1, today, seed=args.seed + 3, need_service=True)[0]
        out["wire"] = wire.run(query, rounds=2 if args.quick else 3)
        log(f"first visit via nginx: {out['wire']['result page via nginx']['transferred_kb']:,} KB")
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    busy_at_start = cpu_ticks()
    today = date.today()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    run: dict = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "label": args.label,
        "mode": "quick" if args.quick else "full",
        "machine": machine(),
        "settings": {k: v for k, v in vars(args).items() if k != "label"},
    }
    log("verdict: generating answer sets")
    queries = links.queries(args.answer_sets, today, seed=args.seed)
    run["verdict"], problems = domain.verdict_times(queries, today)
    run["verdict"]["link_problems"] = problems
    log(f"verdict: median {run['verdict']['median']:.3f} ms over {len(queries)}")
    run["build_result"] = domain.build_result_times(queries[: args.build_sets], today)
    log(f"build_result: median {run['build_result']['build_result']['median']:.1f} ms")
    if not args.no_browser:
        run["browser"] = asyncio.run(browser_part(args, today, log))
        run["ratios"] = ratios(run["browser"])
    if not args.no_deploy:
        run["deploy"] = deploy_part(args, today, log)
    run["duration_s"] = time.perf_counter() - started
    run["machine"]["load_avg_at_end"] = os.getloadavg()
    run["machine"]["cpu_busy_share_during_run"] = busy_share(busy_at_start)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{run['mode']}{'-' + args.label if args.label else ''}.json"
    for path in (RESULTS / name, RESULTS / "latest.json"):
        path.write_text(json.dumps(run, indent=2, default=str), encoding="utf-8")
    print(table(run))
    print(f"\nraw figures: {RESULTS / name}")
    return 0
