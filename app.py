"""Meta-KI-Check: the router (ui/router.py). Pages live in pages/, the rules in kicheck/."""

from pathlib import Path

import streamlit as st

from ui import fair_share, media_ids, router, server_log, tcp_nodelay
from ui.common import texts

HERE = Path(__file__).parent

media_ids.install()  # before any page offers a download: /media ids nobody can compute from answers
server_log.install()  # no visitor can grow the log by sending messages Streamlit ignores
fair_share.install()  # the event loop, which serves every visitor, is not starved by one script run
tcp_nodelay.install()  # a page's messages leave at once, not 40 ms late behind an unacknowledged one
t = texts()
st.set_page_config(page_title="Meta-KI-Check", page_icon=str(HERE / "static" / "icon.png"), layout="centered")
# Each page's run waits for its fair turn among the visitors' addresses (ui/fair_share.py).
with fair_share.turn():
    router.run_visited_page(t)
