"""Share link v1.2 on the pages: a parent's link speaks to the parent; a bad v1.2 value gets a notice."""

import pytest

from kicheck.link import decode_query
from kicheck.present import problem_lines
from kicheck.texts import Texts
from tests.app.conftest import texts_in
from tests.conftest import TODAY


def test_a_parents_link_speaks_to_the_parent(open_page, kb):
    at = open_page("/result", "v=1.2&lang=de&who=child&age=15&bd=unknown&svc=ig&ai=ig")
    parent = Texts(kb, "de", for_child=True)
    assert at.title[0].value == parent("result.title")
    with pytest.raises(KeyError):  # a valid v1.2 link: no notice
        at.get_by_key("link-notice")


def test_an_unknown_who_is_dropped_with_a_notice(open_page, kb):
    query = "v=1.2&lang=de&who=parent&age=15&svc=ig"
    at = open_page("/result", query)
    shown = " ".join(texts_in(at, "link-notice"))
    for line in problem_lines(decode_query(query, TODAY), Texts(kb, "de")):
        assert line in shown
    assert at.title[0].value == Texts(kb, "de")("result.title")  # judged for the person, as without who=
