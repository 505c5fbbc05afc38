"""The whole path in a real browser, and proof that it stays private.

One person answers the questions with clicks and typing, gets the result, copies the share link, opens it in a
fresh browser, switches the language and downloads both files. The module runs the path once (a fixture) and
each test checks one thing it proves. Meanwhile every request the browser makes is recorded, and afterwards
the server's log is searched for the answers.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kicheck import clock
from kicheck.texts import Texts
from tests.e2e.conftest import CONFIG_RELOADED, new_context
from tests.e2e.driver import Tab, host, unfold_ics
from tests.e2e.questionnaire import choose, for_me, pick, submit, type_age, type_date

pytestmark = pytest.mark.browser

# Distinctive answers, so finding them in the server log cannot be a coincidence.
AGE = 37
OBJECTED_FB = date(2025, 7, 14)  # a day that appears nowhere in the app's content
# "I don't know" (linked) stays an unknown in the link (v1.1). Instagram: "not yet": the page tells the person
# to object now, so the .ics reminds them to check the confirmation e-mail.
SHARED_PATH = f"/result?v=1.1&lang=de&age={AGE}&svc=fb,ig,wa&pub=fb&ai=wa&linked=unknown&obj_fb=2025-07-14"
EXPECTED = {"fb": "partly", "ig": "in_use", "wa": "in_use"}
# Every way the answers could be written into a log line: link parameters and the dates in any format.
ANSWER_TRACES = (
    rf"age={AGE}",
    rf"(?<![\d.:]){AGE}(?!\d)",  # the bare number (ports and IP addresses excluded by the look-behind)
    r"obj_fb",
    r"svc=",
    r"2025-07-14",
    r"14\.07\.2025",
    r"14/07/2025",
    r"20250714",
    r"14\. Juli 2025",
    r"14 July 2025",
    r"Jul(y)? 14, 2025",
)
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[.,]\d+ ", re.MULTILINE)  # Streamlit's log prefix


@dataclass
class Journey:
    """What the person saw and got on the whole path."""

    verdicts: dict[str, str]
    link: str
    clipboard: str
    shared_verdicts: dict[str, str]
    url_in_english: str
    verdicts_in_english: dict[str, str]
    action_links: list[str]
    summary_name: str
    summary: str  # the summary page's text, HTML entities read back
    ics_name: str
    ics: str
    requests: list[str]
    dialogs: list[str]
    browser_zone: str  # the time zone the browser tells the page (the link's day is that zone's day)


def answer_questions(tab: Tab, t: Texts) -> None:
    for_me(tab, t)
    type_age(tab, t, AGE)
    for code in ("fb", "ig", "wa"):
        pick(tab, "q-svc", t.service(code))
    pick(tab, "q-pub", t.service("fb"))
    pick(tab, "q-ai", t.service("wa"))
    choose(tab, t("q.linked"), t("answer.linked_unknown"))
    choose(tab, t("q.objection", service="Facebook"), t("answer.objection_on_date"))
    type_date(tab, t("q.objection_date", service="Facebook"), "q-obj-fb", OBJECTED_FB)
    choose(tab, t("q.objection", service="Instagram"), t("answer.objection_not_yet"))
    submit(tab, t)
    expect(tab.page).to_have_url(re.compile(r"/result\?"))
    expect(tab.key("share")).to_be_visible()


def copy_share_link(tab: Tab, t: Texts) -> str:
    """Press the large "copy link" button and read what reached the clipboard."""
    button = tab.key("share").get_by_role("button", name=t("result.copy"))
    button.click()
    expect(tab.key("share").get_by_role("status")).to_have_text(t("result.copied"))
    return tab.page.evaluate("() => navigator.clipboard.readText()")


def download(tab: Tab, key: str) -> tuple[str, str]:
    with tab.page.expect_download() as info:
        tab.key(key).get_by_role("button").click()
    return info.value.suggested_filename, Path(info.value.path()).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def journey(browser, server, kb) -> Journey:
    # Re-read config.toml first: Streamlit 1.67 turns uvicorn's access log (every URL, so every answer) back
    # on when it does. The log must stay clean even then.
    server.reload_config()
    de, en = Texts(kb, "de"), Texts(kb, "en")
    context, fresh = new_context(browser), new_context(browser)
    try:
        tab = Tab(context.new_page(), server.url)
        tab.open("/")
        answer_questions(tab, de)
        verdicts, link, clipboard = tab.verdicts(), tab.share_link(), copy_share_link(tab, de)

        other = Tab(fresh.new_page(), server.url)
        other.act(lambda: other.page.goto(link))
        shared_verdicts = other.verdicts()

        tab.act(lambda: tab.key("lang_switch").get_by_role("radio", name="EN").click())
        expect(tab.key("status-fb")).to_contain_text(en.status(EXPECTED["fb"]))
        # The actions' own links (the authorities' list, one tap away in its expander, is a directory of all
        # authorities, not a step of this person's result: the summary names the complaint step and its link).
        actions = (
            tab.key("actions")
            .locator("a[href^='http']:not(.st-key-dpa a)")
            .evaluate_all("as => as.map(a => a.getAttribute('href'))")
        )
        summary_name, summary = download(tab, "download-summary")
        ics_name, ics = download(tab, "download-ics")
        return Journey(
            verdicts, link, clipboard, shared_verdicts, tab.page.url, tab.verdicts(), actions,
            summary_name, html.unescape(summary), ics_name, ics, tab.requests + other.requests, tab.dialogs + other.dialogs,
            tab.page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone"),
        )  # fmt: skip
    finally:
        context.close()
        fresh.close()


# WhatsApp's "In use" is the safe-side assumption (F18), and so is Instagram's with linked "don't know" (judged
# not linked; if linked, Facebook's objection may cover it): their badges say so.
ASSUMED = {"wa", "ig"}


def labels(kb, lang: str) -> dict[str, str]:
    t = Texts(kb, lang)
    return {
        code: t("status.in_use_assumed") if code in ASSUMED else t.status(status)
        for code, status in EXPECTED.items()
    }


def test_answers_give_the_expected_verdicts(journey, kb):
    """Clicking and typing the answers leads to the result page with one verdict per chosen service."""
    assert journey.verdicts == labels(kb, "de")


def test_share_link_is_the_canonical_link_and_copies(journey, server, kb):
    """The share box holds the canonical link of exactly these answers, and its copy button copies it."""
    # The day it was made, in the browser's time zone (Berlin's differs from UTC's each evening), and the knowledge.
    made = f"&d={clock.today_in(journey.browser_zone)}&k={kb.meta.version}"
    assert journey.link == server.url + SHARED_PATH + made
    assert journey.clipboard == journey.link


def test_share_link_gives_the_same_verdicts_in_a_fresh_browser(journey):
    """The link alone (new context: no cookies, no session) reproduces the same verdicts."""
    assert journey.shared_verdicts == journey.verdicts


def test_language_switch_translates_and_keeps_the_language_in_the_link(journey, kb):
    """Switching to English translates the verdicts and puts lang=en into the page's address."""
    assert "lang=en" in journey.url_in_english
    assert journey.verdicts_in_english == labels(kb, "en")


