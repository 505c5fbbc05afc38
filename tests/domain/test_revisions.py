"""Each correction of knowledge v2 (FACTS.md "Revisions" R1-R8 and the new events) holds in data/.

One row per correction: what the knowledge must say. Wording that must no longer appear anywhere (R1's
"seitdem geschützt", R4's "holds at 18", R5's "Lives") is a content check over every text:
tests/content/checks.py NEVER_SAYS. The verdict and scenario tests check how the rules use the knowledge.
"""

from datetime import date

import pytest


def claim_sources(fact):
    return {s for c in fact.claims for s in c.sources}


def event_on(kb, day):
    return next(e for e in kb.events if e.date == day)


def texts(kb, *ids):
    """The German and English texts of facts and actions, lower-cased, for wording checks."""
    out = []
    for i in ids:
        record = kb.facts.get(i) or kb.actions[i]
        parts = (record.text,) if hasattr(record, "text") else (record.title, record.why, record.details)
        parts = [p for p in parts if p is not None]
        out += [p.de.lower() + " " + p.en.lower() for p in parts]
    return " ".join(out)


REVISIONS = {
    # R1: late objection: Bremen and the consumer centres against Meta's wording, shown as unclear
    "R1 both sides of a late objection": lambda kb: (
        kb.facts["F16"].confidence == "unclear"
        and {"S21", "S22"} <= claim_sources(kb.facts["F16"])
        and "S21" in kb.facts["F15"].sources
    ),
    # R2: Messenger and Meta AI app follow the FB/IG objection (reported); WhatsApp unclear
    "R2 Messenger and app chats reported": lambda kb: (
        kb.facts["F20"].confidence == "reported" and "S22" in kb.facts["F20"].sources
    ),
    "R2 WhatsApp unclear with both readings": lambda kb: (
        kb.facts["F25"].confidence == "unclear" and len(kb.facts["F25"].claims) >= 2
    ),
    # R3: no AI-specific form, a general route linked with 'not stated', deleting vs asking to delete
    "R3 general WhatsApp route linked": lambda kb: (
        "wa_data_request" in kb.actions["wa_general_objection"].forms
        and "nicht gesagt" in kb.forms["wa_data_request"].requires.de
    ),
    "R3 /reset-ai reported": lambda kb: (
        kb.facts["F27"].confidence == "reported" and "/reset-ai" in texts(kb, "F27", "wa_delete_chats")
    ),
    # (the third-party form may say it has none: this is about WhatsApp's texts only)
    "R3 never 'no form at all'": lambda kb: "kein widerspruchsformular" not in texts(kb, "F17", "wa_stop_ai"),
    # R4: no claim that an objection before 18 holds at 18; minors' chats unclear
    "R4 says no source says it holds at 18": lambda kb: "sagt keine quelle" in texts(kb, "object_minor"),
    "R4 minors' chats unclear": lambda kb: kb.facts["F28"].confidence == "unclear",
    # R6: 2024-06-14 paused plans, training had not started
    "R6 a pause of plans": lambda kb: "plans" in event_on(kb, date(2024, 6, 14)).title.en,
    # S1 / S5-S6 / S23
    "S1 is Meta's newsroom": lambda kb: (
        kb.sources["S1"].url.startswith("https://about.fb.com/") and kb.sources["S1"].mirror is not None
    ),
    "S6 is S5": lambda kb: kb.sources["S6"].same_as == "S5",
    "ad personalisation rests on S23": lambda kb: (
        # R16 (knowledge v3): Switzerland reportedly excluded too, by one report
        event_on(kb, date(2025, 10, 1)).sources == ("S23", "ADS_CH_EXCLUDED") and "S17" in kb.retired_sources
    ),
    # R7: practical tips in the actions that apply
    "R7 tips": lambda kb: (
        kb.facts["F29"].confidence == "confirmed"
        and "F29" in kb.actions["object_service"].facts
        and "F29" in kb.actions["hide_or_delete"].facts
        and "e-mail" in texts(kb, "object_service")
    ),
    # R8: the complaint action names the competent authorities; the authorities are data
    "R8 competent authority named": lambda kb: (
        "hamburg" in texts(kb, "complain_dpa")
        and "dpc" in texts(kb, "complain_dpa")
        and len(kb.authorities) == 46
    ),
}


@pytest.mark.parametrize("check", REVISIONS.values(), ids=REVISIONS.keys())
def test_revision_holds(kb, check):
    """The correction named by the row's id holds in data/ (FACTS.md's Revisions)."""
    assert check(kb)


NEW_EVENTS = [
    (date(2025, 10, 1), "confirmed", "16 December 2025"),
    (date(2025, 11, 19), "reported", "Digital Omnibus"),
    (date(2026, 1, 8), "confirmed", "4,220"),
    (date(2026, 2, 23), "reported", "not a recommendation"),
    (date(2026, 4, 16), "reported", "camera-roll"),
]


@pytest.mark.parametrize(("day", "confidence", "words"), NEW_EVENTS, ids=[str(d) for d, _, _ in NEW_EVENTS])
def test_new_event_is_sourced(kb, day, confidence, words):
    """Each new event of the freshness list is in the chronology, with its sources and confidence."""
    event = event_on(kb, day)
    assert event.confidence == confidence and event.sources
    assert words in event.title.en


def test_status_line_no_main_judgment(kb):
    """The courts' status is data with a date and sources, not prose in a page."""
    status = kb.meta.proceedings
    assert status.as_of == date(2026, 12, 4) and status.sources  # knowledge v3
    assert "no judgment in a main proceeding" in status.text.en
