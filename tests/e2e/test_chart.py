"""What only a browser shows of the timeline chart: each service gets its own lane."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ONE_LANE = "/result?v=1&lang=en&age=34&svc=fb&obj_fb=2025-07-01"
THREE_LANES = "/result?v=1&lang=en&age=34&svc=fb,ig,th&linked=1&obj_fb=2025-07-01"


def drawn_height(tab) -> float:
    chart = tab.key("timeline").get_by_test_id("stVegaLiteChart").locator("canvas, svg").first
    chart.wait_for(state="visible")
    return chart.bounding_box()["height"]


def test_lanes_are_drawn_apart(tab):
    """Three services draw a chart two lanes taller than one service (same legend), not one squashed line."""
    tab.open(ONE_LANE)
    one = drawn_height(tab)
    tab.open(THREE_LANES)
    three = drawn_height(tab)
    assert three - one >= 2 * 34 - 2, (one, three)
