"""Shared fixtures: the knowledge base and a fixed 'today', so verdicts in tests do not drift with the calendar."""

from collections.abc import Iterator
from datetime import date

import pytest

from kicheck import knowledge
from tests.chromium import CHROMIUM, CHROMIUM_ARGS, require_chromium

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="session")
def kb() -> knowledge.Knowledge:
    return knowledge.default()


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Debian Chromium for the whole run, shared by tests/e2e and tests/deploy.

    Playwright's sync API allows one instance per thread at a time: a second, opened by another folder's
    fixture while this one lives, would fail.
    """
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
