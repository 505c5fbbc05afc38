"""The result on a phone (issue 10): what to do first, copying the link, and the way around the app.

German, 375 x 812 px. On main 9669f55 the first objection button sat about 1,700 px down, the share box had
only an English hover icon, and the menu's Result entry said "this link holds no answers" after a check.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from bench.readability import PEOPLE
from kicheck.link import encode
from kicheck.texts import Texts
from kicheck.verdict import decide
from tests.e2e.driver import Tab
from tests.e2e.questionnaire import PHONE, choose, for_me, pick, submit
from ui.common import STREAMLIT_WORDS

pytestmark = pytest.mark.browser

NOT_OBJECTED = "/result?v=1&lang=de&age=34&svc=fb,ig,wa&pub=ig&ai=wa"


def test_verdict_and_first_action_on_the_first_phone_screen(phone, de, report):
    """Someone who has not objected sees the verdict and the first objection button without scrolling."""
    phone.open(NOT_OBJECTED)
    button = phone.key("action-object_service").get_by_role("link").first
    expect(button).to_be_visible()
    box = button.bounding_box()
    report.note(
        "first action button on a 375 x 812 phone",
        f"top {box['y']:.0f} px, bottom {box['y'] + box['height']:.0f} px",
    )
    assert box["y"] + box["height"] <= PHONE["height"]
    verdict = phone.key("status-fb").bounding_box()
    assert verdict["y"] < box["y"]


def test_copy_button_copies_the_link_in_german(phone, de):
    """A large button labelled in German copies the share link; the link itself is clickable."""
    phone.open(NOT_OBJECTED)
    button = phone.key("share").get_by_role("button", name=de("result.copy"))
    assert button.bounding_box()["height"] >= 44  # a finger-sized target
    button.click()
    expect(phone.key("share").get_by_role("status")).to_have_text(de("result.copied"))
    copied = phone.page.evaluate("() => navigator.clipboard.readText()")
    assert copied == phone.share_link()
    assert copied.startswith(phone.base_url + "/result?v=1.1&lang=de&age=34&svc=fb,ig,wa&pub=ig&ai=wa&")
    expect(phone.key("share").get_by_text("Copy", exact=False)).to_have_count(0)


def open_menu_entry(tab: Tab, t: Texts, name: str) -> None:
    """The menu button beside the page's title, then the page's entry."""
    tab.page.get_by_role("button", name=t("nav.menu")).click()
    entry = tab.page.get_by_test_id("stPopoverBody").get_by_role("link", name=name, exact=True)
    tab.act(entry.click)


def test_menu_result_entry_opens_the_current_result(phone, de):
    """After a check, the menu's Result entry (from another page) opens that person's result, not an empty one."""
    phone.open("/")
    for_me(phone, de)
    pick(phone, "q-svc", de.service("ig"))
    pick(phone, "q-ai", de("answer.ai_none"))
    choose(phone, de("q.objection", service="Instagram"), de("answer.objection_not_yet"))
    submit(phone, de)
    expect(phone.page).to_have_url(re.compile(r"/result\?.*svc=ig"))
    open_menu_entry(phone, de, de("nav.sources"))
    open_menu_entry(phone, de, de("nav.result"))
    expect(phone.key("status-ig")).to_be_visible()
    expect(phone.page).to_have_url(re.compile(r"/result\?.*svc=ig"))


def test_result_links_to_chronology_and_sources(phone, de):
    """The result page leads on to the chronology and the sources without the menu."""
    phone.open(NOT_OBJECTED)
    phone.act(lambda: phone.key("more").get_by_role("link", name=de("result.to_chronology")).click())
    expect(phone.page).to_have_url(re.compile(r"/timeline"))
    expect(phone.page.get_by_role("heading", name=de("timeline_page.title"), level=1)).to_be_visible()


# Streamlit's own English labels that the app replaced: its sidebar menu, st.code's copy icon, the headings'
# anchor links, the date field's calendar.
ENGLISH = (
    "Expand sidebar",
    "Collapse sidebar",
    "App pages",
    "Copy to clipboard",
    "Page not found",
    "Link to heading",
    "Choose date",
)


ALL_QUESTIONS = "/check?lang={lang}&age=15&bd=wrong&svc=fb,ig&obj_fb=2025-07-14"
PAGES = [
    ALL_QUESTIONS,
    NOT_OBJECTED.replace("lang=de", "lang={lang}"),
    "/timeline?lang={lang}",
    "/sources?lang={lang}",
]

# Every string a person can see or hear: text (not Material icon ligatures, which show as icons and are hidden
# from screen readers), aria-label, title, placeholder, alt.
STRINGS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (el.closest('script, style, [data-testid=stIconMaterial], [aria-hidden=true]')) continue;
    const text = node.nodeValue.trim();
    if (text) out.push(text);
  }
  for (const a of ['aria-label', 'title', 'placeholder', 'alt'])
    document.querySelectorAll('[' + a + ']').forEach(e => out.push(e.getAttribute(a).trim()));
  return out;
}"""


def other_language_words(kb, lang: str) -> set[str]:
    """The app's own texts in the other language (where they differ), and Streamlit's English words."""
    other = "en" if lang == "de" else "de"
    mine = set(kb.texts[lang].values())
    words = {text for key, text in kb.texts[other].items() if text not in mine and "{" not in text}
    return words | (set(STREAMLIT_WORDS) - mine if lang == "de" else set())


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_one_language_per_page(phone, kb, lang, path):
    """A page says its language (<html lang>) and shows and reads out no word of the other one: not Streamlit's
    English ("Press Enter to apply", "Increment", "Skip to main content") on a German page, in text or in
    aria-label, title, placeholder or alt, and none of the app's own texts of the other language."""
    phone.open(path.format(lang=lang))
    expect(phone.page.locator("html")).to_have_attribute("lang", lang)
    if path is ALL_QUESTIONS:
        # Typed but not yet sent: Streamlit shows its "Press Enter to apply" below the field.
        phone.page.locator("input[type=number]").first.fill("16")
        expect(phone.page.get_by_test_id("InputInstructions").first).to_be_visible()
    strings = phone.page.evaluate(STRINGS)
    assert not [s for s in strings if any(word in s for word in ENGLISH)] or lang == "en"
    foreign = other_language_words(kb, lang)
    assert sorted({s for s in strings if s in foreign}) == []


@pytest.mark.parametrize("person", list(PEOPLE), ids=[p.split(",")[0] for p in PEOPLE])
def test_first_action_starts_on_the_first_phone_screen_for_the_five_people(phone, kb, report, person):
    """Issue 17: verdict, then the first action on the first screen (375 x 812) for each of the five people.

    On i17b's base (main 18db1b0) the 24-year-old's first action started at 894 px under a 37-word headline."""
    answers = PEOPLE[person]
    first = decide(answers, kb, date.today()).actions[0].id  # the server judges as of today
    phone.open("/result?" + encode(answers))
    action = phone.key(f"action-{first}")
    expect(action).to_be_visible()
    top = action.bounding_box()["y"]
    headline = phone.key("summary").bounding_box()
    report.note(f"first action on a 375 x 812 phone: {person}", f"{first} starts at {top:.0f} px")
    assert headline["y"] < top < PHONE["height"]
