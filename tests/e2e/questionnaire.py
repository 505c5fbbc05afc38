"""Clicking through the check page as a person does: by the questions' and options' visible text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from playwright.sync_api import Locator, expect

from kicheck.texts import Texts
from tests.e2e.driver import Tab

PHONE = {"width": 375, "height": 812}  # a common phone's viewport in CSS pixels


def question(tab: Tab, text: str) -> Locator:
    return tab.page.get_by_role("radiogroup", name=text)


def choose(tab: Tab, question_text: str, option: str) -> None:
    tab.act(lambda: question(tab, question_text).get_by_text(option, exact=True).click())


def option(tab: Tab, question_text: str, option_text: str) -> Locator:
    return question(tab, question_text).get_by_role("radio", name=option_text, exact=True)


def pick(tab: Tab, container: str, name: str) -> None:
    """Click a pill (a multiple-choice button) inside the container with this key."""
    tab.act(lambda: tab.key(container).get_by_role("button", name=name, exact=True).click())


def picked(tab: Tab, container: str) -> list[str]:
    """The names of the pills shown as chosen in the container with this key."""
    active = tab.key(container).locator("button[aria-pressed='true']")
    return [name.strip() for name in active.all_inner_texts()]


def date_field(tab: Tab, container: str) -> Locator:
    return tab.key(container).locator("input[type='text']")


def type_date(tab: Tab, label: str, container: str, day: date) -> None:
    """Type a day (DD.MM.YYYY) into the day field and press Enter, which sends it."""
    field = tab.page.get_by_label(label, exact=True)
    tab.act(lambda: (field.fill(day.strftime("%d.%m.%Y")), field.press("Enter")))
    expect(date_field(tab, container)).to_have_value(day.strftime("%d.%m.%Y"))


def type_age(tab: Tab, t: Texts, age: int) -> None:
    field = tab.page.get_by_label(t("q.age"))
    tab.act(lambda: (field.fill(str(age)), field.press("Enter")))


def switch_language(tab: Tab, name: str) -> None:
    tab.act(lambda: tab.key("lang_switch").get_by_role("radio", name=name).click())


def for_me(tab: Tab, t: Texts) -> None:
    """The first question: whom the check is for (never preselected)."""
    choose(tab, t("q.who"), t("answer.who_self"))


def submit(tab: Tab, t: Texts) -> None:
    tab.act(lambda: tab.key("submit").get_by_role("button", name=t("check.submit")).click())


def start_check(tab: Tab, t: Texts, age: int, services: Iterable[str]) -> None:
    """A fresh check for oneself: whom it is for, the age, the services used (by code)."""
    tab.open("/")
    for_me(tab, t)
    type_age(tab, t, age)
    for code in services:
        pick(tab, "q-svc", t.service(code))


def submit_refused(tab: Tab, t: Texts, container: str, message: str) -> None:
    """Send with an answer missing: the page stays, and the question says what is missing."""
    submit(tab, t)
    expect(tab.page).not_to_have_url(re.compile(r"/result"))
    expect(tab.key(container)).to_contain_text(message)
