"""Meta-KI-Check: the router. Pages live in pages/, the rules in kicheck/."""

from pathlib import Path

import streamlit as st

from ui import fair_share, media_ids, server_log
from ui.common import leave_legacy_pages_mode, texts

HERE = Path(__file__).parent

media_ids.install()  # before any page offers a download: /media ids nobody can compute from answers
server_log.install()  # no visitor can grow the log by sending messages Streamlit ignores
fair_share.install()  # the event loop, which serves every visitor, is not starved by one script run
leave_legacy_pages_mode()
t = texts()
st.set_page_config(page_title="Meta-KI-Check", page_icon=str(HERE / "static" / "icon.png"), layout="centered")
pages = [
    # The check is served at / (the default page) and at /check. A default page reserves its url_path but is
    # not found there in the browser ("Page not found" on /check): so the default is named "start" and /check
    # is the same file as a page of its own. Each other page's file is named like its url_path: the first
    # visitor of a fresh server process is routed by Streamlit's legacy pages/ mode, which looks the path up
    # among the files in pages/ (ui.common.leave_legacy_pages_mode); /timeline served by chronology.py sent
    # that visitor to the start page with "Page not found".
    st.Page(HERE / "pages" / "check.py", title=t("nav.check"), url_path="start", default=True),
    st.Page(HERE / "pages" / "result.py", title=t("nav.result"), url_path="result"),
    st.Page(HERE / "pages" / "timeline.py", title=t("nav.timeline"), url_path="timeline"),
    st.Page(HERE / "pages" / "sources.py", title=t("nav.sources"), url_path="sources"),
    st.Page(HERE / "pages" / "check.py", title=t("nav.check"), url_path="check"),
]
# The menu is the pages' own (ui.common.menu): Streamlit's hides behind a small "»" on a phone, covers most
# of the screen when open, and labels itself in English.
# Each page's run waits for its fair turn among the visitors' addresses (ui/fair_share.py).
with fair_share.turn():
    st.navigation(pages, position="hidden").run()
