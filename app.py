"""Meta-KI-Check: the router. Pages live in pages/, the rules in kicheck/."""

from pathlib import Path

import streamlit as st

from ui.common import leave_legacy_pages_mode, texts

HERE = Path(__file__).parent

leave_legacy_pages_mode()
t = texts()
st.set_page_config(page_title="Meta-KI-Check", page_icon=str(HERE / "static" / "icon.png"), layout="centered")
pages = [
    st.Page(HERE / "pages" / "check.py", title=t("nav.check"), url_path="check", default=True),
    st.Page(HERE / "pages" / "result.py", title=t("nav.result"), url_path="result"),
    st.Page(HERE / "pages" / "chronology.py", title=t("nav.timeline"), url_path="timeline"),
    st.Page(HERE / "pages" / "sources.py", title=t("nav.sources"), url_path="sources"),
]
st.navigation(pages, position="top").run()
