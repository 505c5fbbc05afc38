"""Crafted result links in a real browser: whatever a link holds, the page stays a page.

Each link must give: the notice (container `link-notice`) when a value was dropped, no exception element and
no traceback, no script run (no dialog opens), no element made from a value (no <img src=x>, no onerror, no
javascript: link), and a server that keeps answering. A table of known nasty links first, then links drawn by
hypothesis. The codec itself is tested without a browser in tests/domain; these check the page end to end.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from kicheck import knowledge
from kicheck.clock import today_in
from kicheck.link import ANSWER_KEYS, decode_query
from kicheck.present import consequence_lines
from kicheck.texts import Texts
from tests.e2e.conftest import new_context
from tests.e2e.driver import Tab

pytestmark = pytest.mark.browser

KEYS = ("v", "lang", *ANSWER_KEYS)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MD_LINK = "[x](javascript:alert(1))"
MD_IMAGE = "![x](http://example.invalid/x.png)"
PAYLOADS = (SCRIPT, IMG, MD_LINK, MD_IMAGE, "<svg onload=alert(1)>", '"><script>alert(1)</script>')
HUGE = 100_000


def every(value: str) -> str:
    """The same value in every parameter of the link."""
    return urlencode([(key, value) for key in KEYS])


def repeated(key: str, values) -> str:
    return "&".join(f"{key}={quote(str(v))}" for v in values)


# (id, path and query, whether the notice must show, text the notice must show as plain text)
CASES = [
    # markup and script in every parameter: dropped, and shown back as text
    ("script", "/result?" + every(SCRIPT), True, SCRIPT),
    ("img-onerror", "/result?" + every(IMG), True, IMG),
    ("markdown-js-link", "/result?" + every(MD_LINK), True, MD_LINK),
    ("markdown-image", "/result?" + every(MD_IMAGE), True, MD_IMAGE),
    ("svg-onload", "/result?" + every("<svg onload=alert(1)>"), True, "<svg onload=alert(1)>"),
    ("attribute-breakout", "/result?" + every('"><script>alert(1)</script>'), True, '"><script>'),
    ("streamlit-markdown", "/result?" + every(":red[x] :material/warning: $$x$$"), True, ":red[x]"),
    ("markup-in-a-list", "/result?svc=fb," + quote(IMG) + ",ig", True, IMG),
    # unknown keys are listed since v1.1 (shortened, as text)
    ("markup-in-keys", "/result?" + urlencode({SCRIPT: IMG, "svc": "fb", IMG: SCRIPT}), True, SCRIPT),
    # the check page prefills its questions from the same parameters
    ("check-page", "/?" + every(IMG + MD_LINK + MD_IMAGE + SCRIPT), None, None),
    # large values that still fit one read of the HTTP parser (see the 100 kB test below)
    ("12kB-age", "/result?age=" + "9" * 12_000, True, "9" * 20),
    ("12kB-markup", "/result?svc=fb&obj_fb=" + quote("<b>") * 1700, True, "<b><b>"),
    # hundreds of repeated keys (Streamlit reads at most 1000 parameters, see below)
    ("999-same-services", "/result?" + repeated("svc", ["fb"] * 999), True, None),
    ("999-different-ages", "/result?" + repeated("age", range(999)), True, None),
    ("999-versions", "/result?svc=fb&" + repeated("v", range(999)), True, None),
    # unicode
    ("fullwidth-digits", "/result?svc=fb&age=" + quote("３７"), True, "３７"),
    ("right-to-left-override", "/result?svc=fb&lang=" + quote("\u202ede"), True, None),
    ("emoji-and-zero-width", "/result?svc=" + quote("📘,f\u200bb,ig"), True, "📘"),
    ("nul-and-broken-utf8", "/result?svc=fb&age=%00&lang=%ff%fe", True, None),
    # empty values
    ("all-empty", "/result?" + every(""), True, None),
    ("keys-without-values", "/result?v&age&svc&obj_fb", True, None),
    # wrong version numbers
    ("version-2", "/result?v=2&svc=fb", True, None),
    ("version-negative-float", "/result?v=-1.5&svc=fb", True, "-1.5"),
    ("version-huge", "/result?svc=fb&v=" + "9" * 40, True, None),
    # dates that cannot be, or cannot be objections
    ("date-0000-00-00", "/result?svc=fb,ig&obj_fb=0000-00-00", True, "0000-00-00"),
    ("date-9999-12-31", "/result?svc=fb,ig&obj_ig=9999-12-31", True, "9999-12-31"),
    ("date-2025-02-30", "/result?svc=fb&obj_fb=2025-02-30", True, "2025-02-30"),
]
# These open in a fresh page load, as a clicked link does; the others navigate inside the running app.
FRESH = {"script", "img-onerror", "markdown-js-link", "markdown-image", "check-page"}
FRESH_LOADS = {path for name, path, *_ in CASES if name in FRESH}
# Streamlit ignores a query string with more than 1000 parameters as a whole: the page then has no answers.
THOUSANDS = [
    ("2000-empty-ai", "/result?" + "&".join(["ai="] * 2000)),
    ("1500-versions", "/result?" + repeated("v", range(1500))),
]
# 100 kB links: uvicorn's HTTP parser (h11) refuses a request line it gets in pieces over 16 kB, so such a
# link gives either the page or a plain "400 Bad Request"; either way nothing breaks.
HUGE_LINKS = [
    ("100kB-age", "/result?age=" + "9" * HUGE),
    ("100kB-markup", "/result?svc=fb&obj_fb=" + quote("<b>") * (HUGE // 9)),
    ("100kB-list", "/result?svc=" + ",".join(["fb"] * (HUGE // 3))),
]
REFUSED = "Invalid HTTP request received."
PARAMETER_LIMIT = "exceeds the 1000 parameter limit"


@pytest.fixture(scope="module")
def crafted_tab(browser, server) -> Tab:
    """One tab for all crafted links: the app's scripts stay cached, so each link costs one page run."""
    context = new_context(browser)
    yield Tab(context.new_page(), server.url)
    context.close()


