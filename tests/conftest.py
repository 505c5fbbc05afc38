"""Shared fixtures: the knowledge base and a fixed 'today', so verdicts in tests do not drift with the calendar."""

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date

from kicheck import knowledge
from testkit.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.datacopy import DATA

TODAY = date(2026, 11, 29)


def long_date(day: date, lang: str) -> str:
    """A date as the pages write it (27. Mai 2025 / 27 May 2025), by Babel directly, to read the pages
    against."""
    return format_date(day, "d. MMMM y" if lang == "de" else "d MMMM y", locale=lang)


@pytest.fixture(scope="session")
def kb() -> knowledge.Knowledge:
    return knowledge.default()


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ this test may break (tests.datacopy.edit changes one file in it)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Debian Chromium for the whole run, shared by tests/e2e and tests/deploy.

    Playwright's sync API allows one instance per thread at a time: a second, opened by another folder's
    fixture while this one lives, would fail.
    """
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):  # fail, never skip: `make test` installs it
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(`make system-packages`, or `apt-get install -y chromium` as root). No browser is ever downloaded.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
