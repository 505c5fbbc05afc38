"""Shared fixtures: the knowledge base and a fixed 'today', so verdicts in tests do not drift with the calendar."""

from datetime import date

import pytest

from kicheck import knowledge

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="session")
def kb() -> knowledge.Knowledge:
    return knowledge.default()


@pytest.fixture
def today() -> date:
    return TODAY
