"""The result for one answer set, built once and shared by every session that opens the same link today."""

from __future__ import annotations

from datetime import date

import streamlit as st

from kicheck.answers import Answers
from kicheck.result import Result, build_result
from ui.common import kb

# Badge colours per status; the badge always carries the status label as text too.
STATUS_BADGE = {"in_use": "red", "partly": "orange", "protected": "green", "not_affected": "gray"}


@st.cache_resource(show_spinner=False, max_entries=2048)
def bundle(answers: Answers, today: date, link: str) -> Result:
    return build_result(answers, kb(), today, link)
