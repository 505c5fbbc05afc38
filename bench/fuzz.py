"""`make fuzz`: generated link maps through the decoder and the whole result build; an exception fails it.

A link map is what the page hands the decoder: every key of the link with all its values. Maps come from a
seeded generator: real share links, real links with values swapped, dropped or repeated, and hostile ones
(unknown keys, empty, huge, control characters, markup, impossible dates, numbers out of range, Unicode
digits, many repeats). Each map goes through kicheck.link.decode, and every distinct answer set it yields
through kicheck.outputs.build_result
(verdict, view, timeline, chart, table, Markdown, .ics) as the page would.

    python -m bench.fuzz [--maps 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from datetime import date, timedelta
from urllib.parse import parse_qsl

from bench.links import queries
from kicheck import knowledge
from kicheck.link import ANSWER_KEYS, decode, result_path
from kicheck.outputs import build_result

KEYS = (*ANSWER_KEYS, "v", "lang", "d", "k", "linked", "obj_th", "obj_wa", "utm_source", "", "svc[]", "AGE")
TOKENS = (
    "fb",
    "ig",
    "th",
    "wa",
    "ms",
    "app",
    "none",
    "1",
    "0",
    "unknown",
    "ok",
    "wrong",
    "de",
    "en",
    "before-start",
)
HOSTILE = (
    "",
    " ",
    ",",
    ",,fb,,",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "**bold**",
    "\x00\x01\x1b[31m",
    "\u202eevil",
    "١٢",  # Arabic-Indic digits
    "３４",  # full-width digits
    "-1",
    "121",
    "999999999999999999999",
    "1e3",
    "NaN",
    "2025-02-30",
    "2025-13-01",
    "0000-00-00",
    "9999-12-31",
    "2025-5-7",
    "%00",
    "fb;ig",
    "FB",
    "x" * 5000,
)


def _value(rng: random.Random, today: date) -> str:
    roll = rng.random()
    if roll < 0.35:
        return ",".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 4)))
    if roll < 0.55:
        return (date(2023, 1, 1) + timedelta(days=rng.randint(0, 1500))).isoformat()
    if roll < 0.7:
        return str(rng.randint(-5, 130))
    if roll < 0.95:
        return rng.choice(HOSTILE)
    return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 30)))


def _mutate(rng: random.Random, pairs: list[tuple[str, str]], today: date) -> list[tuple[str, str]]:
    out = list(pairs)
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.3 and out:
            out.pop(rng.randrange(len(out)))
        elif kind < 0.6 and out:
            i = rng.randrange(len(out))
            out[i] = (out[i][0], _value(rng, today))
        elif kind < 0.8 and out:
            out.append(rng.choice(out))  # a repeat, possibly differing after a later change
        else:
            out.append((rng.choice(KEYS), _value(rng, today)))
    return out


def link_maps(count: int, today: date, seed: int) -> list[dict[str, list[str]]]:
    """`count` link maps: a third real links, a third mutated real links, a third hostile from scratch."""
    rng = random.Random(seed)
    real = [parse_qsl(q, keep_blank_values=True) for q in queries(max(1, count // 3), today, seed=seed)]
    maps = []
    for i in range(count):
        kind = i % 3
        if kind == 0:
            pairs = real[i // 3 % len(real)]
        elif kind == 1:
            pairs = _mutate(rng, rng.choice(real), today)
        else:
            pairs = [(rng.choice(KEYS), _value(rng, today)) for _ in range(rng.randint(0, 12))]
        grouped: dict[str, list[str]] = {}
        for key, value in pairs:
            grouped.setdefault(key, []).append(value)
        maps.append(grouped)
    return maps


def run(count: int, seed: int, today: date | None = None, out=sys.stdout) -> Counter:
    """Decode every map and build every distinct result; the counts, with `exceptions` among them."""
    today = today or date.today()
    kb = knowledge.default()
    counts: Counter = Counter()
    built: set = set()
    for link_map in link_maps(count, today, seed):
        counts["maps"] += 1
        try:
            decoded = decode(link_map, today)
            counts["problems"] += len(decoded.problems) + decoded.more_problems
            counts["maps_with_problems"] += bool(decoded.problems or decoded.more_problems)
            if not decoded.given or decoded.answers in built:
                continue
            built.add(decoded.answers)
            link = "https://meta-ki-check.example" + result_path(decoded.answers)
            build_result(decoded.answers, kb, today, link)
            counts["results_built"] += 1
        except Exception:  # the point of a fuzzer: count and show, never stop
            counts["exceptions"] += 1
            if counts["exceptions"] <= 5:
                print(f"EXCEPTION for {link_map!r}:\n{traceback.format_exc()}", file=out)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = run(args.maps, args.seed)
    print(
        f"fuzz: {counts['maps']:,} link maps (seed {args.seed}),"
        f" {counts['maps_with_problems']:,} with problems ({counts['problems']:,} problems listed),"
        f" {counts['results_built']:,} distinct results built,"
        f" {counts['exceptions']} exceptions, {time.perf_counter() - started:.0f} s"
    )
    return 1 if counts["exceptions"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
