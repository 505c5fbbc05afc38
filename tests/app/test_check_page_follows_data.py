"""One fact changed in data/ reaches the check page and the result with no Python edited: Threads gets a form.

The same edit of a copy of data/ as tests/domain/test_rules_as_data.py (a form in forms.yaml, Threads' objection
route in services.yaml): the check page asks whether the person objected on Threads, the link carries obj_th,
and the result counts it. With the shipped data the page asks no such question.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kicheck.knowledge import Knowledge, load
from tests.app.conftest import statuses
from tests.domain.test_rules_as_data import threads_gets_its_own_form
from ui.result_bundle import bundle

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def threads_has_a_form(tmp_path, monkeypatch) -> Knowledge:
    """The pages run on a copy of data/ in which Threads has an objection form of its own."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    threads_gets_its_own_form(data)
    changed = load(data)
    monkeypatch.setattr("ui.common.kb", lambda: changed)
    monkeypatch.setattr("ui.result_bundle.kb", lambda: changed)
    bundle.cache_clear()  # no result built from the shipped data is reused
    yield changed
    bundle.cache_clear()


def answer_threads_only(at) -> None:
    at.radio(key="who-en").set_value("self").run()
    at.number_input(key="age-en").set_value(34).run()
    at.pills(key="svc-en").set_value(["th"]).run()


def test_the_check_page_asks_no_threads_objection_with_the_shipped_data(open_page):
    """Threads follows Instagram's objection today: no question about a Threads objection."""
    at = open_page("/", "lang=en")
    answer_threads_only(at)
    assert not [r for r in at.radio if r.key and r.key.startswith("obj_th")]


def test_a_threads_form_in_data_is_asked_carried_and_counted(open_page, threads_has_a_form):
    """With a Threads form in data/ only: the page asks about it, the link says obj_th, the result counts it."""
    at = open_page("/", "lang=en")
    answer_threads_only(at)
    question = at.radio(key="obj_th_choice-en")
    assert question.label == "Have you objected on Threads?"
    question.set_value("on_date").run()
    at.text_input(key="obj_th_date-en").set_value("01/08/2025").run()
    at.button(key="submit").click().run()
    assert not at.exception
    assert at.query_params["obj_th"] in ("2025-08-01", ["2025-08-01"])
    assert statuses(at, ["th"]) == {"th": "Partly protected"}
