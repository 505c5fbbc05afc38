"""A sample of `make fuzz` in every test run: generated link maps never make decode or the result build raise."""

from __future__ import annotations

from io import StringIO

import pytest

from tests.conftest import TODAY
from tests.fuzz import link_maps as fuzz

pytestmark = pytest.mark.timeout(300)


def test_300_generated_link_maps_decode_and_build_without_an_exception() -> None:
    """Real, mutated and hostile link maps: 0 exceptions; the hostile ones were noticed (problems listed)."""
    report = StringIO()
    counts = fuzz.run(300, seed=12, today=TODAY, out=report)
    assert counts["exceptions"] == 0, report.getvalue()
    assert counts["maps"] == 300
    assert counts["maps_with_problems"] >= 100  # the generator does produce broken links
    assert counts["results_built"] >= 100  # and most of them still lead to a page


def test_the_fuzzer_reports_an_exception_it_meets(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that raises is counted and shown, not swallowed (so a clean run means something)."""

    def broken(*args, **kwargs):
        raise ValueError("broken on purpose")

    monkeypatch.setattr(fuzz, "build_result", broken)
    report = StringIO()
    counts = fuzz.run(30, seed=12, today=TODAY, out=report)
    assert counts["exceptions"] > 0
    assert "broken on purpose" in report.getvalue()
