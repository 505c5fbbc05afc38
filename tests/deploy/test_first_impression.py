"""What a shared link, a search engine and a phone get from the public deployment before the app has run.

Read as a link-preview fetcher or a crawler reads it: a plain HTTP GET through nginx (deploy/nginx.conf, the
Dockerfile's replica behind it), by a host name (a Host header, never 127.0.0.1), no script run. Then the same
pages in Chromium: the same Content-Security-Policy with no violation, and a console with no error.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import pytest
from babel.dates import format_date
from PIL import Image
from playwright.sync_api import expect

from kicheck import knowledge
from kicheck.texts import Texts
from tests.deploy.conftest import REPO, render_nginx_conf
from tests.e2e.driver import Tab
from ui.common import TOP_SPACE_STYLE, tab_title

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from tests.deploy.conftest import Edge

HOST = "meta-ki-check.example"
ORIGIN = f"http://{HOST}"
HEADS = render_nginx_conf.PAGE_HEADS
# Two people's results: their documents must be the same, and say nothing of either.
RESULTS = (
    "/result?v=1.1&lang=de&age=37&svc=fb,ig,wa&pub=fb&ai=wa&obj_fb=2025-07-14",
    "/result?v=1.1&lang=en&age=16&bd=wrong&svc=ig,th&linked=unknown",
)


def get(edge: Edge, path: str, host: str = HOST) -> tuple[int, dict[str, str], bytes]:
    """A plain GET through nginx as a preview fetcher sends it: a host name, no cookies, no script."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{edge.port}{path}", headers={"Host": host, "User-Agent": "facebookexternalhit/1.1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


class Document(HTMLParser):
    """What a fetcher reads from a page: <html lang>, title, meta and link tags, the text a reader without
    JavaScript sees (noscript and the page's own words; comments are no text), inline scripts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.noscript = ""
        self.root = ""
        self.h1 = ""
        self.scripts: list[str] = []
        self._in: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link":
            self.links[a.get("rel", "")] = a.get("href", "")
        elif tag == "div" and a.get("id") == "root":
            self._in.append("root")
        if tag in ("title", "noscript", "script", "h1"):
            self._in.append(tag)
            if tag == "script" and "src" not in a:
                self.scripts.append("")

    def handle_endtag(self, tag) -> None:
        if tag in ("title", "noscript", "script", "h1") and tag in self._in:
            self._in.remove(tag)

    def handle_data(self, data) -> None:
        if "title" in self._in:
            self.title += data
        if "noscript" in self._in:
            self.noscript += data
        if "root" in self._in:
            self.root += data
        if "h1" in self._in:
            self.h1 += data
        if "script" in self._in and self.scripts:
            self.scripts[-1] += data


def csp_hashes(headers: dict[str, str]) -> set[str]:
    script_src = next(d for d in headers["content-security-policy"].split("; ") if d.startswith("script-src"))
    return set(re.findall(r"'(sha256-[^']+)'", script_src))


def sha256(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


@pytest.mark.parametrize("path", ["/", "/check", "/timeline", "/sources"])
def test_a_page_document_as_a_preview_or_search_sees_it(edge: Edge, path: str) -> None:
    """German title, description, lang="de", canonical, preview tags, icon, German noscript, the page's words."""
    status, headers, body = get(edge, path)
    assert status == 200
    doc = Document(body.decode("utf-8"))
    head = HEADS[path]
    assert doc.lang == "de"
    assert doc.title == head.title and "Streamlit" not in doc.title
    assert doc.meta["description"] == head.description and len(head.description) >= 70
    assert doc.links["canonical"] == ORIGIN + head.canonical
    assert doc.links["icon"] == "/favicon.ico" and doc.links["apple-touch-icon"] == "/apple-touch-icon.png"
    assert doc.meta["og:title"] == doc.meta["twitter:title"] == head.title
    assert doc.meta["og:description"] == doc.meta["twitter:description"] == head.description
    assert doc.meta["og:url"] == ORIGIN + head.canonical
    assert doc.meta["og:image"] == doc.meta["twitter:image"]
    assert doc.meta["og:image"].startswith(f"{ORIGIN}/assets/og-image.png?v=")
    assert (doc.meta["og:image:width"], doc.meta["og:image:height"]) == ("1200", "630")
    assert doc.meta["twitter:card"] == "summary_large_image" and doc.meta["og:image:alt"]
    assert doc.meta["og:locale"] == "de_DE" and doc.meta["og:site_name"] == "Meta-KI-Check"
    # Without JavaScript: German, says what the page is and where the sources are; Streamlit's English note
    # for AI agents is a comment (no text).
    assert "braucht diese Seite JavaScript" in doc.noscript and "Quellen" in doc.noscript
    assert "about.fb.com" in body.decode() and 'href="/sources"' in body.decode()
    assert "You need to enable JavaScript" not in doc.noscript and "Reading this" not in doc.noscript
    # The page's own words, in the HTML itself (indexable; shown until the app replaces them).
    assert doc.h1 == head.heading and head.text in doc.root
    # Every inline script is allowed by the CSP this very response carries.
    assert doc.scripts and {sha256(s) for s in doc.scripts} <= csp_hashes(headers)
    assert "x-robots-tag" not in headers


def test_result_links_get_one_generic_document_never_indexed(edge: Edge) -> None:
    """Every result link gets the same document: a generic title and description, canonical /result, noindex."""
    documents = [get(edge, path) for path in (*RESULTS, "/result")]
    bodies = {body for _, _, body in documents}
    assert len(bodies) == 1, "a result link's document depends on its answers"
    for status, headers, _ in documents:
        assert status == 200
        assert headers["x-robots-tag"] == "noindex, nofollow"
    doc = Document(bodies.pop().decode("utf-8"))
    assert doc.lang == "de" and doc.title == "Ergebnis – Meta-KI-Check"
    assert doc.meta["og:title"] == doc.title and doc.meta["description"] == HEADS["/result"].description
    assert doc.links["canonical"] == doc.meta["og:url"] == f"{ORIGIN}/result"
    text = " ".join([doc.title, *doc.meta.values(), doc.root, doc.noscript])
    for private in ("Wird genutzt", "Geschützt", "Instagram", "WhatsApp", "37", "2025-07-14", "svc=", "age="):
        assert private not in text, private


def test_robots_txt_and_sitemap(edge: Edge) -> None:
    """robots.txt keeps result links out and points to a sitemap of the public pages, each served and indexable."""
    status, headers, body = get(edge, "/robots.txt")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    rules = [line for line in body.decode().splitlines() if line and not line.startswith("#")]
    # no Disallow for /result: a crawler must fetch a result link to read its noindex (else it may list the
    # bare URL, answers and all)
    assert rules == ["User-agent: *", "Allow: /", f"Sitemap: {ORIGIN}/sitemap.xml"]
    status, headers, body = get(edge, "/sitemap.xml")
    assert status == 200 and "xml" in headers["content-type"]
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [loc.text for loc in ElementTree.fromstring(body).iter(f"{ns}loc")]
    assert locations == [f"{ORIGIN}/", f"{ORIGIN}/timeline", f"{ORIGIN}/sources"]
    for location in locations:
        status, headers, _ = get(edge, location.removeprefix(ORIGIN))
        assert status == 200 and "x-robots-tag" not in headers, location


def test_icons_and_preview_image_are_served_and_cached(edge: Edge) -> None:
    """The preview image a fetcher follows is a 1200x630 PNG cached for a year; the icons are the app's own."""
    _, _, page = get(edge, "/")
    image_url = Document(page.decode()).meta["og:image"]
    status, headers, body = get(edge, image_url.removeprefix(ORIGIN))
    assert status == 200 and headers["content-type"] == "image/png"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    with Image.open(io.BytesIO(body)) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    # The address changes with the image: the hash in it is the file's.
    digest = hashlib.sha256((REPO / "deploy" / "public" / "assets" / "og-image.png").read_bytes()).hexdigest()
    assert image_url.endswith(f"?v={digest[:12]}")
    for path, kind, size in (("/favicon.ico", "ICO", None), ("/apple-touch-icon.png", "PNG", (180, 180))):
        status, headers, body = get(edge, path)
        assert status == 200 and "max-age=" in headers["cache-control"], path
        with Image.open(io.BytesIO(body)) as image:
            assert image.format == kind and (size is None or image.size == size), path
    assert get(edge, "/assets/missing.png")[0] == 404


def test_a_strange_host_header_is_not_repeated_into_the_page(edge: Edge) -> None:
    """Only a plain host name is written into canonical and preview links; anything else becomes localhost."""
    _, _, body = get(edge, "/", host="evil_host.example")
    doc = Document(body.decode())
    assert doc.links["canonical"] == "http://localhost/"
    assert "evil" not in body.decode()


def test_the_public_url_option_names_every_link() -> None:
    """Behind TLS, --public-url gives canonical, preview and sitemap addresses their real scheme and host."""
    conf = render_nginx_conf.render(["127.0.0.1:8501"], "80", public_url="https://kicheck.example")
    assert 'set $kicheck_origin "https://kicheck.example";' in conf
    for bad in ("kicheck.example", "https://kicheck.example/path", "https://x.example$host", "https://a'b"):
        with pytest.raises(ValueError):
            render_nginx_conf.render(["127.0.0.1:8501"], "80", public_url=bad)


def test_the_benchmark_floor_gets_streamlits_own_documents_and_nothing_else_changes() -> None:
    """page_heads=False (bench/lighthouse.py's floor): no page head, shell or robots.txt of ours, so the floor
    is not measured with the app's own words painted early; every other line of the config is the same."""
    ours = render_nginx_conf.render(["127.0.0.1:8501"], "80")
    plain = render_nginx_conf.render(["127.0.0.1:8501"], "80", page_heads=False)
    assert "sub_filter '" in ours and "sub_filter '" not in plain and "location = /robots.txt" not in plain
    floor_line = next(line for line in plain.splitlines() if "page_heads=False" in line)
    assert ours.replace(render_nginx_conf.page_documents(None), "") == plain.replace(floor_line, "")


def test_each_document_title_is_the_one_the_app_sets() -> None:
    """The title before the app runs is the title the app sets when it runs (German), page by page."""
    t = Texts(knowledge.default(), "de")
    pages = {"/": ("check.title", "nav.check"), "/check": ("check.title", "nav.check")}
    pages |= {"/result": ("result.title", "nav.result"), "/timeline": ("timeline_page.title", "nav.timeline")}
    pages |= {"/sources": ("sources.title", "nav.sources")}
    for path, keys in pages.items():
        assert HEADS[path].title == tab_title(t, *keys), path


def test_the_head_holds_the_apps_own_top_space_rule() -> None:
    """The style the head brings is the app's own (no shift when the app's copy arrives), word for word."""
    assert TOP_SPACE_STYLE.replace("'", '"') == render_nginx_conf.TOP_SPACE_STYLE  # nginx strings take no '
    assert render_nginx_conf.TOP_SPACE_STYLE in render_nginx_conf.head_html(HEADS["/"], ORIGIN)


def test_the_image_script_draws_the_committed_images(tmp_path: Path) -> None:
    """deploy/make_images.py makes the preview (1200x630) and the icons from the project's own sources."""
    written = _make_images().make(tmp_path)
    sizes = {path.name: Image.open(path).size for path in written}
    assert sizes == {"favicon.ico": (48, 48), "apple-touch-icon.png": (180, 180), "og-image.png": (1200, 630)}
    for path in written:
        # Same Pillow (pinned) and the same font file (Streamlit's, pinned): the same pixels. Compared as
        # pixels, not bytes, so another zlib's PNG compression alone does not fail it.
        committed = REPO / "deploy" / "public" / path.relative_to(tmp_path)
        made, kept = Image.open(path), Image.open(committed)
        assert (made.mode, made.size) == (kept.mode, kept.size), committed
        assert made.tobytes() == kept.tobytes(), f"{committed} is stale: run deploy/make_images.py"


def test_the_noscript_sources_are_the_knowledge_bases_own() -> None:
    """The sources a reader without JavaScript gets are current sources of data/sources.yaml, with the dates
    they were published (the noscript text must not say more than the knowledge base)."""
    k = knowledge.default()
    by_url = {source.url: source for source in k.sources.values()}
    for name, url in render_nginx_conf._NOSCRIPT_SOURCES:
        assert url in by_url, f"{url} is not a current source in data/sources.yaml"
        published = by_url[url].published
        if published is not None:
            day = format_date(published, "d. MMMM y", locale="de")  # "14. April 2025"
            assert day in name, (name, day)


def _make_images():
    spec = importlib.util.spec_from_file_location("make_images", REPO / "deploy" / "make_images.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_GERMAN_DAY = re.compile(
    r"\b\d{1,2}\. (?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
    r"|Dezember) \d{4}\b"
)


def test_every_day_the_first_impression_names_is_one_the_knowledge_base_has() -> None:
    """The page documents and the preview image are written by hand, outside data/: a day they name must be
    the training start of data/meta.yaml, a source's publication day or a chronology event's day, and the
    sentence "since ... Meta trains" names the training start. A change of the knowledge base that leaves
    them behind fails here, instead of link previews stating an old day."""
    k = knowledge.default()
    start = Texts(k, "de").date(k.meta.training_start)  # "27. Mai 2025"
    known = {start} | {format_date(e.date, "d. MMMM y", locale="de") for e in k.events}
    known |= {format_date(s.published, "d. MMMM y", locale="de") for s in k.sources.values() if s.published}
    images = _make_images()
    texts = {"_INTRO": render_nginx_conf._INTRO, "make_images.LINES": " ".join(images.LINES)}
    texts |= {
        f"{path}.{field}": value
        for path, head in HEADS.items()
        for field, value in head._asdict().items()
        if isinstance(value, str)
    }
    texts |= {f"noscript: {name}": name for name, _ in render_nginx_conf._NOSCRIPT_SOURCES}
    named = {(where, day) for where, text in texts.items() for day in _GERMAN_DAY.findall(text)}
    assert len(named) >= 4  # the intro, the image, the chronology's description, two sources
    assert {(where, day) for where, day in named if day not in known} == set()
    for where in ("_INTRO", "make_images.LINES"):
        assert f"Seit dem {start} trainiert Meta" in texts[where], where


_CONSOLE_PAGES = ("/", RESULTS[0], "/timeline", "/sources")


@pytest.fixture
def context(browser: Browser) -> Iterator[object]:
    # A German browser: a first visit without lang= follows the browser's language (Chromium's default is
    # en-US), and the German document head is the one a German visitor's app keeps.
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(30_000)
    try:
        yield context
    finally:
        context.close()


def test_console_is_clean_and_the_csp_holds_in_chromium(edge: Edge, context) -> None:
    """By a host name (kicheck.test, not 127.0.0.1 or localhost) through nginx: no console error, no failed request, no CSP
    violation, no probe below a page's path, and the title the document had is the one the app keeps."""
    problems: list[str] = []
    requests: list[str] = []
    context.expose_function("kicheckCsp", lambda text: problems.append(f"CSP: {text}"))
    context.add_init_script(
        'document.addEventListener("securitypolicyviolation", (e) => '
        "window.kicheckCsp(`${e.effectiveDirective} ${e.blockedURI || 'inline'}`));"
    )
    page = context.new_page()
    # Chromium ignores (and says so) Cross-Origin-Opener-Policy on an origin that is neither https nor localhost:
    # the test opens the app by a host name over plain http; in production TLS is in front.
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith(
                "The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy"
            )
            and problems.append(f"console: {m.text[:200]}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    # A request cut off by the next navigation (a download button's file being checked) is no error.
    page.on(
        "requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and problems.append(f"failed: {r.url}")
    )
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    page.on("request", lambda r: requests.append(r.url))
    base = edge.url  # a host name Streamlit does not trust by name
    tab = Tab(page, base)
    for path in _CONSOLE_PAGES:
        tab.open(path)
        expect(page.locator("h1").first).to_be_visible()
        head = HEADS[path.split("?")[0]]
        assert page.title() == head.title, path
        assert page.evaluate("document.documentElement.lang") == "de"
        if path.startswith("/result"):
            assert set(tab.verdicts()) == {"fb", "ig", "wa"}  # the verdict is there, under the same CSP
    assert problems == [], "\n".join(problems)
    probes = [url for url in requests if re.match(rf"{re.escape(base)}/[^_/][^/]*/_stcore/", url)]
    assert probes == []
