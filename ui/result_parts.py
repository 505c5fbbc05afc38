"""The result page's parts, in the order a person on a phone needs them: verdict, what to do, why, the rest.

Every text comes from the `ResultView` (kicheck/present.py); this module only lays it out.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import pandas as pd
import streamlit as st

from kicheck.authorities import AuthorityOption, authority_options
from kicheck.changelog import ChangesSince, changes_notice, stale_notice
from kicheck.present import ActionItem, Category, ResultView, ServiceCard
from kicheck.texts import Texts
from ui.common import PAGE_SCRIPT
from ui.result_bundle import STATUS_BADGE

COMPLAINT_ACTION = "complain_dpa"  # the action that gets the authority picker

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def plain(text: str) -> str:
    """Text that Markdown shows as it is (no link, emphasis, list or Streamlit directive made of it)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# The chart's facts as a plain HTML table. st.table/st.dataframe would load Streamlit's Arrow formatting
# bundle (726 KiB uncompressed) for a few rows in a closed expander; this costs nothing extra on a phone.
TABLE_STYLE = (
    "<style>.kc-table{border-collapse:collapse;width:100%;font-size:.95rem}"
    ".kc-table th,.kc-table td{text-align:left;vertical-align:top;padding:.4rem .5rem;"
    "border-bottom:1px solid rgba(16,23,29,.15)}.kc-table th{font-weight:600}</style>"
)


