"""Meta-KI-Check's benchmark: the verdict in-process, the result page in a real browser, memory, a burst.

Run from the repository root with `python -m bench` (or `make bench`); `--quick` for a short run.
Every browser figure is measured side by side with a one-line Streamlit page served the same way.
"""
