"""'Weiß ich nicht' on a 375 px phone: judged on the safe side, and the result says what holds if the person
finds out. Before, the result said only that it assumed the worst, not what would change (failed before)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kicheck.texts import Texts
from tests.e2e.questionnaire import choose, pick, start_check, submit

pytestmark = pytest.mark.browser


def test_the_result_says_what_changes_if_the_person_finds_out(phone, de):
    """'Don't know' answers are judged on the safe side, and the result says what finding out would change."""
    start_check(phone, de, 40, ["fb", "wa"])
    pick(phone, "q-ai", de("answer.ai_unknown"))
    choose(phone, de("q.objection", service="Facebook"), de("answer.objection_unknown"))
    submit(phone, de)
    expect(phone.page).to_have_url(re.compile(r"/result\?"))
    start = de.date(de.knowledge.meta.training_start)
    fb = de("note.linked_change", service="Facebook", status=de.status("protected"))
    wa = de("note.linked_change", service="WhatsApp", status=de.status("not_affected"))
    expect(phone.page.get_by_text(de("note.if_known_obj", start=start, changes=fb))).to_be_visible()
    expect(phone.page.get_by_text(de("note.if_known_ai", changes=wa))).to_be_visible()
    # the safe side is what the cards show
    expect(phone.key("status-fb")).to_contain_text(de.status("in_use"))
    expect(phone.key("status-wa")).to_contain_text(de.status("in_use"))


def test_a_parent_reads_it_about_the_child(phone, de, kb):
    """A parent's link speaks to the parent about the child on the result page."""
    parent = Texts(kb, "de", for_child=True)
    phone.open("/check?v=1.2&lang=de&who=child&age=15&bd=unknown&svc=ig&ai=ig")
    submit(phone, de)
    expect(phone.page).to_have_url(re.compile(r"/result\?"))
    ig = de("note.linked_change", service="Instagram", status=de.status("not_affected"))
    expect(phone.page.get_by_text(parent("note.if_known_bd", changes=ig))).to_be_visible()
