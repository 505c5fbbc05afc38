"""Sources & privacy: every fact with sources and confidence, the privacy statement, disclaimer, imprint."""

from __future__ import annotations

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


def jump_target(anchor: str) -> None:
    """An element with this id, for the jump links. Not a heading anchor: Streamlit labels those
    "Link to heading" in English on a German page."""
    st.html(f'<span id="{anchor}"></span>')


with st.container(key="privacy"):
    jump_target("privacy")
    st.header(t("sources.privacy"), anchor=False)
    st.write(t("sources.privacy_text"))
    st.subheader(t("sources.link_contents"), anchor=False)
    st.write(t("sources.link_text"))

with st.container(key="facts"):
    jump_target("facts")
    st.header(t("sources.facts"), anchor=False)
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

with st.container(key="sources"):
    jump_target("sources")
    st.header(t("sources.sources"), anchor=False)
    for src in k.sources.values():
        st.markdown(
            f"- {src.publisher}: [{src.title}]({src.url}) – {t('sources.read', month=t.month(src.read_in))}"
        )

with st.container(key="changelog"):
    jump_target("changelog")
    st.header(t("changelog.title"), anchor=False)
    for version, day, entries in versions(k):
        st.markdown(f"**{t('changelog.version', version=version, date=t.date(day))}**")
        for entry in entries:
            st.markdown(f"- {t.pick(entry.text)}")

with st.container(key="disclaimer"):
    jump_target("disclaimer")
    st.header(t("sources.disclaimer_title"), anchor=False)
    st.write(t("sources.disclaimer"))
    st.subheader(t("sources.version"), anchor=False)
    st.write(version_line(t))

with st.container(key="imprint"):
    jump_target("imprint")
    st.header(t("sources.imprint"), anchor=False)
    imprint = operator_imprint()
    if imprint:
        st.text(imprint)  # the operator's text as written: plain text, never Markdown or HTML
    else:
        st.info(t("sources.imprint_text"))
footer(t)