def test_summary_page_holds_the_verdicts_and_the_form_links(journey, kb):
    """The summary download (one HTML page) names each service with its verdict and carries every link the
    actions show."""
    assert journey.summary_name.endswith(".html")
    t = Texts(kb, "en")
    for code, label in labels(kb, "en").items():
        assert f'{t.service(code)}: <span class="status">{label}</span>' in journey.summary
    assert journey.action_links, "the actions show at least one link"
    missing = [href for href in journey.action_links if f'href="{href}"' not in journey.summary]
    assert not missing


def test_ics_reminder_is_a_calendar_with_an_event(journey):
    """The .ics download is an iCalendar file with a reminder event that links back to the result."""
    assert journey.ics_name.endswith(".ics")
    ics = unfold_ics(journey.ics)
    assert ics.startswith("BEGIN:VCALENDAR") and ics.rstrip().endswith("END:VCALENDAR")
    assert "BEGIN:VEVENT" in ics and "END:VEVENT" in ics and "SUMMARY:" in ics
    assert f"lang=en&age={AGE}" in ics


def test_every_request_stays_on_this_machine(journey, server, report):
    """No font, script, image, favicon or telemetry request leaves the app's own 127.0.0.1 address."""
    hosts = Counter(host(url) for url in journey.requests)
    kinds = Counter(url.split(":", 1)[0] for url in journey.requests)
    report.note("requests on the whole path", f"{dict(hosts)} by scheme {dict(kinds)}")
    assert set(hosts) <= {server.origin, ""}, hosts
    assert journey.dialogs == []


def test_server_log_holds_none_of_the_answers(journey, server):
    """After the whole path (and a config re-read), the server's log holds none of the answer values."""
    assert any(f"age={AGE}" in url for url in journey.requests), "the answers did reach the server"
    log = server.log_text()
    assert CONFIG_RELOADED in log, "this is the live log, and the config was re-read during the run"
    text = TIMESTAMP.sub("", log)
    found = {pattern: m.group(0) for pattern in ANSWER_TRACES if (m := re.search(pattern, text))}
    assert not found, f"answers in the server log: {found}"
