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


def imported_packages(folder: str) -> dict[str, set[str]]:
    """The top-level packages each Python file under `folder` imports."""
    found = {}
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text())
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
        found[str(path.relative_to(ROOT))] = {n.split(".")[0] for n in names}
    return found


def test_tests_and_bench_share_code_only_through_testkit():
    """tests/ never imports bench/, bench/ never imports tests/, testkit/ imports neither: shared code has one
    home (testkit/), and a benchmark change cannot break a test's helper unseen."""
    crossing = [f for f, names in imported_packages("tests").items() if "bench" in names]
    crossing += [f for f, names in imported_packages("bench").items() if "tests" in names]
    crossing += [f for f, names in imported_packages("testkit").items() if names & {"tests", "bench"}]
    assert crossing == []
