"""`make lighthouse`: the first impression through the project's nginx, side by side with a one-line page.

Lighthouse (npm, pinned in bench/lighthouse/package.json, installed into bench/lighthouse/node_modules, which
is not committed) drives Debian's /usr/bin/chromium (CHROME_PATH; nothing downloads a browser). Mobile, its
default: a simulated slow 4G and a mid-range phone. Each URL is audited once, by a host name (`localhost`, so
the browser sends `Host: localhost:PORT` as for any named host, and counts as a secure context as a public
https host would), through deploy/nginx.conf in front of one replica, and the floor (`st.write("hello")`)
behind its own copy of the same nginx. The floor's page document is Streamlit's own (`page_heads=False`): our
page heads put the app's German words into #root, which paint before any script runs, so a floor with them
would be measured with our own speed-up. For comparison, the floor with our page heads is audited too
("floor_heads"). Then the time until the verdict is visible in Chromium (as in `make bench`, but through
nginx), interleaved with both floors. With `--before DIR` (a checkout of an earlier commit, e.g. made by
`git worktree add /tmp/before <commit>`), that tree's app runs too, behind its own copy of the same nginx: its
result page is audited and its verdict time measured in the same rounds, so before and after come from one
run on one machine.

    python -m bench.lighthouse [--rounds 6] [--label after] [--before /tmp/before]

Not a test: figures on a shared 2-core machine move; compare within one run. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

from bench.servers import ROOT, Servers
from bench.wire import Nginx

LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RESULT_QUERY = "v=1.1&lang=de&age=37&svc=fb,ig,wa&pub=fb&ai=wa&obj_fb=2025-07-14"
PAGES = {"start": "/", "result": f"/result?{RESULT_QUERY}", "timeline": "/timeline", "sources": "/sources"}
METRICS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "transfer_kib": "total-byte-weight",
}


def install() -> None:
    """npm's own client, into bench/lighthouse/node_modules; Puppeteer's browser download switched off."""
    if LIGHTHOUSE.exists():
        return
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1"}
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=LIGHTHOUSE_DIR,
        env=env,
        check=True,
    )


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile defaults): scores, the audits that lost points, three metrics."""
    env = {**os.environ, "CHROME_PATH": str(CHROME)}
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
    args = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet"]
    args += [f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.exists():
        return {"error": (done.stderr or done.stdout)[-800:]}
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    figures: dict = {
        "scores": {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES},
        "metrics": {
            name: round(audits[audit]["numericValue"] / (1024 if name.endswith("kib") else 1))
            for name, audit in METRICS.items()
        },
    }
    lost = []
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{category}: {ref['id']}")
    figures["lost"] = lost
    errors = audits.get("errors-in-console", {}).get("details", {}).get("items", [])
    figures["console_errors"] = [f"{e.get('source')}: {str(e.get('description'))[:120]}" for e in errors]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    biggest = sorted(requests, key=lambda r: -(r.get("transferSize") or 0))[:4]
    figures["largest"] = [
        (round((r.get("transferSize") or 0) / 1024), r["url"].rsplit("/", 1)[-1]) for r in biggest
    ]
    return figures


def verdict_times(
    app_base: str, floor_bases: dict[str, str], rounds: int, before_base: str | None = None
) -> dict:
    """Navigation start to the verdict cards visible, through nginx, interleaved with each floor's text shown
    (fresh context per load, as in `make bench`); ratios to each floor (and the earlier tree's, if given)."""
    from bench.browser import Target, async_playwright, fresh_load, launch
    from bench.cli import expected_cards

    cards = expected_cards(RESULT_QUERY, date.today())
    targets = {"result": Target(f"{app_base}/result?{RESULT_QUERY}", cards)}
    if before_base:
        targets["result_before"] = Target(f"{before_base}/result?{RESULT_QUERY}", cards)
    for name, base in floor_bases.items():
        targets[name] = Target(f"{base}/", (("[data-testid='stMarkdownContainer']", "hello"),))

    async def run() -> dict:
        async with async_playwright() as pw:
            browser = await launch(pw)
            times: dict[str, list[float]] = {name: [] for name in targets}
            errors = []
            for _ in range(rounds):
                for name, target in targets.items():
                    load = await fresh_load(browser, target)
                    if load.ok:
                        times[name].append(load.in_page_ms)
                    else:
                        errors.append(load.error)
            await browser.close()
        medians = {name: round(statistics.median(t)) if t else None for name, t in times.items()}
        ratios = {
            f"{result}_to_{name}": round(medians[result] / medians[name], 2)
            for result in ("result", "result_before")
            for name in floor_bases
            if medians.get(result) and medians[name]
        }
        return {"median_ms": medians, **ratios, "errors": errors}

    return asyncio.run(run())


def warm(url: str) -> None:
    """A first request, so no audit pays a replica's cold start (nginx copies the static files then)."""
    with urllib.request.urlopen(url, timeout=60) as reply:
        reply.read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6, help="A/B rounds of the verdict time (default 6)")
    parser.add_argument("--label", default="", help="a name for this run in the results file")
    parser.add_argument("--before", type=Path, help="a checkout of an earlier commit, measured alongside")
    args = parser.parse_args(argv)
    install()
    tmp = Path(tempfile.mkdtemp(prefix="meta-ki-lighthouse-"))
    reports = ROOT / "bench" / "results" / f"lighthouse-{args.label or time.strftime('%Y%m%d-%H%M%S')}"
    reports.mkdir(parents=True, exist_ok=True)  # each page's whole Lighthouse report, for a closer look
    fronts: list[Nginx] = []
    out: dict = {"label": args.label, "lighthouse": {}}
    try:
        with Servers(before=args.before) as servers:
            fronts_for = [
                (servers.app, "app", True),
                (servers.hello, "floor", False),  # Streamlit's own page document: the fair floor
                (servers.hello, "floor_heads", True),  # the same page with our page heads, for comparison
            ]
            if servers.before is not None:
                fronts_for.append((servers.before, "before", True))
            for server, name, heads in fronts_for:
                fronts.append(Nginx(f"127.0.0.1:{server.port}", tmp / f"nginx-{name}", page_heads=heads))
                fronts[-1].start()
            app, floor, floor_heads, *earlier = (f"http://localhost:{front.port}" for front in fronts)
            before = earlier[0] if earlier else None
            floors = {"floor": floor, "floor_heads": floor_heads}
            targets = {name: app + path for name, path in PAGES.items()}
            if before:
                targets["result_before"] = before + PAGES["result"]
            targets |= {name: base + "/" for name, base in floors.items()}
            for url in targets.values():
                warm(url)
            # One Chromium page load first, so the lazily loaded chunks are in nginx's copy for every audit.
            out["verdict_time"] = verdict_times(app, floors, 1, before)
            for name, url in targets.items():
                started = time.monotonic()
                out["lighthouse"][name] = lighthouse(url, reports / f"{name}.json")
                out["lighthouse"][name]["seconds"] = round(time.monotonic() - started)
                print(name, json.dumps(out["lighthouse"][name]), flush=True)
            out["verdict_time"] = verdict_times(app, floors, args.rounds, before)
    finally:
        for front in fronts:
            front.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    summary = ["verdict_time"]
    for result in ("result", "result_before"):
        result_metrics = out["lighthouse"].get(result, {}).get("metrics", {})
        for floor_name in ("floor", "floor_heads"):
            floor_metrics = out["lighthouse"][floor_name].get("metrics", {})
            if result_metrics:
                out[f"{result}_to_{floor_name}"] = {
                    name: round(result_metrics[name] / floor_metrics[name], 2)
                    for name in METRICS
                    if floor_metrics.get(name) and name in result_metrics
                }
                summary.append(f"{result}_to_{floor_name}")
    print(json.dumps({k: out[k] for k in summary}, indent=1))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (results / f"{stamp}-lighthouse{'-' + args.label if args.label else ''}.json").write_text(
        json.dumps(out, indent=1), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
