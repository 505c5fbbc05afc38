"""Sources & privacy: every fact with sources and confidence, the privacy statement, disclaimer, imprint."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from kicheck.changelog import versions
from kicheck.present import version_line
from ui.common import footer, header, kb, operator_imprint, texts
from ui.router import through_app

through_app()
t = texts()
k = kb()
header(t, "sources.title", "nav.sources")

# The page is long on a phone (~60 facts and sources): jump links to each part, by fixed anchors.
SECTIONS = (
    ("privacy", "sources.privacy"),
    ("facts", "sources.facts"),
    ("sources", "sources.sources"),
    ("changelog", "changelog.title"),
    ("disclaimer", "sources.disclaimer_title"),
    ("imprint", "sources.imprint"),
)
with st.container(key="jump-links"):
    st.markdown(" · ".join(f"[{t(title)}](#{anchor})" for anchor, title in SECTIONS))


@contextmanager
def section(anchor: str, title: str) -> Iterator[None]:
    """One part of the page: its container, its jump target and its heading. The jump target is an element
    with this id, not a heading anchor: Streamlit labels those "Link to heading" in English, on any page."""
    with st.container(key=anchor):
        st.html(f'<span id="{anchor}"></span>')
        st.header(t(title), anchor=False)
        yield


with section("privacy", "sources.privacy"):
    st.write(t("sources.privacy_text"))
    st.subheader(t("sources.link_contents"), anchor=False)
    st.write(t("sources.link_text"))

with section("facts", "sources.facts"):
    st.write(t("sources.facts_intro"))
    for fact in k.facts.values():
        with st.container(key=f"fact-{fact.id}", border=True):
            st.markdown(f"**{t.pick(fact.topic)}** · {t.confidence(fact.confidence)}")
            st.write(t.pick(fact.text))
            if fact.claims:
                st.markdown(f"*{t('sources.claims')}:*")
                for claim in fact.claims:
                    st.markdown(f"- **{t.pick(claim.who)}:** {t.pick(claim.says)}")
            # Small, not a caption: links in a caption's faded colour fail WCAG contrast (axe, tests/e2e).
            st.markdown(
                ":small["
                + " · ".join(
                    f"[{k.sources[s].publisher}: {k.sources[s].title}]({k.sources[s].url})"
                    for s in fact.sources
                )
                + "]"
            )

with section("sources", "sources.sources"):
    for src in k.sources.values():
        st.markdown(
            f"- {src.publisher}: [{src.title}]({src.url}) – {t('sources.read', month=t.month(src.read_in))}"
        )

with section("changelog", "changelog.title"):
    for version, day, entries in versions(k):
        st.markdown(f"**{t('changelog.version', version=version, date=t.date(day))}**")
        for entry in entries:
            st.markdown(f"- {t.pick(entry.text)}")

with section("disclaimer", "sources.disclaimer_title"):
    st.write(t("sources.disclaimer"))
    st.subheader(t("sources.version"), anchor=False)
    st.write(version_line(t))

with section("imprint", "sources.imprint"):
    imprint = operator_imprint()
    if imprint:
        st.text(imprint)  # the operator's text as written: plain text, never Markdown or HTML
    else:
        st.info(t("sources.imprint_text"))
footer(t)
