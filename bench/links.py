"""Valid, varied answer sets as share-link query strings, generated deterministically from a seed."""

from __future__ import annotations

import random
from datetime import date, timedelta

from kicheck.answers import (
    AI_CAPABLE,
    EARLIEST_OBJECTION,
    OBJECTION_CAPABLE,
    PUBLIC_CAPABLE,
    SERVICES,
    Answers,
)
from kicheck.link import encode


def _subset(rng: random.Random, pool: tuple[str, ...] | list[str], p: float) -> frozenset[str]:
    return frozenset(code for code in pool if rng.random() < p)


def random_answers(rng: random.Random, today: date, *, need_service: bool = False) -> Answers:
    """One consistent answer set: every value is one the questionnaire could have produced."""
    roll = rng.random()
    if roll < 0.1:
        age = None
    elif roll < 0.3:
        age = rng.randint(12, 17)  # minors: the 18th birthday is a range, often inside the window
    else:
        age = rng.randint(18, 90)
    services = _subset(rng, SERVICES, rng.choice((0.25, 0.5, 0.8)))
    if need_service and not services:
        services = frozenset({rng.choice(SERVICES)})
    public = _subset(rng, [s for s in PUBLIC_CAPABLE if s in services], 0.5)
    ai = _subset(rng, [s for s in AI_CAPABLE if s in services], 0.4)
    span = (today - EARLIEST_OBJECTION).days
    objections = {
        s: EARLIEST_OBJECTION + timedelta(days=rng.randint(0, span))
        for s in OBJECTION_CAPABLE
        if s in services and rng.random() < 0.45
    }
    return Answers(
        lang=rng.choice(("de", "en")),
        age=age,
        birthdate_wrong=age is not None and age < 18 and rng.random() < 0.2,
        services=services,
        public=public,
        ai=ai,
        linked={"fb", "ig"} <= services and rng.random() < 0.5,
        objections=objections,
    )


def queries(count: int, today: date, *, seed: int, need_service: bool = False) -> list[str]:
    """`count` distinct canonical query strings (without '?'); the same seed gives the same list."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    for _ in range(count * 20):  # bounded: distinct sets are plentiful, this never runs out in practice
        if len(seen) == count:
            break
        seen.setdefault(encode(random_answers(rng, today, need_service=need_service)))
    if len(seen) < count:
        raise RuntimeError(f"only {len(seen)} distinct answer sets for {count} wanted")
    return list(seen)
