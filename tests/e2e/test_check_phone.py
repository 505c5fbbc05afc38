"""The check on a phone: German, 375 px, the real widgets; nothing lost, nothing assumed.

Each test is one "wrong result that nothing warns about" and failed on main 9669f55:
a language switch wiped the radio answers and the dates, "Yes, on this day" came with today's date, "No" was
preselected for linked accounts, and an untouched form gave the no-account verdict.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from kicheck.present import headline_and_rest
from kicheck.texts import Texts
from tests.e2e.driver import Tab
from tests.e2e.questionnaire import (
    choose,
    date_field,
    for_me,
    option,
    pick,
    picked,
    submit,
    submit_refused,
    switch_language,
    type_age,
    type_date,
)

pytestmark = pytest.mark.browser

OBJECTED_FB = date(2025, 7, 14)
OBJECTED_IG = date(2025, 6, 2)


@pytest.fixture
def en(kb) -> Texts:
    return Texts(kb, "en")


def answer_everything(tab: Tab, t: Texts) -> None:
    """A minor whose profile says 18+, with Facebook, Instagram and WhatsApp, linked, two dated objections."""
    for_me(tab, t)
    type_age(tab, t, 16)
    choose(tab, t("q.birthdate"), t("answer.bd_wrong"))
    for code in ("fb", "ig", "wa"):
        pick(tab, "q-svc", t.service(code))
    pick(tab, "q-pub", t.service("fb"))
    pick(tab, "q-ai", t.service("wa"))
    choose(tab, t("q.linked"), t("answer.linked_yes"))
    for code, day in (("fb", OBJECTED_FB), ("ig", OBJECTED_IG)):
        service = t.service(code)
        choose(tab, t("q.objection", service=service), t("answer.objection_on_date"))
        type_date(tab, t("q.objection_date", service=service), f"q-obj-{code}", day)


def expect_everything(tab: Tab, t: Texts) -> None:
    """The answers of answer_everything, shown in t's language."""
    expect(option(tab, t("q.who"), t("answer.who_self"))).to_be_checked()
    expect(tab.page.get_by_label(t("q.age"))).to_have_value("16")
    expect(option(tab, t("q.birthdate"), t("answer.bd_wrong"))).to_be_checked()
    assert picked(tab, "q-svc") == [t.service(c) for c in ("fb", "ig", "wa")]
    assert picked(tab, "q-pub") == [t.service("fb")]
    assert picked(tab, "q-ai") == [t.service("wa")]
    expect(option(tab, t("q.linked"), t("answer.linked_yes"))).to_be_checked()
    for code, day in (("fb", OBJECTED_FB), ("ig", OBJECTED_IG)):
        service = t.service(code)
        expect(option(tab, t("q.objection", service=service), t("answer.objection_on_date"))).to_be_checked()
        expect(date_field(tab, f"q-obj-{code}")).to_have_value(day.strftime("%d.%m.%Y"))


def test_language_switch_keeps_every_answer_on_every_page(phone, de, en):
    """Deutsch -> English -> Deutsch on the check page, and a switch on another page, keep every answer."""
    phone.open("/")
    answer_everything(phone, de)
    switch_language(phone, "EN")
    expect(phone.page.get_by_text(en("check.title"))).to_be_visible()
    expect_everything(phone, en)
    switch_language(phone, "DE")
    expect_everything(phone, de)
    phone.navigate("/sources")
    switch_language(phone, "EN")
    phone.navigate("/")
    expect_everything(phone, en)
    submit(phone, en)
    expect(phone.page).to_have_url(re.compile(r"/result\?"))
    url = unquote(phone.page.url)
    for part in ("age=16", "bd=wrong", "svc=fb,ig,wa", "pub=fb", "ai=wa", "linked=1"):
        assert part in url
    assert f"obj_fb={OBJECTED_FB}" in url and f"obj_ig={OBJECTED_IG}" in url