def table_html(table: pd.DataFrame) -> str:
    """A table of text: every header and cell HTML-escaped, so nothing in it is ever read as markup."""
    head = "".join(f'<th scope="col">{html.escape(str(name))}</th>' for name in table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return f'{TABLE_STYLE}<table class="kc-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def badge(card: ServiceCard) -> str:
    # The status is a text label on a coloured badge: never colour alone.
    return f":{STATUS_BADGE[card.status.value]}-badge[{card.status_label}]"


def verdict_cards(view: ResultView) -> None:
    """One box with a short line per service: name, status, and when the data may be (have been) used."""
    if not view.cards:
        return
    with st.container(key="verdicts", border=True, gap="xxsmall"):
        for card in view.cards:
            with st.container(key=f"status-{card.code}"):
                st.markdown(f"**{card.name}** &nbsp; {badge(card)}  \n{card.window_text}")


def actions(view: ResultView, t: Texts) -> None:
    """The actions, most effective first; the first one's links are primary buttons."""
    with st.container(key="actions"):
        # A level below the summary (h2) it answers, and small enough to keep the first button on screen.
        st.subheader(t("result.actions"), anchor=False)
        for number, action in enumerate(view.actions, 1):
            action_card(number, action, number == 1, t)


def action_card(number: int, action: ActionItem, primary: bool, t: Texts) -> None:
    with st.container(key=f"action-{action.id}", border=True, gap="xsmall"):
        title = f"**{number}. {action.title}**"
        if not action.links:  # title and reason in one element: one Markdown parse less in the browser
            st.markdown(f"{title}\n\n{action.why}")
        else:
            st.markdown(title)
            for link in action.links:
                st.link_button(
                    link.title,
                    link.url,
                    type="primary" if primary else "secondary",
                    width="stretch",
                    icon=":material/open_in_new:",
                )
                if link.note:
                    st.caption(link.note)
            st.markdown(action.why)
        if action.details:
            with st.expander(t("result.more")):
                st.markdown(action.details)
        if action.id == COMPLAINT_ACTION:
            authority_picker(t)


# The authorities' list: plain text and links, so plain HTML (one element the browser inserts as it is, where
# ~50 Markdown list items would each be parsed and rendered by React). Links open a new tab, as Markdown's do.
DPA_STYLE = (
    "<style>.kc-dpa p{margin:.75rem 0 .25rem;font-weight:600}.kc-dpa ul{margin:0;padding-left:1.25rem}"
    ".kc-dpa li{margin:.25rem 0}.kc-dpa small{display:block;font-size:.9rem;opacity:.8}</style>"
)


def authority_picker(t: Texts) -> None:
    """Every data protection authority (German Länder first, then the countries) as a list of links in a
    closed expander, each to its complaint page (or its home page where none could be checked), with its note.

    Not st.selectbox: that widget loads ~60 KiB of Streamlit's script (Selectbox, combobox, filter, menu
    chunks) on every result page for a step few people take, and each choice ran the page again on the
    server. A link needs neither, and a list of links is read out as such by a screen reader.
    """
    options = authority_options(t.knowledge, t.lang)
    groups = []
    for group, label in (("land", t("dpa.group.land")), ("country", t("dpa.group.country"))):
        items = "".join(authority_item(t, o) for o in options if o.group == group)
        groups.append(f"<p>{html.escape(label)}</p><ul>{items}</ul>")
    with st.container(key="dpa"), st.expander(t("dpa.picker"), icon=":material/account_balance:"):
        st.html(f'{DPA_STYLE}<div class="kc-dpa">{"".join(groups)}</div>')


def authority_item(t: Texts, option: AuthorityOption) -> str:
    """One list item: the region, the link (its kind and the authority's name, as the page's buttons said it),
    and the authority's note below it. Every text escaped; the address is the knowledge base's own."""
    authority = t.knowledge.authorities[option.id]
    kind = "dpa.complaint_page" if authority.url_kind == "complaint" else "dpa.home_page"
    link = (
        f'<a href="{html.escape(authority.url)}" target="_blank" rel="noopener noreferrer">'
        f"{html.escape(t(kind))}: {html.escape(option.name)}</a>"
    )
    note = f"<small>{html.escape(t('dpa.note', note=option.note))}</small>" if option.note else ""
    return f"<li><strong>{html.escape(option.region)}</strong>: {link}{note}</li>"


def knowledge_notices(changes: ChangesSince, today, t: Texts) -> None:
    """Above the result: a review that is too old ("Stand"), and what changed since the link was made."""
    stale = stale_notice(t, today)
    if stale:
        st.warning(stale, icon=":material/history:")
    if changes.entries:
        with st.container(key="changes", border=True):
            st.markdown(f"**{t('changes.title')}**")
            st.markdown(changes_notice(t, changes))
            st.markdown(
                "\n".join(f"- {t.date(entry.date)}: {t.pick(entry.text)}" for entry in changes.entries)
            )


def knowledge_footnote(changes: ChangesSince, t: Texts) -> None:
    """Below the result: that nothing changed since the link's version, or that its version is not known.

    Not above: it changes nothing in the result, and a phone's first screen is for the verdict.
    """
    if not changes.entries and changes.version != t.knowledge.meta.version:
        with st.container(key="changes"):
            st.caption(changes_notice(t, changes))


def shared_categories(view: ResultView) -> list[Category]:
    """Categories that more than one service names (the always-public items): said once, not per card."""
    counts = Counter(c for card in view.cards for c in card.categories)
    return [c for c, n in counts.items() if n > 1]


def reasons(view: ResultView, t: Texts) -> None:
    """Why each status: the reasons, the data concerned, and the unclear points with who says what.

    A list is one Markdown element, not one per item: each element costs the browser its own Markdown parse
    and React subtree (the result page had ~40 of them; the verdict waits for the whole page to render).
    """
    if not view.cards:
        return
    shared = shared_categories(view)
    with st.container(key="why"):
        st.header(t("result.why"), anchor=False)
        if view.if_known:
            with st.container(key="why-if-known"):
                st.markdown("\n".join(f"- {line}" for line in view.if_known))
        if shared:
            with st.container(key="why-shared"):
                st.markdown(f"**{t('result.all_services')}**\n" + _categories(shared))
        for card in view.cards:
            service_reasons(card, shared, t)


def service_reasons(card: ServiceCard, shared: list[Category], t: Texts) -> None:
    with st.container(key=f"why-{card.code}"):
        st.subheader(card.name, anchor=False)
        own = [c for c in card.categories if c not in shared]
        lines = [f"- {reason}" for reason in card.reasons]
        if own:
            lines += ["", f"**{t('result.categories')}:**", _categories(own)]
        if lines:
            st.markdown("\n".join(lines))
        for point in card.unclear:
            with (
                st.container(key=f"unclear-{card.code}-{point.fact_id}"),
                st.expander(f"{t('result.unclear')}: {point.topic}", icon=":material/help:"),
            ):
                st.markdown(
                    "\n\n".join([point.text, "\n".join(f"- *{who}:* {says}" for who, says in point.claims)])
                )


def _categories(categories: list[Category]) -> str:
    """One line per kind of data: a list reads more easily on a phone than one long line of semicolons."""
    return "\n".join(f"- {c.title}: {c.examples}" for c in categories)


SHARE_STYLE = (
    "<style>.kc-share button{width:100%;min-height:3rem;font:inherit;font-weight:600;font-size:1.05rem;"
    "border-radius:.5rem;border:1px solid rgba(128,132,149,.6);background:transparent;color:inherit;"
    "cursor:pointer;margin-bottom:.5rem}"
    ".kc-share button:hover,.kc-share button:focus-visible{border-color:currentColor}"
    ".kc-share input{width:100%;box-sizing:border-box;font:inherit;font-size:.9rem;padding:.5rem;"
    "border-radius:.5rem;border:1px solid rgba(128,132,149,.6);background:transparent;color:inherit}"
    ".kc-copied{display:block;min-height:1.5rem;padding-top:.25rem}</style>"
)


def share_box(link: str, t: Texts) -> None:
    """Share (the phone's share sheet), copy, and the link itself in a field to select by hand.

    Streamlit has no public clipboard or share API: PAGE_SCRIPT does both. Its share button stays hidden where
    the browser has no share sheet; copying falls back to selecting the field (plain HTTP has no clipboard).
    """
    link_attr, esc = html.escape(link), lambda key: html.escape(t(key))
    share = (
        f'<button type="button" class="kc-share-button" hidden data-share-link="{link_attr}" '
        f'data-share-title="{esc("result.share_title")}">{esc("result.share_button")}</button>'
    )
    copy = (
        f'<button type="button" class="kc-copy" data-copy-link="{link_attr}" '
        f'data-copied="{esc("result.copied")}" data-by-hand="{esc("result.copy_by_hand")}">'
        f"{esc('result.copy')}</button>"
    )
    field = (
        f'<input type="text" readonly value="{link_attr}" aria-label="{html.escape(t("result.link_field"))}">'
    )
    status = '<span class="kc-copied" role="status"></span>'
    st.html(
        f'{SHARE_STYLE}<div class="kc-share">{share}{copy}{field}{status}</div>{PAGE_SCRIPT}',
        unsafe_allow_javascript=True,
    )


def share(link: str, t: Texts) -> None:
    with st.container(key="share"):
        st.header(t("result.share"), anchor=False)
        share_box(link, t)
        st.caption(t("result.share_note"))
