"""The general chronology's chart: every marker and label readable against the white page."""

from __future__ import annotations

import pytest

from kicheck.chronology import AXIS_TEXT, KIND_COLOURS, KIND_ORDER, chronology_chart, chronology_rows
from kicheck.texts import Texts
from tests.conftest import TODAY


def contrast_with_white(hex_colour: str) -> float:
    """WCAG's contrast ratio of a colour against white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize(
    ("colour", "readable"),
    [("#ffffff", False), ("#83c9ff", False), ("#777777", True), ("#000000", True)],  # the check itself
)
def test_contrast_check(colour, readable):
    """The contrast measure the colour test relies on tells light colours (unreadable under white text) from dark."""
    assert (contrast_with_white(colour) >= 4.4) is readable


def test_every_kind_has_a_colour_of_its_own_that_reads_on_white():
    """Graphics need 3:1 against their background (WCAG 1.4.11), text 4.5:1; the markers keep 4.5:1."""
    assert len(set(KIND_COLOURS)) == len(KIND_ORDER)
    assert min(contrast_with_white(c) for c in KIND_COLOURS) >= 4.5
    assert contrast_with_white(AXIS_TEXT) >= 4.5


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_chart_uses_those_colours_for_the_kinds_it_shows(kb, lang):
    """The chart maps each kind to its colour explicitly, not to the theme's (light) default palette."""
    t = Texts(kb, lang)
    spec = chronology_chart(chronology_rows(kb, t, TODAY), t).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["range"] == list(KIND_COLOURS)
    assert scale["domain"] == [t(f"kind.{k}") for k in KIND_ORDER]
    assert spec["encoding"]["x"]["axis"]["labelColor"] == AXIS_TEXT
    assert spec["mark"]["opacity"] == 1  # not Vega's 0.7 for filled points, which pales every colour
