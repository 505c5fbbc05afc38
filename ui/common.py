"""What every page shares: the knowledge base (loaded once per process), the language, the header.

This is the only layer besides pages/ that imports Streamlit; it holds no rules.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from kicheck import clock, knowledge
from kicheck.answers import DEFAULT_LANG, LANGUAGES, link_language
from kicheck.texts import Texts

FALLBACK_BASE = "http://localhost:8501"


@st.cache_resource(show_spinner=False)
def kb() -> knowledge.Knowledge:
    """The knowledge base, read and validated once per server process and shared by all sessions."""
    return knowledge.default()


def leave_legacy_pages_mode() -> None:
    """Make sure this run goes through app.py's st.navigation, even for the first visitor of a server process.

    Streamlit 1.67 decides once per process, before any script runs, whether a pages/ folder beside the
    main script means its legacy multipage mode; only a call to st.navigation turns that off. Until then
    the first visitor's run is wrapped in the legacy mode: /result would run pages/result.py without
    app.py, and the visitor would get a navigation of file names. Turning the flag off as st.navigation
    does, and rerunning once, gives that visitor the real app. Called first thing by app.py and by every
    page; a no-op after the first run.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def today() -> date:
    """The visitor's day: the browser's time zone if it sent one, else Europe/Berlin (not UTC)."""
    return clock.today_in(st.context.timezone)


def current_lang() -> str:
    """The language from the link (?lang=), else the one chosen earlier in this session, else German."""
    raw = link_language(query_lists())  # the decoder's rule, so the page and the link's notice agree
    if raw in LANGUAGES:
        st.session_state["lang"] = raw
        return raw
    return st.session_state.get("lang", DEFAULT_LANG)


def texts() -> Texts:
    return Texts(kb(), current_lang())


def _switch_language() -> None:
    chosen = st.session_state.get("lang_switch")
    if chosen in LANGUAGES:
        st.session_state["lang"] = chosen
        st.query_params["lang"] = chosen


def language_switch(t: Texts) -> None:
    """Deutsch / English, kept in the link so a shared link opens in the same language."""
    st.segmented_control(
        t("lang.label"),
        options=list(LANGUAGES),
        default=t.lang,
        format_func=lambda code: {"de": "Deutsch", "en": "English"}[code],
        key="lang_switch",
        on_change=_switch_language,
        label_visibility="collapsed",
        required=True,
    )


def header(t: Texts, title_key: str, tab_key: str) -> None:
    """The page's title, its browser-tab title ("Ergebnis – Meta-KI-Check") and the language switch."""
    st.set_page_config(page_title=f"{t(tab_key)} – Meta-KI-Check")
    left, right = st.columns([3, 1], vertical_alignment="center")
    with right, st.container(key="language"):
        language_switch(t)
    with left:
        st.title(t(title_key))


def footer(t: Texts) -> None:
    st.divider()
    meta = kb().meta
    st.caption(
        t("version.line", version=meta.version, reviewed=t.date(meta.reviewed_on))
        + " · "
        + t("disclaimer.short")
    )


def base_url() -> str:
    """The app's address as the visitor sees it (scheme, host and path prefix), for the full share link."""
    url = st.context.url
    if not url:
        return FALLBACK_BASE
    parts = urlsplit(url)
    path = parts.path
    for page in ("/result", "/timeline", "/sources"):
        if path.endswith(page):
            path = path[: -len(page)]
    return f"{parts.scheme}://{parts.netloc}{path}".rstrip("/")


def query_lists() -> dict[str, list[str]]:
    """The link's parameters with every repeated value (svc=fb&svc=ig keeps both)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}
