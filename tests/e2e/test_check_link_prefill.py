"""Changing answers from a link on a 375 px phone: only what the link answered is chosen.

An adult's link ("Antworten ändern") never had the birth-date question. When the age was corrected to 15 (a
typo, or a parent reusing their own link for their child), the question appeared with "correct birth date"
already chosen, and the result said "Not affected" although the profile may say 19. Failed before.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.questionnaire import choose, option, submit, submit_refused, type_age

pytestmark = pytest.mark.browser


def test_a_corrected_age_asks_the_birth_date_unanswered(phone, de):
    """Correcting a link's age to under 18 asks the birth-date question unanswered, never preselected."""
    phone.open("/check?v=1.1&lang=de&age=40&svc=ig&obj_ig=before-start")
    type_age(phone, de, 15)
    for answer in ("ok", "wrong", "unknown"):
        expect(option(phone, de("q.birthdate"), de(f"answer.bd_{answer}"))).not_to_be_checked()
    submit_refused(phone, de, "q-birthdate", de("check.missing_birthdate"))
    choose(phone, de("q.birthdate"), de("answer.bd_wrong"))
    submit(phone, de)
    expect(phone.page).to_have_url(re.compile(r"/result\?.*age=15&bd=wrong"))


def test_a_minors_link_keeps_its_birth_date_answer(phone, de):
    """A v1 link for a 15-year-old without bd means "correct" (the contract): shown as chosen, as the link says."""
    phone.open("/check?v=1&lang=de&age=15&svc=ig")
    expect(option(phone, de("q.birthdate"), de("answer.bd_ok"))).to_be_checked()
