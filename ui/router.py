"""The app's pages and the one way into them: app.py's st.navigation, also on a fresh server's first visit.

Streamlit's documented rule (st.navigation's reference): a pages/ folder beside the entrypoint means its
legacy multipage mode until some session of the process calls st.navigation; "as soon as any session of your
app executes the st.navigation command, your app will ignore the pages/ directory (across all sessions)".
Until then a visit runs the pages/ file named like its path on its own, without app.py: that is the very
first visit of a fresh server process (and every AppTest run, which starts like one). Such a run calls
st.navigation, which ends the legacy mode for the whole process, and starts again, this time through app.py.

So each page's file is named like its url_path: the legacy mode finds a page by its file name (another name:
"Page not found" and the start page), and Streamlit knows a page by its url_path's hash, so the run started
again through app.py is the same page. tests/e2e/test_first_visit.py opens every path as a fresh server's
first visit.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from kicheck.texts import Texts
from ui.common import check_page, texts

PAGES_DIR = Path(__file__).parents[1] / "pages"

_run = threading.local()  # each session's script runs in a thread of its own


def pages(t: Texts) -> list[st.Page]:
    """Every page, with its path. The check is served at / (the default page) and at /check: a default page
    reserves its url_path but is not found there in the browser ("Page not found" on /check), so the default
    is named "start" and /check is the same file as a page of its own (ui.common.check_page)."""
    return [
        st.Page(PAGES_DIR / "check.py", title=t("nav.check"), url_path="start", default=True),
        st.Page(PAGES_DIR / "result.py", title=t("nav.result"), url_path="result"),
        st.Page(PAGES_DIR / "timeline.py", title=t("nav.timeline"), url_path="timeline"),
        st.Page(PAGES_DIR / "sources.py", title=t("nav.sources"), url_path="sources"),
        check_page(t),
    ]


def navigation(t: Texts) -> st.Page:
    """The visited page. The menu is the pages' own (ui.common.menu): Streamlit's hides behind a small "»" on
    a phone, covers most of the screen when open, and labels itself in English."""
    return st.navigation(pages(t), position="hidden")


def run_visited_page(t: Texts) -> None:
    """app.py's run: the visited page, through st.navigation."""
    _run.routed = True
    try:
        navigation(t).run()
    finally:
        _run.routed = False


def through_app() -> None:
    """Called first by every page: a run that did not come through app.py (Streamlit's legacy pages/ mode, see
    above) ends that mode for the process by calling st.navigation and starts again, through app.py."""
    if not getattr(_run, "routed", False):
        navigation(texts())
        st.rerun()
