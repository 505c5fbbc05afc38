"""The result page's parts, in the order a person on a phone needs them: verdict, what to do, why, the rest.

Every text comes from the `ResultView` (kicheck/present.py); this module only lays it out.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from kicheck.authorities import AuthorityOption, authority_options
from kicheck.changelog import ChangesSince, changes_notice, stale_notice
from kicheck.present import ActionItem, Category, ResultView, ServiceCard
from kicheck.texts import Texts
from ui.common import PAGE_SCRIPT
from ui.result_bundle import STATUS_BADGE

COMPLAINT_ACTION = "complain_dpa"  # the action that gets the authority picker

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


# The actions and the reasons are plain text from data/ (tests/content/checks.py: no Markdown in them), drawn
# as escaped HTML: one element per action card and one for all the reasons. As ~45 Streamlit elements (titles,
# link buttons, captions, expanders, Markdown lists) they were most of what the browser drew before the
# verdict counted as shown (bench/README.md). The look follows Streamlit's: primary and secondary buttons in
# the theme's colours, <details> framed as its expanders.
PROSE_STYLE = (
    "<style>"
    ".kc-prose p{margin:0 0 .5rem}.kc-prose ul{margin:0 0 .75rem;padding-left:1.25rem}"
    ".kc-prose li{margin:.2rem 0}.kc-prose h2{font-size:1.6rem;font-weight:600;line-height:1.2;"
    "margin:1.25rem 0 .75rem;padding:0}.kc-prose h3{font-size:1.3rem;font-weight:600;line-height:1.2;"
    "margin:1.25rem 0 .5rem;padding:0}"
    ".kc-btn{display:flex;align-items:center;justify-content:center;gap:.5rem;box-sizing:border-box;"
    "width:100%;min-height:2.75rem;margin:.5rem 0;padding:.5rem .75rem;border-radius:.5rem;"
    "border:1px solid rgba(16,23,29,.2);background:#fff;color:#10171d;text-decoration:none;"
    "text-align:center;line-height:1.4}"
    ".kc-btn.kc-primary{background:#1f5f8b;border-color:#1f5f8b;color:#fff}"
    ".kc-btn:hover{border-color:#1f5f8b}.kc-btn:focus-visible{outline:2px solid #1f5f8b;outline-offset:2px}"
    ".kc-note{font-size:.875rem;color:rgba(16,23,29,.75)}"
    ".kc-prose details{border:1px solid rgba(16,23,29,.2);border-radius:.5rem;margin:.5rem 0 .75rem}"
    ".kc-prose summary{cursor:pointer;padding:.6rem .9rem;min-height:1.5rem;line-height:1.5}"
    ".kc-prose summary:focus-visible{outline:2px solid #1f5f8b;outline-offset:2px}"
    ".kc-prose details>div{padding:0 .9rem .4rem}.kc-prose>:last-child{margin-bottom:0}"
    "</style>"
)
_OPENS_ELSEWHERE = '<span aria-hidden="true">\u2197</span>'  # as st.link_button's icon: the page opens apart


def actions(view: ResultView, t: Texts) -> None:
    """The actions, most effective first; the first one's links are primary buttons."""
    with st.container(key="actions"):
        # A level below the summary (h2) it answers, and small enough to keep the first button on screen.
        st.subheader(t("result.actions"), anchor=False)
        for number, action in enumerate(view.actions, 1):
            action_card(number, action, number == 1, t)


def action_card(number: int, action: ActionItem, primary: bool, t: Texts) -> None:
    with st.container(key=f"action-{action.id}", border=True, gap="xsmall"):
        # The style once, with the first card (every result has one): the reasons below use it too.
        st.html((PROSE_STYLE if number == 1 else "") + action_html(number, action, primary, t))
        if action.id == COMPLAINT_ACTION:
            authority_picker(t)


def action_html(number: int, action: ActionItem, primary: bool, t: Texts) -> str:
    """Title, the official links as buttons (each with its note), why, and the details one tap away."""
    e = html.escape
    parts = [f"<p><strong>{number}. {e(action.title)}</strong></p>"]
    for link in action.links:
        kind = "kc-btn kc-primary" if primary else "kc-btn"
        parts.append(
            f'<a class="{kind}" href="{e(link.url)}" target="_blank" rel="noopener noreferrer">'
            f"{e(link.title)} {_OPENS_ELSEWHERE}</a>"
        )
        if link.note:
            parts.append(f'<p class="kc-note">{e(link.note)}</p>')
    parts.append(f"<p>{e(action.why)}</p>")
    if action.details:
        parts.append(_details(t("result.more"), f"<p>{e(action.details)}</p>"))
    return f'<div class="kc-prose">{"".join(parts)}</div>'


def _details(summary: str, body: str) -> str:
    return f"<details><summary>{html.escape(summary)}</summary><div>{body}</div></details>"


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
    """Why each status: the reasons, the data concerned, and the unclear points with who says what."""
    if view.cards:
        with st.container(key="why"):
            st.html(reasons_html(view, t))


def reasons_html(view: ResultView, t: Texts) -> str:
    """One section per part (data-why: if-known, shared, or the service's code), in the page's order."""
    e = html.escape
    shared = shared_categories(view)
    parts = [f"<h2>{e(t('result.why'))}</h2>"]
    if view.if_known:
        parts.append(f'<section data-why="if-known">{_list(view.if_known)}</section>')
    if shared:
        heading = f"<p><strong>{e(t('result.all_services'))}</strong></p>"
        parts.append(f'<section data-why="shared">{heading}{_categories(shared)}</section>')
    for card in view.cards:
        parts.append(service_reasons_html(card, shared, t))
    return f'<div class="kc-prose">{"".join(parts)}</div>'


def service_reasons_html(card: ServiceCard, shared: list[Category], t: Texts) -> str:
    e = html.escape
    parts = [f"<h3>{e(card.name)}</h3>"]
    if card.reasons:
        parts.append(_list(card.reasons))
    own = [c for c in card.categories if c not in shared]
    if own:
        parts.append(f"<p><strong>{e(t('result.categories'))}:</strong></p>{_categories(own)}")
    for point in card.unclear:
        claims = _html_list(f"<em>{e(who)}:</em> {e(says)}" for who, says in point.claims)
        body = f"<p>{e(point.text)}</p>{claims}"
        parts.append(_details(f"{t('result.unclear')}: {point.topic}", body))
    return f'<section data-why="{e(card.code)}">{"".join(parts)}</section>'


def _list(texts: Iterable[str]) -> str:
    return _html_list(html.escape(text) for text in texts)


def _html_list(items: Iterable[str]) -> str:
    """A list of items that are HTML already (their texts escaped by the caller)."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _categories(categories: list[Category]) -> str:
    """One line per kind of data: a list reads more easily on a phone than one long line of semicolons."""
    return _list(f"{c.title}: {c.examples}" for c in categories)


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
