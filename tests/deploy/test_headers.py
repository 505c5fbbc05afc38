"""Headers from nginx: the app works in Chromium under its Content-Security-Policy, with no violation reported,
along the whole path (questionnaire, a shared result with its chart and table, both downloads, the language
switch, the other pages); no site may frame it; no referrer leaves it; metrics and blank-page paths are closed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import streamlit
from playwright.sync_api import BrowserContext, Response, expect

from tests.deploy.conftest import http_request
from tests.e2e.driver import Tab

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from tests.deploy.conftest import Edge

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

# Instagram not objected yet: the page says "object now", so a reminder (.ics) fits and its download is tested.
SHARED = "/result?v=1&lang=de&age=37&svc=fb,ig,wa&pub=fb&ai=wa&obj_fb=2025-07-14"
# Reports every CSP violation of a page (and of its frames) to the test, across navigations.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
    window.kicheckCsp(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`)
);
"""
SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
}


class Watched:
    """A browser context whose CSP violations (events and console reports) and responses are recorded."""

    def __init__(self, context: BrowserContext):
        self.context = context
        self.violations: list[str] = []
        self.responses: list[Response] = []
        context.expose_function("kicheckCsp", lambda text: self.violations.append(text))
        context.add_init_script(_REPORT_VIOLATIONS)
        context.on("page", self._watch)

    def _watch(self, page) -> None:
        page.on("console", self._console)
        page.on("response", lambda response: self.responses.append(response))

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(f"console: {message.text[:300]}")


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(30_000)
    try:
        yield Watched(context)
    finally:
        context.close()


def download(tab: Tab, key: str) -> str:
    with tab.page.expect_download() as info:
        tab.key(key).get_by_role("button").click()
    return info.value.suggested_filename


def test_the_whole_path_works_under_the_csp_with_no_violation(edge: Edge, watched: Watched) -> None:
    """Questionnaire, shared result (chart, table, downloads), language switch, other pages: no CSP violation."""
    tab = Tab(watched.context.new_page(), edge.url)
    tab.open("/")
    expect(tab.page.get_by_role("spinbutton").first).to_be_visible()
    tab.open(SHARED)
    assert set(tab.verdicts()) == {"fb", "ig", "wa"}
    chart = tab.key("timeline").get_by_role("img")  # the chart, an SVG image drawn on the server
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0"), "the chart image did not load"
    tab.key("timeline").get_by_test_id("stExpander").locator("summary").click()  # opens in the browser only
    expect(tab.key("timeline").locator("table.kc-table")).to_be_visible()  # st.html, not st.table
    assert download(tab, "download-summary").endswith(".html")
    assert download(tab, "download-ics").endswith(".ics")
    tab.act(lambda: tab.key("lang_switch").get_by_role("radio", name="EN", exact=True).click())
    expect(tab.key("status-fb")).to_contain_text("Partly protected")
    for page in ("/timeline?lang=en", "/sources?lang=en"):
        tab.open(page)
    assert watched.violations == [], "\n".join(watched.violations)
    # The downloads are logged without their id (/media/<id> names one visitor's file).
    downloads = [line for line in access_log(edge) if " /media/" in line]
    assert downloads and all(" GET /media/* 200 " in line for line in downloads), downloads
    document = next(r for r in watched.responses if r.url == edge.url + SHARED)
    headers = document.all_headers()
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, (name, headers.get(name))
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert "camera=()" in headers["permissions-policy"]


def test_static_files_are_compressed_and_cached_for_a_year(edge: Edge, watched: Watched) -> None:
    """Scripts and styles come gzip-compressed, hashed files with a year's immutable cache; the page revalidates."""
    tab = Tab(watched.context.new_page(), edge.url)
    tab.open(SHARED)
    scripts = [r for r in watched.responses if re.search(r"/static/js/.+\.js$", r.url)]
    assert len(scripts) > 10
    compressed = 0
    for response in scripts:
        headers = response.all_headers()
        if headers.get("content-encoding") == "gzip":
            compressed += 1
        else:  # only files too small to be worth it (gzip_min_length) come as they are
            assert int(headers["content-length"]) < 1024, response.url
        assert headers.get("cache-control") == "public, max-age=31536000, immutable", response.url
    assert compressed > 10
    document = next(r for r in watched.responses if r.url == edge.url + SHARED)
    assert document.all_headers().get("cache-control") == "no-cache"


