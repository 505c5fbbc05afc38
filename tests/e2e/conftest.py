"""Harness of the browser tests: one `streamlit run` and one Debian Chromium for the whole session.

Each test gets a fresh browser context (no cookies, no session). The server's output goes to a file; when a
test fails, the tail of that log is added to its report. Everything started here is stopped here.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from kicheck.texts import Texts
from testkit.processes import Process, http_status, streamlit
from tests.e2e.driver import Tab
from tests.e2e.questionnaire import PHONE

STARTUP_TIMEOUT_S = 120  # cold imports on 2 busy cores
TIMEOUT_MS = 30_000
CONFIG_RELOADED = "An update to the [server] config option section was detected"

expect.set_options(timeout=TIMEOUT_MS)

_SERVER = pytest.StashKey["Server"]()
_REPORT = pytest.StashKey["Report"]()


@dataclass
class Report:
    """Numbers worth reading after a run: printed in pytest's terminal summary."""

    lines: dict[str, str] = field(default_factory=dict)
    crafted: int = 0  # crafted links opened in the browser
    huge_refused: int = 0  # 100 kB links the HTTP parser refused (the others gave the page)

    def note(self, topic: str, text: str) -> None:
        self.lines[topic] = text


@dataclass
class Server:
    """`streamlit run app.py` (testkit.processes), with its own HOME: no ~/.streamlit of the developer's leaks
    in, and a test may write one (reload_config)."""

    home: Path
    process: Process
    port: int

    @classmethod
    def create(cls, home: Path) -> Server:
        process, port = streamlit("streamlit", "app.py", home / "streamlit.log")
        return cls(home, process, port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.process.log

    def log_text(self) -> str:
        return self.process.text()

    def status(self, path: str) -> int | None:
        """HTTP status of a GET, or None when nothing answers."""
        return http_status(self.url + path, timeout=5)

    def healthy(self) -> bool:
        return self.status("/_stcore/health") == 200

    def start(self) -> None:
        self.process.start({"HOME": str(self.home)})
        try:
            self.process.wait_healthy(f"{self.url}/_stcore/health", STARTUP_TIMEOUT_S)
        except RuntimeError as error:
            pytest.fail(f"streamlit did not come up on {self.url}: {error}\nits log:\n{self.log_text()}")

    def stop(self) -> None:
        self.process.stop()

    def reload_config(self) -> None:
        """Change a config.toml while the server runs, as an operator might, and wait until it was re-read.

        Streamlit polls its config files; a change of a [server] option is logged as a warning, which is how
        we know the re-read happened. The option changed here is harmless (an extra health endpoint).
        """
        config = self.home / ".streamlit" / "config.toml"
        config.parent.mkdir(exist_ok=True)
        config.write_text("[server]\nscriptHealthCheckEnabled = true\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while CONFIG_RELOADED not in self.log_text():
            assert time.monotonic() < deadline, "the server did not re-read the changed config.toml"
            time.sleep(0.2)


@pytest.fixture(scope="session")
def report(request) -> Report:
    return request.config.stash.setdefault(_REPORT, Report())


@pytest.fixture(scope="session")
def server(request, tmp_path_factory) -> Iterator[Server]:
    srv = Server.create(tmp_path_factory.mktemp("streamlit-home"))
    request.config.stash[_SERVER] = srv
    try:
        srv.start()
        yield srv
    finally:
        srv.stop()


def new_context(browser: Browser, **options) -> BrowserContext:
    """A fresh context: no cookies, no storage; downloads and the clipboard allowed.

    A German browser unless a test says otherwise: a first visit without lang= follows the browser's
    language, and Chromium's own default is en-US.
    """
    options.setdefault("locale", "de-DE")
    context = browser.new_context(
        accept_downloads=True, permissions=["clipboard-read", "clipboard-write"], **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def context(browser) -> Iterator[BrowserContext]:
    ctx = new_context(browser)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def phone(browser, server) -> Iterator[Tab]:
    """A German 375 px phone: how most people will meet the check."""
    context = new_context(browser, viewport=PHONE, locale="de-DE")
    try:
        yield Tab(context.new_page(), server.url)
    finally:
        context.close()


@pytest.fixture
def de(kb) -> Texts:
    return Texts(kb, "de")


@pytest.fixture
def tab(context, server) -> Tab:
    return Tab(context.new_page(), server.url)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test carries the tail of the server's log in its report."""
    rep = yield
    srv = item.config.stash.get(_SERVER, None)
    if rep.failed and srv is not None and srv.log.exists():
        rep.sections.append(("streamlit server log (tail)", srv.log_text()[-20_000:]))
    return rep


def pytest_terminal_summary(terminalreporter, config):
    rep = config.stash.get(_REPORT, None)
    if rep is None:
        return
    terminalreporter.section("browser tests: what they saw")
    for topic, text in rep.lines.items():
        terminalreporter.write_line(f"{topic}: {text}")
    if rep.crafted:
        terminalreporter.write_line(
            f"crafted links opened in the browser: {rep.crafted} "
            f"(100 kB links refused by the HTTP parser: {rep.huge_refused})"
        )
