"""What bench/readability.py measures is what the result page shows: for the five people of issue 17, every
text it measures (expanders opened) stands on the page AppTest renders, in both languages."""

from __future__ import annotations

import html
import re

import pytest

from bench.readability import PEOPLE, page_texts
from kicheck.answers import Answers
from kicheck.changelog import entries_since
from kicheck.link import encode
from kicheck.outputs import build_result
from kicheck.texts import Texts
from tests.conftest import TODAY

_BADGE = re.compile(r":[a-z]+-badge\[([^\]]*)\]")
_TAG = re.compile(r"<[^>]+>")


def _normal(text: str) -> str:
    text = _BADGE.sub(r"\1", text).replace("&nbsp;", " ")
    text = re.sub(r"\\(.)", r"\1", text).replace("**", "").replace("*", "")
    return " ".join(text.split())


def _page_text(node) -> list[str]:
    out = []
    for child in getattr(node, "children", {}).values():
        for attr in ("value", "label", "placeholder"):
            value = getattr(child, attr, None)
            if isinstance(value, str):
                out.append(value)
        proto = getattr(child, "proto", None)
        for field in ("label", "body"):
            value = getattr(proto, field, None) if proto is not None else None
            if isinstance(value, str):
                out.append(html.unescape(_TAG.sub(" ", value)))
        out += _page_text(child)
    return out


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("person", list(PEOPLE), ids=[p.split(",")[0] for p in PEOPLE])
def test_measured_text_is_on_the_page(open_page, kb, person, lang):
    answers = Answers(**{**PEOPLE[person].__dict__, "lang": lang})
    at = open_page("/result", encode(answers))
    shown = _normal(" ".join(_page_text(at.main)))
    result = build_result(answers, kb, TODAY, "https://example.invalid/result")
    t = Texts(kb, lang, for_child=answers.for_child)
    missing = [
        text
        for text in page_texts(
            result.view, t, result.ics is not None, True, entries_since(kb, None, answers.services)
        )
        if _normal(text) not in shown
    ]
    assert not missing, missing
