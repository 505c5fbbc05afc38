"""Every persona in tests/scenarios/*.yaml gets the expected statuses and actions (and, where the file says so,
the expected unclear points and words in the Markdown export, in the link's language)."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import yaml

from kicheck.link import decode_query
from kicheck.outputs import build_result
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
    unclear: dict[str, list[str]] = field(default_factory=dict)  # service -> fact ids that must be shown
    says: list[str] = field(default_factory=list)  # words the export must contain
    never_says: list[str] = field(default_factory=list)  # words it must not contain (case-insensitive)


def load_scenarios() -> list[Scenario]:
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text())
        expect = raw["expect"]
        out.append(
            Scenario(
                path.stem,
                raw["about"],
                raw["today"],
                raw["link"],
                expect["statuses"],
                expect["actions"],
                expect.get("unclear", {}),
                expect.get("says", []),
                expect.get("never_says", []),
            )
        )
    return out


ALL = load_scenarios()


def test_there_are_scenarios():
    """The folder is read (an empty folder would make the next test vacuous)."""
    assert len(ALL) >= 8


@pytest.mark.parametrize("scenario", ALL, ids=lambda s: s.name)
def test_scenario(scenario, kb):
    """The scenario's link gives exactly the expected statuses and actions, and the expected unclear points."""
    decoded = decode_query(scenario.link, scenario.today)
    assert decoded.problems == ()
    verdict = decide(decoded.answers, kb, scenario.today)
    assert {v.service: v.status.value for v in verdict.services} == scenario.statuses
    assert [a.id for a in verdict.actions] == scenario.actions
    for service, facts in scenario.unclear.items():
        assert set(facts) <= set(verdict.service(service).unclear), service


@pytest.mark.parametrize("scenario", [s for s in ALL if s.says or s.never_says], ids=lambda s: s.name)
def test_scenario_words(scenario, kb):
    """The export (the same view the page shows) says what the scenario needs, and never what it must not."""
    answers = decode_query(scenario.link, scenario.today).answers
    markdown = build_result(answers, kb, scenario.today, "https://check.example/result").markdown
    for words in scenario.says:
        assert words in markdown
    for words in scenario.never_says:
        assert words.lower() not in markdown.lower()
