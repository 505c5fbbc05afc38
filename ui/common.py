"""What every page shares: the knowledge base (loaded once per process), the language, the header.

This is the only layer besides pages/ that imports Streamlit; it holds no rules.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from kicheck import clock, knowledge
from kicheck.answers import DEFAULT_LANG, LANGUAGES, Answers
from kicheck.browser_language import browser_language
from kicheck.link import Decoded, decode, link_language, params
from kicheck.present import version_line
from kicheck.texts import Texts

FALLBACK_BASE = "http://localhost:8501"


@functools.cache
def kb() -> knowledge.Knowledge:
    """The knowledge base, read and validated once per server process and shared by all sessions.

    Not st.cache_resource: a visitor's `clear_cache` message empties those (see ui/result_bundle.bundle)."""
    return knowledge.default()


def today() -> date:
    """The visitor's day: the browser's time zone if it sent one, else Europe/Berlin (not UTC)."""
    return clock.today_in(st.context.timezone)


def current_lang() -> str:
    """The language from the link (?lang=), else the one chosen earlier in this session, else, on the first
    visit, the browser's (de or en), else German."""
    raw = link_language(query_lists())  # the decoder's rule, so the page and the link's notice agree
    if raw in LANGUAGES:
        st.session_state["lang"] = raw
        return raw
    if "lang" not in st.session_state:
        st.session_state["lang"] = _browser_language() or DEFAULT_LANG
    return st.session_state["lang"]


def _browser_language() -> str | None:
    """The browser's language if the check speaks it: navigator.language, then Accept-Language."""
    # Both are empty without a browser behind the run (AppTest without a context): German then.
    return browser_language(st.context.locale, st.context.headers.get("Accept-Language"))


def texts() -> Texts:
    return Texts(kb(), current_lang())


def _switch_language() -> None:
    chosen = st.session_state.get("lang_switch")
    if chosen in LANGUAGES:
        st.session_state["lang"] = chosen
        st.query_params["lang"] = chosen


def language_switch(t: Texts) -> None:
    """DE / EN, kept in the link so a shared link opens in the same language."""
    st.segmented_control(
        t("lang.label"),
        options=list(LANGUAGES),
        default=t.lang,
        # Short, so the switch, the menu and "change answers" share one row on a phone. The group's name
        # ("Sprache") is read out with them.
        format_func=str.upper,
        key="lang_switch",
        on_change=_switch_language,
        label_visibility="collapsed",
        required=True,
    )


# Streamlit leaves 6rem above the title for its toolbar, which shows little here (toolbarMode "minimal"):
# on a 375 x 812 phone that is ~110 px of the first screen, where the verdict and the first step belong. 4rem
# still clears the toolbar's 3.75rem. A style-only st.html takes no space on the page.
TOP_SPACE_STYLE = "<style>[data-testid='stMainBlockContainer']{padding-top:4rem}</style>"


def tab_title(t: Texts, title_key: str, tab_key: str) -> str:
    """The browser tab's title. The start page (the check) leads with the name and the question, as a search
    result and a shared link show it ("Meta-KI-Check – Nutzt Meta meine Daten für KI?"); every other page with
    its own name ("Chronik – Meta-KI-Check"). The public deployment's documents carry the same German titles
    before the app runs (deploy/render_nginx_conf.PAGE_HEADS; tests/deploy/test_first_impression.py)."""
    if tab_key == "nav.check":
        return f"Meta-KI-Check – {t(title_key)}"
    return f"{t(tab_key)} – Meta-KI-Check"


def header(t: Texts, title_key: str, tab_key: str, aside: Callable[[], object] | None = None) -> None:
    """The page's title, its browser-tab title ("Ergebnis – Meta-KI-Check") and the language switch.

    Below the title one row: the language switch, the menu and `aside`, something small (the result's
    "change answers").
    """
    _note_page(tab_key)
    st.set_page_config(page_title=tab_title(t, title_key, tab_key))
    st.html(TOP_SPACE_STYLE)
    st.title(t(title_key), anchor=False)
    # 99 + 71 + 146 px and two small gaps: one row on a 375 px phone (a medium gap wraps the last one).
    with st.container(key="language", horizontal=True, vertical_alignment="center", gap="xsmall"):
        language_switch(t)
        menu(t)
        if aside is not None:
            aside()


def check_page(t: Texts) -> st.Page:
    """The questions at /check (app.py registers the same file at / too). A link to "pages/check.py" would
    name the first page of that file, /, whose link is the bare query: relative to /result, that opens the
    result again in a new tab. The page is known by its url_path, so this names the registered /check."""
    return st.Page(Path(__file__).parents[1] / "pages" / "check.py", title=t("nav.check"), url_path="check")


