"""The result page's cached chart: st.vega_lite_chart with the cached spec sends what st.altair_chart would.

ui/result_bundle.py converts the Altair chart once per answer set with Altair's public API (named data, Arrow
bytes) instead of Streamlit's private converter; this compares the two messages for generated answer sets.
"""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from bench.links import queries
from tests.conftest import TODAY

LINKS = queries(20, TODAY, seed=31, need_service=True)


def _both_charts(links: list[str], today_iso: str) -> None:
    """Each link's timeline chart twice: as st.altair_chart sends it, then from the cached payload."""
    from datetime import date

    import streamlit as st

    from kicheck import knowledge
    from kicheck.answers import decode_query
    from kicheck.outputs import build_result
    from ui.result_bundle import Bundle, timeline_chart, vega_lite_payload

    kb, today = knowledge.default(), date.fromisoformat(today_iso)
    for query in links:
        result = build_result(decode_query(query, today).answers, kb, today, f"http://x/result?{query}")
        st.altair_chart(result.chart, width="stretch", alt=query)
        spec, datasets = vega_lite_payload(result.chart)
        timeline_chart(Bundle(result.view, spec, datasets, result.table, result.markdown, result.ics), query)


def _comparable(chart) -> tuple[str, str, list[bytes]]:
    """A chart message without its dataset names (content hashes, computed differently by the two paths)."""
    proto = chart.proto
    spec = proto.spec
    for dataset in proto.datasets:
        spec = spec.replace(dataset.name, "DATASET")
    spec = re.sub(r'"(data-)?[0-9a-f]{32}"', '"DATASET"', spec)
    return (
        json.dumps(json.loads(spec), sort_keys=True),
        proto.alt,
        sorted(d.data.data for d in proto.datasets),
    )


def _rest(chart) -> bytes:
    proto = type(chart.proto)()
    proto.CopyFrom(chart.proto)
    proto.ClearField("spec")
    proto.ClearField("datasets")
    proto.ClearField("id")  # derived from the spec's text, which differs only in the dataset names
    return proto.SerializeToString(deterministic=True)


def test_the_cached_chart_sends_exactly_what_st_altair_chart_sends() -> None:
    """For 20 generated answer sets: same spec, same Arrow datasets, same alt text, same everything else."""
    at = AppTest.from_function(_both_charts, args=(LINKS, TODAY.isoformat()), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2 * len(LINKS)
    for altair, cached in zip(charts[::2], charts[1::2], strict=True):
        assert _comparable(cached) == _comparable(altair)
        assert cached.proto.datasets
        assert _rest(cached) == _rest(altair)  # every other field of the message (theme, selections, id)
