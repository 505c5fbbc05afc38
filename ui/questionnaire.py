"""The check page's draft (kicheck/form_draft.py) in session_state: a language or page switch keeps it."""

from __future__ import annotations

from datetime import date

import streamlit as st

from kicheck.answers import NO_SERVICE
from kicheck.form_draft import AI_NOWHERE, AI_UNKNOWN, Draft, draft_from_link
from kicheck.link import Decoded

DRAFT = "check.draft"
ASKED = "check.asked"  # the person pressed "show result": from now on missing answers are marked


# ------------------------------------------------------------------------------------------- session


def current_draft(decoded: Decoded, today: date, arrived: bool) -> Draft:
    """The draft of this session; a link's answers replace it when the page is opened anew with them."""
    draft = st.session_state.get(DRAFT)
    if draft is None or (arrived and decoded.given):
        empty = Draft(objection_services=decoded.objection_services)
        draft = draft_from_link(decoded, today) if decoded.given else empty
        st.session_state[DRAFT] = draft
        st.session_state[ASKED] = False
    return draft


def ask() -> None:
    """The submit button's callback: from now on the page marks what is missing."""
    st.session_state[ASKED] = True


def asked() -> bool:
    return bool(st.session_state.get(ASKED))


def only_one_kind_of_service(key: str) -> None:
    """Pills callback: "no Meta account" and the services exclude each other; the newest choice wins."""
    _one_kind(key, "services", (NO_SERVICE,))


def only_one_kind_of_ai_answer(key: str) -> None:
    """Pills callback: "nowhere", "I don't know" and the services exclude each other; the newest wins."""
    _one_kind(key, "ai", (AI_NOWHERE, AI_UNKNOWN))


def _one_kind(key: str, field: str, alone: tuple[str, ...]) -> None:
    """Keep a pill that stands alone (no account, nowhere, I don't know) alone: the newest choice wins."""
    chosen = list(st.session_state.get(key) or [])
    before = getattr(st.session_state[DRAFT], field)
    new = [c for c in chosen if c not in before]
    if len(chosen) < 2 or not any(c in alone for c in chosen):
        return
    newest_alone = [c for c in new if c in alone]
    st.session_state[key] = newest_alone[-1:] or [c for c in chosen if c not in alone]
