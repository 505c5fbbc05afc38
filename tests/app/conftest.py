"""AppTest helpers: open a page of the real app with a link's parameters, as of a fixed day."""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl
from xml.etree import ElementTree

import pytest
from streamlit.elements.widgets import button
from streamlit.testing.v1 import AppTest

from tests.conftest import TODAY

SVG = "{http://www.w3.org/2000/svg}"
APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = {
    "/": "pages/check.py",
    "/result": "pages/result.py",
    "/timeline": "pages/timeline.py",
    "/sources": "pages/sources.py",
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The pages judge as of TODAY, so expectations do not drift with the calendar."""
    monkeypatch.setattr("ui.common.today", lambda: TODAY)


@pytest.fixture
def open_page():
    def _open(path: str, query: str = "", browser: dict | None = None) -> AppTest:
        """`browser`: what the browser tells st.context, e.g. {"locale": "en-US"}."""
        at = AppTest.from_file(APP, default_timeout=60)
        at.context.update(browser or {})
        for key, value in parse_qsl(query, keep_blank_values=True):
            at.query_params[key] = [*at.query_params.get(key, []), value]
        if path != "/":
            if Path(PAGES[path]).stem != path.strip("/"):
                at.run()  # before the first run AppTest finds a page by file name, not by its url_path
            at.switch_page(PAGES[path])
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


class Downloads(dict):
    """{file name: (mimetype, bytes)} of the page's download buttons; `deferred`: those handed over as a
    callable (Streamlit's deferred download: the file is made on a tap, not stored when the page runs)."""

    def __init__(self) -> None:
        super().__init__()
        self.deferred: set[str] = set()
        self.callables: dict[str, tuple[str, Callable[[], str | bytes]]] = {}


@pytest.fixture
def downloads(monkeypatch) -> Downloads:
    """Records what the page hands to download buttons. A callable is called here as Streamlit calls it on a
    tap, so the tests read the very content a tap downloads."""
    files = Downloads()
    original = button.marshall_file

    def record(coordinates, data, proto, mimetype, file_name=None, **kwargs):
        if file_name:
            content = data() if callable(data) else data
            files[file_name] = (mimetype, content.encode() if isinstance(content, str) else bytes(content))
            if callable(data):
                files.deferred.add(file_name)
                files.callables[file_name] = (mimetype, data)
        return original(coordinates, data, proto, mimetype, file_name, **kwargs)

    monkeypatch.setattr(button, "marshall_file", record)
    return files


def statuses(at: AppTest, codes) -> dict[str, str]:
    """The status label shown in each service's card (container key status-<code>)."""
    out = {}
    for code in codes:
        texts = [m.value for m in at.get_by_key(f"status-{code}").markdown]
        out[code] = next(t.split("-badge[", 1)[1].split("]", 1)[0] for t in texts if "-badge[" in t)
    return out


def chart_spec(at: AppTest, key: str = "timeline") -> dict:
    block = at.get_by_key(key)
    charts = [el for el in _walk(block) if getattr(el, "type", None) == "vega_lite_chart"]
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    spec["_alt"] = charts[0].proto.alt
    spec["_datasets"] = {d.name: d for d in charts[0].proto.datasets}
    return spec


def chart_svg(at: AppTest, key: str = "timeline") -> ElementTree.Element:
    """The one chart in the container: the SVG image that st.html shows, parsed (well-formed XML), its alt text
    as the attribute "alt"."""
    block = at.get_by_key(key)
    htmls = [
        el for el in _walk(block) if getattr(el, "type", None) == "html" and "<table" not in el.proto.body
    ]
    assert len(htmls) == 1
    img = re.fullmatch(
        r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)" style="[^"]*">', htmls[0].proto.body
    )
    assert img, htmls[0].proto.body[:200]
    svg = ElementTree.fromstring(base64.b64decode(img[1]))
    svg.set("alt", html.unescape(img[2]))
    return svg


class _TableText(HTMLParser):
    """The text of an HTML table as the browser shows it: header cells and rows of cells (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        if tag == "tr" and self.header:
            self.rows.append([])
        if tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag) -> None:
        if tag in ("th", "td") and self.cell is not None:
            (self.header if tag == "th" else self.rows[-1]).append("".join(self.cell))
            self.cell = None

    def handle_data(self, data) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_text(body: str) -> _TableText:
    """Parse st.html's table: its header cells, its rows, and every tag it holds (to prove no markup leaks)."""
    parsed = _TableText()
    parsed.feed(body)
    return parsed


def timeline_table(at: AppTest, key: str = "timeline") -> _TableText:
    """The result's table below the chart (in the expander): an st.html table of escaped text."""
    bodies = [el.proto.body for el in _walk(at.get_by_key(key)) if getattr(el, "type", None) == "html"]
    tables = [body for body in bodies if "<table" in body]
    assert len(tables) == 1, bodies
    return table_text(tables[0])


def svg_texts(svg: ElementTree.Element, role: str) -> list[list[str]]:
    """The texts of one kind of chart part (e.g. "axis-label", "legend-label"), one list per axis or legend."""
    groups = [g for g in svg.iter(f"{SVG}g") if f"role-{role}" in g.get("class", "").split()]
    return [[t.text for t in g.iter(f"{SVG}text")] for g in groups]


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        if getattr(child, "type", None) == "expander":
            yield from _expander_label(child)
        yield from _walk(child)


def _expander_label(expander):
    """An expander's label, as a text (it is part of what the visitor reads)."""

    class Label:
        type = "text"
        value = expander.label

    yield Label()


class _Prose(HTMLParser):
    """What a reader gets from an st.html body: its words (no script, no style, no aria-hidden decoration),
    the words of each <section data-why=...>, and its button links (class kc-btn) with label and address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.sections: dict[str, list[str]] = {}
        self.buttons: list[tuple[str, str, bool]] = []
        self._skip: list[str] = []  # the open elements whose text nobody reads
        self._section: str | None = None
        self._button: tuple[str, bool, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style") or attrs.get("aria-hidden") == "true":
            self._skip.append(tag)
        elif tag == "section" and "data-why" in attrs:
            self._section = attrs["data-why"]
            self.sections[self._section] = []
        elif tag == "a" and "kc-btn" in (attrs.get("class") or "").split():
            self._button = (attrs.get("href") or "", "kc-primary" in attrs["class"].split(), [])

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        elif tag == "section":
            self._section = None
        elif tag == "a" and self._button is not None:
            href, primary, words = self._button
            self.buttons.append((" ".join(" ".join(words).split()), href, primary))
            self._button = None

    def handle_data(self, data):
        if self._skip or not data.strip():
            return
        self.words.append(data)
        if self._section is not None:
            self.sections[self._section].append(data)
        if self._button is not None:
            self._button[2].append(data)


def prose(body: str) -> _Prose:
    parsed = _Prose()
    parsed.feed(body)
    return parsed


def _html_bodies(at: AppTest, key: str) -> list[str]:
    return [el.proto.body for el in _walk(at.get_by_key(key)) if getattr(el, "type", None) == "html"]


def texts_in(at: AppTest, key: str) -> list[str]:
    """Every markdown, text and caption string inside a keyed container, and the words of its HTML."""
    out = []
    for el in _walk(at.get_by_key(key)):
        kind = getattr(el, "type", None)
        if kind in ("markdown", "text", "caption", "subheader", "code"):
            out.append(getattr(el, "value", ""))
        elif kind == "html":
            out.append(" ".join(" ".join(prose(el.proto.body).words).split()))
    return out


def why_texts(at: AppTest, part: str) -> str:
    """The words of one part of the reasons (a service's code, "shared" or "if-known"); KeyError if absent."""
    (body,) = _html_bodies(at, "why")
    return " ".join(" ".join(prose(body).sections[part]).split())


def action_buttons(at: AppTest, key: str) -> list[tuple[str, str, bool]]:
    """(label, url, primary) of every button link inside a keyed container (the action cards')."""
    return [button for body in _html_bodies(at, key) for button in prose(body).buttons]


def link_buttons(at: AppTest, key: str) -> list[tuple[str, str]]:
    """(label, url) of every link drawn as a button inside a keyed container."""
    return [(label, url) for label, url, _ in action_buttons(at, key)]


def share_link(at: AppTest) -> str:
    """The link the copy button copies (it travels in the button's data attribute)."""
    body = next(el.proto.body for el in _walk(at.get_by_key("share")) if el.type == "html")
    return html.unescape(body.split('data-copy-link="', 1)[1].split('"', 1)[0])