def test_static_files_are_served_by_nginx_once_it_has_them(edge: Edge, browser: Browser) -> None:
    """A second visitor's scripts come from nginx's copy (cache=HIT, no replica), the page from the replica."""
    for _ in range(2):
        context = browser.new_context()
        try:
            start = len(access_log(edge))
            Tab(context.new_page(), edge.url).open(SHARED)
        finally:
            context.close()
    second = access_log(edge)[start:]
    scripts = [line for line in second if " /static/js/" in line]
    assert len(scripts) > 10
    assert all(" cache=HIT upstream=- " in line for line in scripts), scripts[:3]
    assert any(" /result " in line and f"upstream=127.0.0.1:{edge.replica_port} " in line for line in second)


def access_log(edge: Edge) -> list[str]:
    return (edge.directory / "nginx" / "logs" / "meta-ki-check.access.log").read_text().splitlines()


def status_and_location(edge: Edge, path: str) -> tuple[int, str | None]:
    """Status and Location of a GET by the host name that does not follow redirects."""
    status, headers, _ = http_request(edge.port, path)
    return status, headers.get("location")


@pytest.mark.parametrize(
    ("path", "status", "location"),
    [
        # a page's address with more after it: back to the page, with the link's answers
        ("/result/x?v=1&age=34&svc=fb", 301, "/result?v=1&age=34&svc=fb"),
        ("/result/", 301, "/result"),
        ("/pages/result.py?v=1&svc=fb", 301, "/result?v=1&svc=fb"),
        ("/pages/check.py", 301, "/check"),
        ("/sources/static/js/x.js", 301, "/sources"),
        # anything else below a first segment that is not Streamlit's own: not found, never a blank page
        ("/pages/evil.py", 404, None),
        ("/foo/bar", 404, None),
        # usage counters per cached function: not for the public, under any prefix
        ("/_stcore/metrics", 404, None),
        ("/x/_stcore/metrics", 404, None),
        # the page's probe for a Streamlit below its path must fail as on a bare replica
        ("/result/_stcore/health", 404, None),
        # what must keep working
        ("/result?v=1&age=34&svc=fb", 200, None),
        ("/_stcore/health", 200, None),
    ],
)
def test_paths_that_gave_a_blank_page_or_metrics_are_closed(
    edge: Edge, path: str, status: int, location: str | None
) -> None:
    """/result/<x> and /pages/result.py redirect to the page, other deep paths 404, metrics are hidden."""
    assert status_and_location(edge, path) == (status, location)


def test_a_redirected_link_shows_its_verdict(edge: Edge, watched: Watched) -> None:
    """A share link with a stray slash (/result/?...) still opens the result, not a blank page."""
    tab = Tab(watched.context.new_page(), edge.url)
    tab.open("/result/?v=1&lang=en&age=34&svc=fb")
    assert tab.page.url == edge.url + "/result?v=1&lang=en&age=34&svc=fb"
    assert tab.verdicts() == {"fb": "In use"}


def test_static_serves_streamlits_own_files_and_refuses_any_other_name_at_nginx(edge: Edge) -> None:
    """/static/ has exactly the installed Streamlit's files: a made-up name (even one shaped like a hashed
    bundle) is 404 from nginx, never reaches the replica and is not cached for a year."""
    shipped = Path(streamlit.__file__).parent / "static"
    known = "/" + next((shipped / "static" / "js").glob("index.*.js")).relative_to(shipped).as_posix()
    status, headers, body = http_request(edge.port, known)
    assert status == 200 and len(body) > 1000 and b"<html" not in body[:200].lower()
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    start = len(access_log(edge))
    made_up = ["/static/x", "/static/js/index.AAAAAAAA.js", "/static/", "/static/css/", known + "x"]
    for path in made_up:
        status, headers, body = http_request(edge.port, path)
        assert status == 404, path
        assert "max-age=31536000" not in headers.get("cache-control", ""), path
        assert b"stApp" not in body and b"<script" not in body, path  # never the app's page
    # Only the lines of these requests: a WebSocket of an earlier test is logged when it closes (status 101),
    # which on a busy machine can fall between them.
    logged = [line for line in access_log(edge)[start:] if " GET /static/" in line]
    assert len(logged) == len(made_up) and all(" upstream=- " in line for line in logged), logged
