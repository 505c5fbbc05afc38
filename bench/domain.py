"""In-process: decode a link, decide, build the timeline table; and the whole result per answer set."""

from __future__ import annotations

import gc
import time
from datetime import date

from bench.stats import summary
from kicheck import knowledge
from kicheck.link import decode_query
from kicheck.personal_timeline import build
from kicheck.texts import Texts
from kicheck.verdict import decide


def verdict_times(queries: list[str], today: date, warmup: int = 200) -> tuple[dict, int]:
    """Per answer set: decode_query + decide + timeline.build (with its Texts), in milliseconds."""
    kb = knowledge.default()
    problems = 0

    def one(query: str) -> None:
        nonlocal problems
        decoded = decode_query(query, today)
        verdict = decide(decoded.answers, kb, today)
        build(verdict, Texts(kb, decoded.answers.lang))
        problems += len(decoded.problems)

    for query in queries[:warmup]:  # first calls load Babel's locale data: not what a visitor waits for
        one(query)
    problems = 0
    times = []
    clock = time.perf_counter_ns
    for query in queries:
        start = clock()
        one(query)
        times.append((clock() - start) / 1e6)
    return summary(times), problems


def build_result_times(queries: list[str], today: date, link_base: str = "http://127.0.0.1:8501") -> dict:
    """Per answer set: kicheck.outputs.build_result (view, timeline, chart, table, Markdown, .ics)."""
    from kicheck.outputs import build_result

    kb = knowledge.default()
    build_result(decode_query(queries[0], today).answers, kb, today, link_base)  # imports, first chart
    out: dict[str, dict] = {}
    results = []
    times = []
    for query in queries:
        answers = decode_query(query, today).answers
        start = time.perf_counter_ns()
        results.append(build_result(answers, kb, today, f"{link_base}/result?{query}"))
        times.append((time.perf_counter_ns() - start) / 1e6)
    out["build_result"] = summary(times)
    out["chart_to_svg"] = _svg_times([r.chart for r in results])
    gc.collect()
    return out


def _svg_times(charts: list) -> dict:
    """What the result page caches per answer set: the chart drawn as SVG (after one warm-up conversion)."""
    from ui.result_bundle import chart_svg

    chart_svg(charts[0])  # the converter's first call starts its engine (~0.5 s, once per process)
    times = []
    for chart in charts:
        start = time.perf_counter_ns()
        chart_svg(chart)
        times.append((time.perf_counter_ns() - start) / 1e6)
    return summary(times)
