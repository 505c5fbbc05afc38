"""Every persona in tests/scenarios/*.yaml gets the expected statuses and actions."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml

from kicheck.answers import decode_query
from kicheck.verdict import decide

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


@dataclass(frozen=True)
class Scenario:
    name: str
    about: str
    today: date
    link: str
    statuses: dict[str, str]
    actions: list[str]


def load_scenarios() -> list[Scenario]:
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text())
        out.append(
            Scenario(
                path.stem,
                raw["about"],
                raw["today"],
                raw["link"],
                raw["expect"]["statuses"],
                raw["expect"]["actions"],
            )
        )
    return out


ALL = load_scenarios()


def test_there_are_scenarios():
    """The folder is read (an empty folder would make the next test vacuous)."""
    assert len(ALL) >= 8


@pytest.mark.parametrize("scenario", ALL, ids=lambda s: s.name)
def test_scenario(scenario, kb):
    """The scenario's link gives exactly the expected statuses and actions."""
    decoded = decode_query(scenario.link, scenario.today)
    assert decoded.problems == ()
    verdict = decide(decoded.answers, kb, scenario.today)
    assert {v.service: v.status.value for v in verdict.services} == scenario.statuses
    assert [a.id for a in verdict.actions] == scenario.actions