def menu(t: Texts) -> None:
    """The pages, one tap away on a phone too; Result opens the person's latest result of this session."""
    last = remembered()
    with st.popover(t("nav.menu"), key="menu"):
        st.page_link("pages/check.py", label=t("nav.check"), icon=":material/checklist:")
        result = {"query_params": params(replace(last, lang=t.lang))} if last else {}
        st.page_link("pages/result.py", label=t("nav.result"), icon=":material/task_alt:", **result)
        st.page_link("pages/timeline.py", label=t("nav.timeline"), icon=":material/timeline:")
        st.page_link("pages/sources.py", label=t("nav.sources"), icon=":material/menu_book:")


def _note_page(page: str) -> None:
    st.session_state["page.arrived"] = st.session_state.get("page.current") != page
    st.session_state["page.current"] = page


def arrived() -> bool:
    """Whether this run opened the page anew (a new session or another page before), not a rerun on it."""
    return st.session_state.get("page.arrived", True)


LAST_ANSWERS = "answers.last"
SUBMITTED = "check.submitted"  # the check page sent the person to their result (focus goes to its headline)


def remember(answers: Answers) -> None:
    """The person's latest answers in this session, so the menu's Result entry can open their result."""
    st.session_state[LAST_ANSWERS] = answers


def remembered() -> Answers | None:
    return st.session_state.get(LAST_ANSWERS)


IMPRINT_ENV = "KICHECK_IMPRINT"


def operator_imprint() -> str | None:
    """The operator's imprint: $KICHECK_IMPRINT, else `[imprint] text` in secrets.toml; None when neither.

    deploy/README.md says how to set it. Without it the page says the instance has no operator details.
    """
    text = os.environ.get(IMPRINT_ENV, "").strip()
    if not text and st.secrets.load_if_toml_exists():
        section = st.secrets.get("imprint")
        text = str(section.get("text", "")).strip() if hasattr(section, "get") else ""
    return text or None


# The app's one script of its own, the same on every page. Streamlit has no public API for the page's language
# (<html lang> stays "en", so screen readers read German with English rules), for its own few English words
# ("Press Enter to apply", the number field's "Increment"), for the clipboard or the phone's share sheet.
# It is constant (ui/page_script.js): what it needs travels HTML-escaped in data attributes, so a
# Content-Security-Policy can allow exactly this script by its hash (PAGE_SCRIPT_SHA256,
# tests/app/test_page_script.py).
#  * lang and words: <span data-page-lang data-ui-words='{"Decrement": "Weniger", ...}'>; the words are put
#    right wherever Streamlit writes them (text, aria-label, title, placeholder), also later.
#  * copy: button[data-copy-link] copies the link; without a clipboard (plain HTTP has none) it selects the
#    link's text field for copying by hand and says so. Either way a visible status line confirms.
#  * share: button[data-share-link] opens the phone's share sheet (Web Share API); hidden where there is none.
#  * focus: [data-focus-here] takes the keyboard focus once (the result's headline after submitting).
PAGE_SCRIPT = (
    "<script>" + (Path(__file__).parent / "page_script.js").read_text(encoding="utf-8") + "</script>"
)
PAGE_SCRIPT_SHA256 = (
    "sha256-"
    + base64.b64encode(
        hashlib.sha256(PAGE_SCRIPT.removeprefix("<script>").removesuffix("</script>").encode()).digest()
    ).decode()
)


# Streamlit's own English words that a visitor can see or hear, and the text key of each one's translation.
STREAMLIT_WORDS = {
    "Press Enter to apply": "ui.press_enter",
    "Press Enter to submit form": "ui.press_enter",
    "Decrement": "ui.decrement",
    "Increment": "ui.increment",
    "Open": "ui.open",
    "Close": "ui.close",
    "Skip to main content": "ui.skip_to_content",
    "Clear all": "ui.clear",
    "Clear value": "ui.clear",
}


def ui_words(t: Texts) -> str:
    """Streamlit's English words and what they are in this page's language, as JSON for the page script."""
    return json.dumps({english: t(key) for english, key in STREAMLIT_WORDS.items()}, ensure_ascii=False)


def footer(t: Texts) -> None:
    # The page's language for <html lang> and Streamlit's words: the footer runs on every page, after it all.
    words = html.escape(ui_words(t))
    st.html(
        f'<span hidden data-page-lang="{t.lang}" data-ui-words="{words}"></span>{PAGE_SCRIPT}',
        unsafe_allow_javascript=True,
    )
    st.divider()
    st.caption(version_line(t) + " · " + t("disclaimer.short"))


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


def opened_link() -> Decoded:
    """The answers of the link this page was opened with, read against the data: obj_<code> for each service
    with a form of its own (services.yaml), so no page can read a link with another list."""
    return decode(query_lists(), today(), kb().services_with_own_form)
