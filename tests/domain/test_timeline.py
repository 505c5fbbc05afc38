"""The timeline rows: general events, the start, the person's dates, today, and per service its periods."""

from datetime import date

import pytest

from kicheck.link import decode_query
from kicheck.personal_timeline import build
from kicheck.texts import Texts
from kicheck.verdict import decide
from tests.conftest import TODAY

START = date(2025, 5, 27)


def timeline(query, kb, lang="en"):
    answers = decode_query(query + f"&lang={lang}", TODAY).answers
    return build(decide(answers, kb, TODAY), Texts(kb, lang))


def periods(query, kb):
    return [(p.service, p.kind, p.start, p.end) for p in timeline(query, kb).periods]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # in use: from the start to today
        ("age=34&svc=fb", [("fb", "may_be_used", START, TODAY)]),
        # partly: used until the objection; after it no clean "protected": earlier content disputed, new
        # content kept out (R1)
        (
            "age=34&svc=ig&obj_ig=2025-07-01",
            [
                ("ig", "may_be_used", START, date(2025, 7, 1)),
                ("ig", "earlier_disputed", date(2025, 7, 1), TODAY),
                ("ig", "new_protected", date(2025, 7, 1), TODAY),
            ],
        ),
        # protected: from the objection on
        ("age=34&svc=fb&obj_fb=2025-01-10", [("fb", "protected", date(2025, 1, 10), TODAY)]),
        # before the start, day unknown: protected from the start on, never from a made-up day
        ("age=34&svc=fb&obj_fb=before-start", [("fb", "protected", START, TODAY)]),
        # not affected: the whole time since the start
        ("age=15&svc=ig", [("ig", "not_affected", START, TODAY)]),
        # a minor who chats with Meta AI: public content not affected, the chats unclear (R4)
        ("age=15&svc=ig&ai=ig", [("ig", "chats_unclear", START, TODAY)]),
        # ... and where the chats are all there is (status Unclear): the same lane, nothing drawn as used
        ("age=16&svc=wa&ai=wa", [("wa", "chats_unclear", START, TODAY)]),
        (
            "age=15&svc=ms,app&ai=ms",
            [("ms", "chats_unclear", START, TODAY), ("app", "not_affected", START, TODAY)],
        ),
        # 19: possibly used from the start until the latest possible 18th birthday, then used
        (
            "age=19&svc=fb",
            [
                ("fb", "possibly_used", START, date(2025, 11, 29)),
                ("fb", "may_be_used", date(2025, 11, 29), TODAY),
            ],
        ),
        # 18 with an objection inside the birthday range: it may have come before 18, so it is not counted
        # (R4) and no lane shows it as keeping anything out
        (
            "age=18&svc=fb&obj_fb=2026-03-01",
            [("fb", "possibly_used", date(2025, 11, 30), TODAY)],
        ),
        # 19 with an objection after the latest possible 18th birthday: birthday range, used, then two lanes
        (
            "age=19&svc=fb&obj_fb=2026-03-01",
            [
                ("fb", "possibly_used", date(2025, 5, 27), date(2025, 11, 29)),
                ("fb", "may_be_used", date(2025, 11, 29), date(2026, 3, 1)),
                ("fb", "earlier_disputed", date(2026, 3, 1), TODAY),
                ("fb", "new_protected", date(2026, 3, 1), TODAY),
            ],
        ),
    ],
)
def test_periods_per_service(query, expected, kb):
    """Each status becomes its lane's periods."""
    assert periods(query, kb) == expected


def test_markers_hold_events_start_objections_birthday_and_today(kb):
    """Marked dates: the general events, the start, the person's objections, the 18th-birthday range, today."""
    tl = timeline("age=19&svc=fb,ig&obj_fb=2025-07-01", kb)
    kinds = [m.kind for m in tl.markers]
    assert kinds.count("event") == len([e for e in kb.events if e.kind != "start"])
    assert kinds.count("start") == 1 and kinds.count("today") == 1 and kinds.count("objection") == 1
    birthday = next(m for m in tl.markers if m.kind == "birthday")
    assert (birthday.start, birthday.end) == (START, date(2025, 11, 29))
    assert [m.start for m in tl.markers] == sorted(m.start for m in tl.markers)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        # 19: the birthday may have come before the start (from 30 Nov 2024): the range drawn begins at the
        # start, so it marks "birthday or start", never "your birthday" alone
        (
            "age=19&svc=fb",
            "18th birthday or start of training",
        ),
        # 18: the whole birthday range lies after the start
        ("age=18&svc=fb", "Your 18th birthday (somewhere here)"),
    ],
)
def test_birthday_marker_says_what_its_range_is(query, label, kb):
    birthday = next(m for m in timeline(query, kb, "en").markers if m.kind == "birthday")
    assert birthday.label == label


def test_late_objection_has_a_lane_for_earlier_and_for_new_content(kb):
    """R1: the chart never draws a clean "protected" period after a late objection; the lanes say which content."""
    tl = timeline("age=34&svc=ig&obj_ig=2025-07-01", kb, "de")
    assert [(p.lane, p.kind_label) for p in tl.periods] == [
        ("Instagram: vorher", "kann genutzt werden"),
        (
            "Instagram: vorher",
            "evtl. weiter genutzt (umstritten)",
        ),
        ("Instagram: neu", "außen vor"),
    ]
    assert "protected" not in {p.kind for p in tl.periods}


def test_day_unknown_objection_has_no_marker(kb):
    """An objection before the start on an unknown day is not drawn on the placeholder day."""
    kinds = [m.kind for m in timeline("age=34&svc=fb,ig&obj_fb=before-start&obj_ig=2025-07-01", kb).markers]
    assert kinds.count("objection") == 1


def test_labels_follow_the_language(kb):
    """Chart labels and dates are translated."""
    de = timeline("age=34&svc=fb", kb, "de")
    assert de.periods[0].kind_label == "kann genutzt werden"
    assert de.periods[0].date_text == "27. Mai 2025 – 29. November 2026"
    en = timeline("age=34&svc=fb", kb, "en")
    assert en.periods[0].date_text == "27 May 2025 – 29 November 2026"
    assert any(m.label == "Training starts" for m in en.markers)
