"""The golden corpus of share links: 500 varied v1 links and what they meant when recorded.

Recorded once, before the v1.1 codec change, from the code of that day (main 9669f55), with today fixed at
2026-11-29. tests/domain/test_golden_links.py checks that every link still decodes to the same answers and
gets the same verdict. Run from the project root:

    .venv/bin/python -m tests.golden.make_corpus            # record the corpus (only when there is none)
    .venv/bin/python -m tests.golden.make_corpus --update   # rewrite only the expected verdicts

`--update` is for a knowledge correction that changes verdicts on purpose: it keeps the links and their decoded
answers (the meaning of a link must never change) and records today's verdicts; say why in the commit message.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date
from pathlib import Path
from urllib.parse import quote

from kicheck import knowledge
from kicheck.answers import Answers
from kicheck.link import decode_query
from kicheck.verdict import decide

CORPUS = Path(__file__).with_name("links_v1.json")
TODAY = date(2026, 11, 29)
SIZE = 500
SEED = 20261129

SERVICES = ("fb", "ig", "th", "wa", "ms", "app")
PUBLIC_CAPABLE = ("fb", "ig", "th")
AI_CAPABLE = ("fb", "ig", "wa", "ms", "app")
AGES = [None, 0, 5, 12, 13, 15, 16, 17, 17, 18, 18, 19, 19, 20, 21, 25, 34, 45, 60, 80, 99, 120]
OBJECTION_DAYS = [
    date(2024, 1, 1),
    date(2024, 6, 10),
    date(2024, 12, 31),
    date(2025, 4, 14),
    date(2025, 5, 26),
    date(2025, 5, 27),
    date(2025, 7, 1),
    date(2026, 1, 15),
    date(2026, 11, 29),
]
HARMLESS_KEYS = [("utm_source", "newsletter"), ("fbclid", "IwAR0abc"), ("embed", "true"), ("ref", "x")]


# ---------------------------------------------------------------------------------------------- links


def _subset(rng: random.Random, codes: tuple[str, ...], p: float) -> list[str]:
    return [c for c in codes if rng.random() < p]


def _list_params(rng: random.Random, key: str, codes: list[str]) -> list[tuple[str, str]]:
    """A list written as commas, as repeated keys, or with a harmless repeat, in any order."""
    codes = list(codes)
    rng.shuffle(codes)
    style = rng.choice(["comma", "comma", "repeat", "dup"])
    if style == "repeat":
        return [(key, c) for c in codes]
    if style == "dup" and codes:
        return [(key, ",".join(codes)), (key, codes[0])]
    return [(key, ",".join(codes))]


def _optional_parts(rng: random.Random, services: list[str]) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    pub = _subset(rng, tuple(s for s in PUBLIC_CAPABLE if s in services or rng.random() < 0.05), 0.4)
    if pub:
        parts += _list_params(rng, "pub", pub)
    ai = _subset(rng, tuple(s for s in AI_CAPABLE if s in services or rng.random() < 0.05), 0.35)
    if ai:
        parts += _list_params(rng, "ai", ai)
    both = {"fb", "ig"} <= set(services)
    if rng.random() < (0.6 if both else 0.1):
        parts.append(("linked", rng.choice(["1", "1", "0"])))
    for service in ("fb", "ig"):
        if (service in services and rng.random() < 0.5) or rng.random() < 0.03:
            parts.append((f"obj_{service}", rng.choice(OBJECTION_DAYS).isoformat()))
    return parts


def _services(rng: random.Random) -> list[tuple[str, str]]:
    roll = rng.random()
    if roll < 0.04:
        return []  # no svc at all
    if roll < 0.1:
        return [("svc", "none")]
    chosen = _subset(rng, SERVICES, 0.45) or [rng.choice(SERVICES)]
    if roll < 0.35:  # Facebook and Instagram together: linked accounts and two objections
        chosen = sorted({"fb", "ig", *chosen})
    return _list_params(rng, "svc", chosen)


def random_link(rng: random.Random) -> str:
    parts: list[tuple[str, str]] = []
    if rng.random() < 0.7:
        parts.append(("v", "1"))
    if rng.random() < 0.8:
        parts.append(("lang", rng.choice(["de", "en"])))
    age = rng.choice(AGES) if rng.random() < 0.6 else rng.choice([None, rng.randint(0, 120)])
    if age is not None:
        parts.append(("age", str(age)))
        if age < 18 and rng.random() < 0.4:
            parts.append(("bd", "wrong"))
        elif rng.random() < 0.05:
            parts.append(("bd", rng.choice(["ok", "wrong"])))
    services = _services(rng)
    parts += services
    used = [c for _, v in services for c in v.split(",")]
    parts += _optional_parts(rng, used)
    if rng.random() < 0.05:
        parts.append(rng.choice(HARMLESS_KEYS))
    if rng.random() < 0.3:
        rng.shuffle(parts)
    return "&".join(f"{k}={quote(v, safe=',-')}" for k, v in parts)


def links(size: int = SIZE, seed: int = SEED) -> list[str]:
    """`size` distinct links, the same ones on every run."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < size:
        seen.setdefault(random_link(rng))
    return list(seen)


# ---------------------------------------------------------------------------------------------- records


def answers_json(a: Answers) -> dict:
    """The v1 answer fields as plain JSON (lists in canonical order, dates as ISO strings)."""
    return {
        "lang": a.lang,
        "age": a.age,
        "birthdate_wrong": a.birthdate_wrong,
        "services": [s for s in SERVICES if s in a.services],
        "public": [s for s in SERVICES if s in a.public],
        "ai": [s for s in SERVICES if s in a.ai],
        "linked": a.linked,
        "objections": {s: d.isoformat() for s, d in sorted(a.objections.items())},
    }


def answers_from_json(record: dict) -> Answers:
    return Answers(
        lang=record["lang"],
        age=record["age"],
        birthdate_wrong=record["birthdate_wrong"],
        services=frozenset(record["services"]),
        public=frozenset(record["public"]),
        ai=frozenset(record["ai"]),
        linked=record["linked"],
        objections={s: date.fromisoformat(d) for s, d in record["objections"].items()},
    )


def verdict_json(a: Answers, kb: knowledge.Knowledge) -> dict:
    """What the verdict says, as of TODAY: the status per service and the actions (with their services)."""
    v = decide(a, kb, TODAY)
    return {
        "statuses": {sv.service: sv.status.value for sv in v.services},
        "actions": [[act.id, list(act.services)] for act in v.actions],
    }


def record(query: str, kb: knowledge.Knowledge) -> dict:
    decoded = decode_query(query, TODAY)
    return {
        "query": query,
        "answers": answers_json(decoded.answers),
        "problems": [[p.key, p.reason] for p in decoded.problems],
        "verdict": verdict_json(decoded.answers, kb),
    }


def write(records: list[dict]) -> None:
    """One link per line, so a changed verdict shows as a one-line diff."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    CORPUS.write_text("[\n" + lines + "\n]\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the expected verdicts only")
    kb = knowledge.default()
    if parser.parse_args().update:
        records = json.loads(CORPUS.read_text(encoding="utf-8"))
        for r in records:
            r["verdict"] = verdict_json(answers_from_json(r["answers"]), kb)
    elif CORPUS.exists():
        # Recording again would take the answers from today's decoder: the very thing the corpus guards.
        raise SystemExit(
            f"{CORPUS} exists; --update records verdicts changed on purpose, answers never change"
        )
    else:
        records = [record(q, kb) for q in links()]
    write(records)
    print(f"{CORPUS}: {len(records)} links")


if __name__ == "__main__":
    main()
