"""The golden corpus: 500 v1 links recorded before the v1.1 codec keep their answers and verdicts.

A link is a public contract: once shared, it must mean the same. The corpus (tests/golden/links_v1.json) was
recorded from the v1 code with today fixed at 2026-11-29; links without `d` are read as made today, so their
verdicts must not change either. When a knowledge correction changes verdicts on purpose, rerun
`python -m tests.golden.make_corpus --update` (it never rewrites the answers) and give the reason in the commit.
"""

import json

import pytest

from kicheck.link import decode_query
from tests.golden.make_corpus import CORPUS, SIZE, TODAY, answers_from_json, verdict_json

RECORDS = json.loads(CORPUS.read_text(encoding="utf-8"))
# Problems the v1.1 decoder adds on purpose (reported, never changing the answers): see README, share link.
NEW_NOTICES = {"unknown_key", "no_services"}


def test_corpus_is_complete():
    """The corpus holds the 500 distinct links it was recorded with."""
    assert len({r["query"] for r in RECORDS}) == SIZE == len(RECORDS)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["query"][:60])
def test_v1_link_keeps_its_answers(record):
    """Every recorded link decodes to the very same answers, and reports at least what it reported then."""
    decoded = decode_query(record["query"], TODAY)
    assert decoded.answers == answers_from_json(record["answers"])
    problems = [[p.key, p.reason] for p in decoded.problems]
    assert [p for p in problems if p[1] not in NEW_NOTICES] == record["problems"]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["query"][:60])
def test_v1_link_keeps_its_verdict(record, kb):
    """Every recorded link gets the same status per service and the same actions as when recorded."""
    answers = decode_query(record["query"], TODAY).answers
    assert verdict_json(answers, kb) == record["verdict"]
