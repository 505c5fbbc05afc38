"""Meta-KI-Check's domain: answers and share link, knowledge base, verdict rules, timeline and reports.

Plain Python, no Streamlit: the pages in pages/ only render what this package decides.
"""
