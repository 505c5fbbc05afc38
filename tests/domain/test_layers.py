"""The floors of the house: the domain decides, the pages render."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_domain_never_imports_streamlit():
    """The domain decides, the pages render: kicheck/ has no Streamlit import."""
    for path in ROOT.glob("kicheck/*.py"):
        tree = ast.parse(path.read_text())
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(n.split(".")[0] == "streamlit" for n in names), path.name