def test_objection_date_is_never_assumed(phone, de):
    """'Yes, on this day' shows an empty date field; submitting it without a date asks for the date."""
    phone.open("/")
    for_me(phone, de)
    pick(phone, "q-svc", de.service("fb"))
    pick(phone, "q-ai", de("answer.ai_none"))
    objection = de("q.objection", service="Facebook")
    choose(phone, objection, de("answer.objection_on_date"))
    expect(date_field(phone, "q-obj-fb")).to_have_value("")
    submit_refused(phone, de, "q-obj-fb", de("check.missing_date"))
    expect(phone.key("submit-problems")).to_contain_text(de("check.missing"))
    type_date(phone, de("q.objection_date", service="Facebook"), "q-obj-fb", OBJECTED_FB)
    submit(phone, de)
    expect(phone.page).to_have_url(re.compile(rf"/result\?.*obj_fb={OBJECTED_FB}"))


def test_uncertain_answers_stay_uncertain_on_the_page(phone, de):
    """Linked accounts: nothing preselected, 'I don't know' offered; the day-unknown objection is 'before 27 May'."""
    phone.open("/")
    for_me(phone, de)
    pick(phone, "q-svc", de.service("fb"))
    pick(phone, "q-svc", de.service("ig"))
    pick(phone, "q-ai", de("answer.ai_none"))
    choose(phone, de("q.objection", service="Instagram"), de("answer.objection_not_yet"))
    for answer in ("yes", "no", "unknown"):
        expect(option(phone, de("q.linked"), de(f"answer.linked_{answer}"))).not_to_be_checked()
    objection = de("q.objection", service="Facebook")
    expect(option(phone, objection, de("answer.objection_by_deadline"))).to_have_count(1)
    expect(phone.page.get_by_text("bis zum 26. Mai 2025")).to_have_count(0)
    choose(phone, objection, de("answer.objection_by_deadline"))
    expect(date_field(phone, "q-obj-fb")).to_have_count(0)  # no day is asked for, none is made up
    submit(phone, de)
    expect(phone.key("q-linked")).to_contain_text(
        de("check.missing_linked")
    )  # unanswered is not "don't know"
    choose(phone, de("q.linked"), de("answer.linked_unknown"))
    submit(phone, de)
    # The link keeps both as unknowns (share link v1.1): no made-up day, no "not linked".
    expect(phone.page).to_have_url(re.compile(r"/result\?.*linked=unknown.*obj_fb=before-start"))


def test_a_check_without_any_service_choice_asks_back(phone, de):
    """An untouched form is a question back, not the no-account verdict; 'I have no Meta account' is a choice."""
    phone.open("/")
    submit_refused(phone, de, "q-svc", de("check.missing_services"))
    expect(phone.key("q-who")).to_contain_text(de("check.missing_who"))
    for_me(phone, de)
    pick(phone, "q-svc", de("answer.no_account"))
    submit(phone, de)
    expect(phone.page).to_have_url(re.compile(r"/result\?.*svc=none"))
    # The summary's first sentence is the heading; the rest stands under it.
    headline, rest = headline_and_rest(de("summary.no_services"))
    expect(phone.page.get_by_role("heading", name=headline)).to_be_visible()
    expect(phone.page.get_by_text(rest)).to_be_visible()


def test_a_link_without_services_is_a_notice_not_a_verdict(phone, de):
    """A result link without svc shows a notice and the way to the check, not the no-account verdict."""
    phone.open("/result?v=1&lang=de&age=30")
    expect(phone.key("no-services")).to_contain_text(de("result.no_services"))
    expect(phone.page.get_by_text(headline_and_rest(de("summary.no_services"))[1])).to_have_count(0)
    phone.act(lambda: phone.key("no-services").get_by_role("link", name=de("result.start_check")).click())
    expect(phone.page.get_by_label(de("q.age"))).to_have_value("30")


def test_no_account_excludes_the_services(phone, de):
    """Choosing 'no Meta account' clears chosen services, and choosing a service clears 'no Meta account'."""
    phone.open("/")
    pick(phone, "q-svc", de.service("fb"))
    pick(phone, "q-svc", de("answer.no_account"))
    assert picked(phone, "q-svc") == [de("answer.no_account")]
    pick(phone, "q-svc", de.service("ig"))
    assert picked(phone, "q-svc") == [de.service("ig")]
