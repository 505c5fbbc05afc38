"""Real-browser tests: Debian's Chromium against a real `streamlit run` (marked `browser`)."""
