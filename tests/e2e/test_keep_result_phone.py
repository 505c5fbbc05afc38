"""Sharing and keeping the result on a German 375 px phone, through the real buttons and links.

Before: "Teilen" did not exist (copying was all), "Link kopieren" silently did nothing where the browser has no
clipboard API (any plain-HTTP address), the summary was a Markdown file a phone cannot open without an app,
"Antworten ändern" opened the result again in a new tab, and after submitting the keyboard stood at the top.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.questionnaire import choose, for_me, pick, submit, type_age

pytestmark = pytest.mark.browser

RESULT = "/result?v=1.1&lang=de&age=34&svc=fb&ai=fb&obj_fb=2025-07-01"


def test_share_opens_the_phones_share_sheet_with_the_link(phone, de):
    """Where the browser has a share sheet, 'Teilen' hands it the result's link (and the title)."""
    phone.page.add_init_script(
        "navigator.share = (data) => { window.kcShared = data; return Promise.resolve(); };"
    )
    phone.open(RESULT)
    button = phone.key("share").get_by_role("button", name=de("result.share_button"))
    expect(button).to_be_visible()
    button.click()
    shared = phone.page.wait_for_function("() => window.kcShared").json_value()
    assert shared == {"title": de("result.share_title"), "url": phone.share_link()}


def test_without_a_share_sheet_the_share_button_is_not_offered(phone, de):
    """Most desktop browsers have no share sheet: no dead button, copying stays."""
    phone.page.add_init_script("delete Navigator.prototype.share;")
    phone.open(RESULT)
    expect(phone.key("share").get_by_role("button", name=de("result.share_button"))).to_be_hidden()
    expect(phone.key("share").get_by_role("button", name=de("result.copy"))).to_be_visible()


def test_copy_without_a_clipboard_selects_the_link_and_says_so(phone, de):
    """On plain HTTP there is no clipboard API: the link is selected for copying by hand, with a visible line."""
    phone.page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    phone.open(RESULT)
    phone.key("share").get_by_role("button", name=de("result.copy")).click()
    expect(phone.key("share").get_by_role("status")).to_have_text(de("result.copy_by_hand"))
    selected = phone.page.evaluate(
        "() => { const f = document.activeElement; return f.value.slice(f.selectionStart, f.selectionEnd); }"
    )
    assert selected == phone.share_link()


def test_the_summary_is_a_page_a_phone_opens(phone, de):
    """The summary downloads as one HTML page with no script, named in everyday words, not 'Markdown'."""
    phone.open(RESULT)
    button = phone.key("downloads").get_by_role("button", name=de("result.download_summary"))
    with phone.page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == de("file.summary")
    page = Path(download.path()).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert de("status.partly") in page and phone.share_link().split("?")[1].replace("&", "&amp;") in page
    expect(phone.page.get_by_text("Markdown")).to_have_count(0)


def test_change_answers_is_a_real_link_that_works_in_a_new_tab(phone, de):
    """'Antworten ändern' is a link to the questions with the answers in it: opened in a new tab, the check
    page shows them."""
    phone.open(RESULT)
    link = phone.page.get_by_role("link", name=de("result.change")).first
    href = link.get_attribute("href")
    assert href.startswith("check?")
    other = phone.page.context.new_page()
    try:
        other.goto(phone.page.url.split("/result")[0] + "/" + href)
        expect(other.get_by_label(de("q.age"))).to_have_value("34", timeout=30_000)
        expect(other.get_by_role("heading", name=de("check.title"), level=1)).to_be_visible()
    finally:
        other.close()


def test_after_submitting_the_keyboard_starts_at_the_result(phone, de):
    """After 'Ergebnis anzeigen' the focus is on the result's headline, not at the top of the page."""
    phone.open("/")
    for_me(phone, de)
    type_age(phone, de, 30)
    pick(phone, "q-svc", de.service("th"))
    submit(phone, de)
    expect(phone.page).to_have_url(re.compile(r"/result\?"))
    focused = phone.page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.st-key-summary')"
        " && document.activeElement.tagName"
    ).json_value()
    assert focused == "H2"


def test_the_service_buttons_say_how_to_pick_with_the_keyboard(phone, de):
    """The service buttons say how to pick them with the keyboard, in German."""
    phone.open("/")
    expect(phone.key("q-svc")).to_contain_text(de("check.keyboard_hint"))
    choose(phone, de("q.who"), de("answer.who_self"))
