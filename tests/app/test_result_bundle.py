"""The result page's cached chart: the static SVG drawn on the server says all that the Vega-Lite chart says.

ui/result_bundle.py draws the Altair chart once per answer set as SVG, so that the browser never loads Vega's
code. For generated answer sets this checks the drawing against the chart's own spec: every lane, every
legend entry (bar colours and lines), the months in the page's language, and no script.
"""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from bench.links import queries
from kicheck import knowledge
from kicheck.link import decode_query
from kicheck.outputs import build_result
from tests.app.conftest import SVG, svg_texts
from tests.conftest import TODAY
from ui.result_bundle import CHART_WIDTH, LABEL_SIZE, chart_svg

LINKS = queries(20, TODAY, seed=31, need_service=True)


def _spec_and_svg(query: str) -> tuple[dict, ElementTree.Element]:
    answers = decode_query(query, TODAY).answers
    result = build_result(answers, knowledge.default(), TODAY, f"http://x/result?{query}")
    return result.chart.to_dict(), ElementTree.fromstring(chart_svg(result.chart))


def _legends(spec: dict) -> list[list[str]]:
    """What each legend must list, from the spec: the lines' labels (key dates), then the bar colours."""
    layers = spec["layer"]
    lines = next(layer for layer in layers if layer["mark"]["type"] == "rule")["encoding"]["stroke"]
    bars = next(layer for layer in layers if layer["mark"]["type"] == "bar")["encoding"]["color"]
    return [
        [*lines["scale"]["domain"], lines["title"]],
        [*bars["scale"]["domain"], bars["title"]],
    ]


@pytest.mark.parametrize("query", LINKS)
def test_the_svg_shows_every_lane_and_legend_entry_of_the_chart(query: str) -> None:
    spec, svg = _spec_and_svg(query)
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    months, lanes = svg_texts(svg, "axis-label")
    assert lanes == bars["encoding"]["y"]["sort"]
    assert svg_texts(svg, "legend") == _legends(spec)
    names = spec["config"]["locale"]["time"]["months"]  # the page's language, never Vega's English
    assert months and all(month.rsplit(" ", 1)[0] in names for month in months), (names, months)
    assert svg.get("width") == str(CHART_WIDTH)
    sizes = {float(t.get("font-size", "0").removesuffix("px")) for t in svg.iter(f"{SVG}text")}
    assert min(sizes) >= LABEL_SIZE, sizes  # no text smaller than the labels
    assert not [el for el in svg.iter() if el.tag.removeprefix(SVG) in {"script", "foreignObject"}]
