"""Result: the personal verdict from the link's answers; always registered, so shared links work anywhere.

Laid out for a phone: the verdict, then what to do (the objection buttons first), then why, then the rest.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from kicheck.answers import stamped
from kicheck.changelog import entries_since
from kicheck.link import params, result_path
from kicheck.present import problem_lines
from kicheck.texts import Texts
from ui import result_parts as part
from ui.common import (
    SUBMITTED,
    base_url,
    check_page,
    footer,
    header,
    kb,
    opened_link,
    remember,
    remembered,
    texts,
    today,
)
from ui.result_bundle import bundle, show_chart
from ui.router import through_app

through_app()
t: Texts = texts()
decoded = opened_link()
# A link without lang= opens in the language the visitor already chose (the link's own lang= wins).
answers = replace(decoded.answers, lang=t.lang)
# A parent's link (who=child): the page speaks of "Ihr Kind" throughout.
t = replace(t, for_child=answers.for_child)


def link_notice() -> None:
    if decoded.problems or decoded.more_problems:
        with st.container(key="link-notice", border=True):
            st.markdown(f"**{t('notice.title')}**")
            for line in problem_lines(decoded, t):
                st.text(line)  # plain text: a link's values are never rendered as Markdown or HTML


def no_answers() -> None:
    """A bare /result (the menu's Result entry): this session's latest result, else a way to the check."""
    last = remembered()
    # Only a bare /result (or one with just lang=) stands for "my result": a link with values the decoder
    # dropped keeps its notice and never turns silently into another answer set.
    if last is not None and not (decoded.problems or decoded.more_problems):
        st.query_params.from_dict(dict(params(replace(last, lang=t.lang))))
        st.rerun()
    with st.container(key="no-answers"):
        st.info(t("result.no_answers"))
        st.page_link("pages/check.py", label=t("result.start_check"), query_params={"lang": t.lang})
    footer(t)
    st.stop()


def no_services() -> None:
    """A link without svc: the notice above says so; no verdict is guessed, the check asks instead."""
    with st.container(key="no-services"):
        st.info(t("result.no_services"))
        st.page_link(check_page(t), label=t("result.start_check"), query_params=params(answers))
    footer(t)
    st.stop()


def change_answers(where: str) -> None:
    st.page_link(
        check_page(t),
        label=t("result.change"),
        query_params=params(answers),
        icon=":material/edit:",
        width="stretch" if where == "bottom" else "content",
    )


def more_pages() -> None:
    with st.container(key="more"):
        st.page_link("pages/timeline.py", label=t("result.to_chronology"), icon=":material/timeline:")
        st.page_link("pages/sources.py", label=t("result.to_sources"), icon=":material/menu_book:")


def download(label: str, content: str | bytes, file_name: str, mime: str, key: str, icon: str) -> None:
    """A download handed over on a tap: `data` as a callable (Streamlit's deferred download, bound now)
    stores no file when the page runs, so a browser fetches nothing while the page loads."""
    st.download_button(
        label, data=lambda: content, file_name=file_name, mime=mime, key=key, on_click="ignore", icon=icon
    )


def downloads() -> None:
    """The summary page and the reminder (~8.5 KiB and two requests on every result page while they were
    stored at run time); the bundle holds both, built once."""
    with st.container(key="downloads"):
        st.header(t("result.downloads"), anchor=False)
        summary = (t("result.download_summary"), result.summary_html, t("file.summary"), "text/html")
        download(*summary, key="download-summary", icon=":material/description:")
        if result.ics:
            reminder = (t("result.download_ics"), result.ics, t("file.ics"), "text/calendar")
            download(*reminder, key="download-ics", icon=":material/event:")
        else:
            st.caption(t("result.no_reminder"))


def timeline() -> None:
    with st.container(key="timeline"):
        st.header(t("result.timeline"), anchor=False)
        show_chart(result, t("chart.alt", summary=view.summary))
        with st.expander(t("result.timeline_table")):
            # A plain HTML table of escaped text ("27. Mai 2025 – …" stays text, never a Markdown list). Not
            # st.table or st.dataframe: they load Streamlit's 726 KiB Arrow formatting bundle for a few rows.
            st.html(part.table_html(result.table))


header(t, "result.title", "nav.result", aside=lambda: change_answers("top") if decoded.given else None)
link_notice()
if not decoded.given:
    no_answers()
if not decoded.services_given:
    no_services()
remember(answers)

link = base_url() + result_path(stamped(answers, today(), kb().meta.version))
result = bundle(answers, today(), link)
view = result.view
changes = entries_since(kb(), decoded.answers.knowledge_version, answers.services)
part.knowledge_notices(changes, today(), t)

with st.container(key="summary"):
    st.header(view.headline, anchor=False)
    if view.headline_rest:
        # Smaller than the heading's paragraph: the rest often repeats a card's detail, and the first action
        # must still start on a phone's first screen (tests/e2e/test_result_phone.py).
        st.caption(view.headline_rest)
if st.session_state.pop(SUBMITTED, False):
    # Just submitted on the check page: the page script moves the keyboard focus to the headline above.
    st.html("<span hidden data-focus-here></span>")
for note in view.notes:
    st.caption(note)
part.verdict_cards(view)
part.actions(view, t)
part.reasons(view, t)
timeline()
part.share(link, t)
downloads()
change_answers("bottom")
more_pages()
part.knowledge_footnote(changes, t)
footer(t)
