"""What only a browser shows of the timeline chart (static SVG): each service gets its own lane, and its text
keeps a legible size on a phone and on a wide screen."""

from __future__ import annotations

import pytest

from ui.result_bundle import CHART_WIDTH, LABEL_SIZE, MAX_SCALE

pytestmark = pytest.mark.browser

ONE_LANE = "/result?v=1&lang=en&age=34&svc=fb&obj_fb=2025-07-01"
THREE_LANES = "/result?v=1&lang=en&age=34&svc=fb,ig,th&linked=1&obj_fb=2025-07-01"


def drawn(tab) -> dict:
    """The chart image's box on screen, once the browser has decoded its SVG (at CHART_WIDTH px)."""
    chart = tab.key("timeline").get_by_role("img")
    chart.wait_for(state="visible")
    assert chart.evaluate("img => img.complete && img.naturalWidth") == CHART_WIDTH
    return chart.bounding_box()


def test_lanes_are_drawn_apart(tab):
    """Three services draw a chart two lanes taller than one service (same legend), not one squashed line."""
    tab.open(ONE_LANE)
    one = drawn(tab)["height"]
    tab.open(THREE_LANES)
    three = drawn(tab)["height"]
    assert three - one >= 2 * 34 - 2, (one, three)


@pytest.mark.parametrize("width", [375, 1200])
def test_text_stays_legible(tab, width):
    """At 375 px the chart fits the column at (nearly) its own size; at 1200 px it grows, but at most MAX_SCALE."""
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.open(THREE_LANES)
    box = drawn(tab)
    assert box["width"] <= width
    scale = box["width"] / CHART_WIDTH  # the SVG's smallest text is LABEL_SIZE px at scale 1
    assert LABEL_SIZE * scale >= 11.4, box  # a phone must not shrink it
    assert scale <= MAX_SCALE + 0.01, box
