"""The timeline chart's spec: it explains itself without hovering, on a phone, for every person."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kicheck.chart import MARKERS, PERIOD_COLOURS, SPARE_COLOURS, colour, timeline_chart
from kicheck.link import decode_query
from kicheck.personal_timeline import build
from kicheck.texts import Texts
from kicheck.verdict import decide
from tests.conftest import TODAY


def chart_for(kb, query: str, lang: str = "de") -> tuple[dict, object]:
    answers = decode_query(query, TODAY).answers
    t = Texts(kb, lang)
    timeline = build(decide(answers, kb, TODAY), t)
    return timeline_chart(timeline, t).to_dict(), timeline


def layers(spec: dict, mark: str) -> list[dict]:
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == mark]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # the story starts at the start of training, not at the first event of 2024
        ("age=34&svc=fb", date(2025, 5, 27)),
        # a 2024 objection starts it earlier
        ("age=34&svc=fb&obj_fb=2024-06-20", date(2024, 6, 20)),
        # without an account too
        ("svc=none", date(2025, 5, 27)),
    ],
)
def test_axis_starts_where_the_persons_story_starts(kb, query, first):
    spec, _ = chart_for(kb, query)
    start = date.fromisoformat(layers(spec, "bar")[0]["encoding"]["x"]["scale"]["domain"][0])
    assert 0 < (first - start).days <= 60


def test_every_line_and_bar_colour_is_in_a_legend(kb):
    """Each key date (start, objection, birthday range, today) and each period kind has a legend entry."""
    spec, timeline = chart_for(kb, "age=19&svc=fb,ig&obj_ig=2025-07-01")
    lines = layers(spec, "rule")[0]["encoding"]
    assert lines["stroke"]["legend"]["orient"] == "top"
    assert set(lines["stroke"]["scale"]["domain"]) == {m.label for m in timeline.markers if m.kind in MARKERS}
    band = layers(spec, "rect")[0]["encoding"]["stroke"]
    assert band["legend"] == lines["stroke"]["legend"]  # one merged legend, not a second one beside it
    bars = layers(spec, "bar")[0]["encoding"]["color"]
    assert bars["legend"]["orient"] == "bottom"
    assert set(bars["scale"]["domain"]) == {p.kind_label for p in timeline.periods}
    for legend in (lines["stroke"]["legend"], bars["legend"]):
        assert legend["labelLimit"] == 0 and legend["direction"] == "vertical"  # never cut, one a line


def test_general_events_are_left_to_the_chronology(kb):
    """Only the person's key dates are drawn: every line in the chart has a legend entry."""
    spec, timeline = chart_for(kb, "age=34&svc=fb")
    assert len(layers(spec, "rule")) == 1
    assert any(m.kind == "event" for m in timeline.markers)


def test_start_line_lies_under_an_objection_on_the_same_days(kb):
    """A wide pale start line drawn first, a narrow dashed objection line on top: both stay visible."""
    spec, _ = chart_for(kb, "age=34&svc=fb&obj_fb=2025-05-26")
    enc = layers(spec, "rule")[0]["encoding"]
    widths = dict(
        zip(enc["strokeWidth"]["scale"]["domain"], enc["strokeWidth"]["scale"]["range"], strict=True)
    )
    labels = enc["stroke"]["scale"]["domain"]
    assert labels.index("Trainingsbeginn") < labels.index("Ihr Widerspruch (Facebook)")
    assert widths["Trainingsbeginn"] > widths["Ihr Widerspruch (Facebook)"]


def test_no_account_still_gets_a_lane(kb):
    """Without an account the chart shows what others post about the person, not an empty frame."""
    spec, _ = chart_for(kb, "svc=none")
    bars = layers(spec, "bar")[0]["encoding"]
    assert bars["color"]["scale"]["domain"] == [Texts(kb, "de")("period.others")]
    assert bars["color"]["scale"]["range"] == [PERIOD_COLOURS["others"]]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_months_and_years_in_the_pages_language(kb, lang):
    """Axis labels name month and year (%b %Y) with the page's month names; Vega's English ARIA texts are off."""
    spec, _ = chart_for(kb, "age=34&svc=fb", lang)
    assert layers(spec, "bar")[0]["encoding"]["x"]["axis"]["format"] == "%b %Y"
    months = spec["config"]["locale"]["time"]["shortMonths"]
    assert months[4] == {"de": "Mai", "en": "May"}[lang] and months[6] == {"de": "Juli", "en": "Jul"}[lang]
    assert spec["config"]["axis"]["aria"] is False and spec["config"]["mark"]["aria"] is False
    # No description of its own: the page's alt text (in its language) is the chart's accessible name; both
    # at once make Streamlit log a warning with a stack trace on every render.
    assert "description" not in spec


def test_unknown_period_kinds_get_spare_colours(kb):
    """A period kind the chart does not know (the rules may add some) is drawn in a spare colour, not a crash."""
    assert colour("may_be_used", ["may_be_used", "new_kind"]) == PERIOD_COLOURS["may_be_used"]
    assert colour("later_kind", ["new_kind", "later_kind"]) == SPARE_COLOURS[1]
    _, timeline = chart_for(kb, "age=34&svc=fb")
    odd = replace(
        timeline,
        periods=tuple(replace(p, kind="disputed", kind_label="umstritten") for p in timeline.periods),
    )
    spec = timeline_chart(odd, Texts(kb, "de")).to_dict()
    assert layers(spec, "bar")[0]["encoding"]["color"]["scale"]["range"] == [SPARE_COLOURS[0]]
