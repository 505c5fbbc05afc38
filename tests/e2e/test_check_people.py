"""People the check did not speak to before, clicked through on a German 375 px phone with the real widgets.

A parent checking for a 15-year-old got "Not affected" because "correct birth date" was preselected, although
the child's profile may say 19; someone unsure whether they objected in 2024, or whether they ever wrote to Meta
AI, had to pick an answer they did not know. Each test failed before share link v1.2.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from kicheck.present import headline_and_rest
from kicheck.texts import Texts
from tests.e2e.questionnaire import choose, for_me, option, pick, submit, type_age

pytestmark = pytest.mark.browser


@pytest.fixture
def parent(kb) -> Texts:
    """The German texts as a parent reads them ("Ihr Kind")."""
    return Texts(kb, "de", for_child=True)


def test_a_parent_checks_for_a_child_and_nothing_is_assumed(phone, de, parent):
    """'Für mein Kind': the questions speak of the child, the profile's birth date starts unanswered and must be
    answered, and "Weiß ich nicht" gives the safe side, said to the parent, with the parent's own step."""
    phone.open("/")
    choose(phone, de("q.who"), de("answer.who_child"))
    type_age(phone, parent, 15)  # the field is labelled "Wie alt ist Ihr Kind?"
    for answer in ("ok", "wrong", "unknown"):
        expect(option(phone, parent("q.birthdate"), parent(f"answer.bd_{answer}"))).not_to_be_checked()
    pick(phone, "q-svc", de.service("ig"))
    pick(phone, "q-ai", de("answer.ai_none"))
    choose(phone, parent("q.objection", service="Instagram"), de("answer.objection_not_yet"))
    submit(phone, de)
    expect(phone.page).not_to_have_url(re.compile(r"/result"))
    expect(phone.key("q-birthdate")).to_contain_text(de("check.missing_birthdate"))
    choose(phone, parent("q.birthdate"), parent("answer.bd_unknown"))
    submit(phone, de)
    expect(phone.page).to_have_url(re.compile(r"/result\?"))
    url = unquote(phone.page.url)
    assert "who=child" in url and "bd=unknown" in url and "v=1.2" in url
    expect(phone.page.get_by_role("heading", name=parent("result.title"), level=1)).to_be_visible()
    summary = headline_and_rest(parent("summary.in_use_assumed", services="Instagram"))[0]
    expect(phone.page.get_by_role("heading", name=summary)).to_be_visible()
    expect(phone.key("status-ig")).to_contain_text(de("status.in_use"))
    expect(phone.page.get_by_text(parent("result.for_child"))).to_be_visible()
    for action in (
        "parent_with_child",
        "check_birthdate",
    ):  # the actions in a parent's words ("Ihres Kindes")
        title, _ = de.knowledge.actions[action].words(for_child=True)
        expect(phone.page.get_by_text(de.pick(title))).to_be_visible()


def test_unsure_answers_are_answers_and_judged_on_the_safe_side(phone, de):
    """'Weiß ich nicht' for the objection and for Meta AI reach the link and are said on the result."""
    phone.open("/")
    for_me(phone, de)
    type_age(phone, de, 40)
    pick(phone, "q-svc", de.service("fb"))
    pick(phone, "q-svc", de.service("wa"))
    expect(phone.key("q-ai")).to_contain_text(de("what.meta_ai"))
    submit(phone, de)
    expect(phone.key("q-ai")).to_contain_text(de("check.missing_ai"))
    expect(phone.key("q-obj-fb")).to_contain_text(de("check.missing_objection"))
    pick(phone, "q-ai", de.service("wa"))
    pick(phone, "q-ai", de("answer.ai_unknown"))  # "don't know" replaces the services chosen
    choose(phone, de("q.objection", service="Facebook"), de("answer.objection_unknown"))
    submit(phone, de)
    expect(phone.page).to_have_url(re.compile(r"/result\?.*ai=unknown.*obj_fb=unknown"))
    expect(phone.page.get_by_text(de("reason.objection_unknown"))).to_be_attached()
    expect(phone.page.get_by_text(de("reason.ai_unknown")).first).to_be_attached()
    summary = headline_and_rest(de("summary.in_use_assumed", services="Facebook und WhatsApp"))[0]
    expect(phone.page.get_by_role("heading", name=summary)).to_be_visible()
