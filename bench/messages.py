"""The largest WebSocket message each page sends, in both languages: what server.maxMessageSize must allow.

A visitor (testkit/visitors.py) opens every page with the fullest link there is (every service, public, AI
chats, linked, both objections), and 200 generated result links; the largest message of each is recorded.
What a page receives is a rerun request (the link, at most nginx's 8 KB request line) or a widget change: a
few hundred bytes, also measured here (the rerun message for the longest link).

Also how promptly a page's messages leave: for a result link opened before (its result cached), the time
from the run's request to its last message and the longest wait between two messages, median of 20 visits.
With Nagle's algorithm on (Streamlit's connections before ui/tcp_nodelay.py) the messages after the chart's
large one waited ~40 ms for the visitor's delayed acknowledgement.
"""

from __future__ import annotations

import asyncio
import statistics
from datetime import date

from bench.lighthouse import RESULT_QUERY
from bench.servers import Server
from testkit import links, visitors

FULLEST = "v=1&lang={lang}&age=34&svc=fb,ig,th,wa,ms,app&pub=fb,ig,th&ai=fb,ig,wa,ms,app&linked=1" + (
    "&obj_fb=2025-07-01&obj_ig=2024-06-01"
)
PAGES = ("check", "result", "timeline", "sources")


async def _largest(base: str, page: str, query: str) -> int:
    visitor = visitors.Visitor()
    await visitors.visit(visitor, base, page, query, [], 60.0)
    await visitor.close()
    if not visitor.visit.ok:
        raise RuntimeError(f"{page}?{query}: {visitor.visit.error}")
    return visitor.visit.largest_message


async def _promptness(base: str, page: str = "result", query: str = RESULT_QUERY, visits: int = 20) -> dict:
    runs, gaps = [], []
    for _ in range(visits + 1):  # the first fills the result cache
        visitor = visitors.Visitor()
        await visitors.visit(visitor, base, page, query, [], 60.0)
        await visitor.close()
        if not visitor.visit.ok:
            raise RuntimeError(f"{page}?{query}: {visitor.visit.error}")
        runs.append(visitor.visit.run_ms)
        gaps.append(visitor.visit.largest_gap_ms)
    return {
        "visits": visits,
        "last_message_ms": round(statistics.median(runs[1:]), 1),
        "largest_gap_ms": round(statistics.median(gaps[1:]), 1),
    }


async def measure(server: Server, today: date, generated: int = 200) -> dict:
    out: dict = {"pages": {}, "cached_result_run": await _promptness(server.base)}
    for page in PAGES:
        for lang in ("de", "en"):
            query = FULLEST.format(lang=lang)
            out["pages"][f"{page} ({lang})"] = await _largest(server.base, page, query)
    queries = links.queries(generated, today, seed=21)
    sizes = [await _largest(server.base, "result", q) for q in queries]
    out["result_generated"] = {"links": len(sizes), "largest": max(sizes)}
    longest = max([*queries, FULLEST.format(lang="de")], key=len)
    out["largest_sent"] = max([*out["pages"].values(), max(sizes)])
    out["largest_received"] = len(visitors.rerun_message(server.base, "result", longest))
    return out


def run(server: Server, today: date) -> dict:
    return asyncio.run(measure(server, today))
