"""What the tests and the benchmark share, in one place: neither imports the other.

processes: starting `streamlit run` and nginx as children (own process group, output in a file, health polled,
stopped by their own id); chromium: Debian's Chromium and its flags; visitors: a visitor without a browser
(Streamlit's websocket protocol); links: generated share links; readability: how hard the result page reads.
"""