def safe_page(tab: Tab, server, log_from: int) -> None:
    """No exception, no traceback, nothing made from a value, no script run, and the server still answers."""
    expect(tab.page.get_by_test_id("stException")).to_have_count(0)
    assert "Traceback" not in tab.page.locator("body").inner_text()
    assert tab.injected() == []
    assert tab.dialogs == [], "a value from the link ran as a script"
    assert server.healthy(), "the server stopped answering"
    assert "Traceback" not in server.log_text()[log_from:]


def check(tab: Tab, server, report, path: str, notice: bool | None, shown: str | None) -> None:
    """Open a crafted link and check the page is safe; `notice` None means "either way"."""
    log_from = len(server.log_text())
    if path in FRESH_LOADS:
        tab.open(path)
    else:
        tab.navigate(path)
    report.crafted += 1
    safe_page(tab, server, log_from)
    if notice is not None:
        expect(tab.key("link-notice")).to_have_count(1 if notice else 0)
    if shown is not None:
        expect(tab.key("link-notice")).to_contain_text(shown)


@pytest.mark.parametrize(("path", "notice", "shown"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_crafted_link_gives_a_safe_page(crafted_tab, server, report, path, notice, shown):
    """A known nasty link gives a page with the notice, shows values only as text, runs nothing, breaks nothing."""
    check(crafted_tab, server, report, path, notice, shown)


@pytest.mark.parametrize("path", [c[1] for c in THOUSANDS], ids=[c[0] for c in THOUSANDS])
def test_thousands_of_parameters_are_ignored_as_a_whole(crafted_tab, server, report, path):
    """Over 1000 parameters, Streamlit drops the whole query: a safe page that says the link holds no answers."""
    log_from = len(server.log_text())
    crafted_tab.open(path)
    report.crafted += 1
    safe_page(crafted_tab, server, log_from)
    expect(crafted_tab.key("no-answers")).to_be_visible()
    assert PARAMETER_LIMIT in server.log_text()[log_from:]


# How Chromium reports a 400 without a body. Which one it says is a race: the refused request fails the
# navigation, or Chromium's own error page for it interrupts the navigation first.
BROWSER_REFUSALS = (
    "net::ERR_HTTP_RESPONSE_CODE_FAILURE",
    'interrupted by another navigation to "chrome-error://',
)


@pytest.fixture
def fresh_tab(browser, server) -> Tab:
    """A new tab per huge link, so no error page left by the previous link can land in this one."""
    context = new_context(browser)
    yield Tab(context.new_page(), server.url)
    context.close()


@pytest.mark.parametrize("path", [c[1] for c in HUGE_LINKS], ids=[c[0] for c in HUGE_LINKS])
def test_huge_link_gives_a_safe_page_or_a_clean_refusal(fresh_tab, server, report, path):
    """A 100 kB link gives the safe page with the notice, or the HTTP parser's plain refusal; the server stays up."""
    log_from = len(server.log_text())
    before = fresh_tab.finished_runs
    report.crafted += 1
    try:
        response = fresh_tab.page.goto(fresh_tab.base_url + path)
    except PlaywrightError as error:
        assert any(refusal in error.message for refusal in BROWSER_REFUSALS), error.message[:300]
        response = None
    if response is None or response.status >= 400:
        assert REFUSED in server.log_text()[log_from:], "the browser saw a refusal the server did not make"
        assert server.healthy(), "the server stopped answering"
        report.huge_refused += 1
        return
    fresh_tab.wait_for_run(before)
    safe_page(fresh_tab, server, log_from)
    expect(fresh_tab.key("link-notice")).to_be_visible()


NASTY = st.sampled_from(
    (*PAYLOADS, MD_LINK, MD_IMAGE, "0000-00-00", "9999-12-31", "３７", "\u202e", "📘", "")
)
VALID = st.sampled_from(("1", "de", "en", "37", "fb", "ig", "fb,ig,wa", "wa", "1", "2025-07-14", "wrong"))
VALUES = st.one_of(
    NASTY,
    VALID,
    st.text(max_size=40),
    st.tuples(NASTY, st.text(max_size=8), VALID).map("".join),
    st.lists(st.one_of(NASTY, VALID), min_size=2, max_size=4).map(",".join),
)
QUERIES = st.lists(st.tuples(st.sampled_from(KEYS), VALUES), min_size=1, max_size=8).map(urlencode)


# Few examples and no shrinking: each one is a page run in the browser (seconds); a failing link is short
# enough to read as drawn, and hypothesis replays it first next time.
@settings(
    max_examples=25,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(query=QUERIES)
# Found by CI at 0349090: dropped obj_fb, obj_ig and ai values add three consequence lines to the notice.
@example(query="svc=ig%2C1%2Cfb&ai=2025-07-14&obj_fb=b%C3%81o2025-07-14&obj_ig=9999-12-312025-07-14&linked=")
def test_any_link_gives_a_safe_page(crafted_tab, server, report, query):
    """Random links of nasty and valid values: one notice line per value the codec drops, one per consequence
    for the result (a dropped objection date or Meta AI answer), and nothing runs."""
    decoded = decode_query(query, today_in(None))  # the page's day: Berlin without a browser zone
    consequences = consequence_lines(decoded, Texts(knowledge.default(), "de"))
    lines = len(decoded.problems) + (1 if decoded.more_problems else 0) + len(consequences)
    check(crafted_tab, server, report, "/result?" + query, lines > 0, None)
    expect(crafted_tab.key("link-notice").get_by_test_id("stText")).to_have_count(lines)
