"""Copies of data/ that a test changes: one way to edit a YAML file in them (the fixture `data_copy` lives in
tests/conftest.py)."""

from collections.abc import Callable
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"


def edit(path: Path, change: Callable[[object], object]) -> None:
    """Load a YAML file, let `change` alter it in place, write it back."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def by_id(records: list[dict], rid: str) -> dict:
    return next(r for r in records if r.get("id") == rid)
