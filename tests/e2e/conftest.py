"""Harness of the browser tests: one `streamlit run` and one Debian Chromium for the whole session.

Each test gets a fresh browser context (no cookies, no session). The server's output goes to a file; when a
test fails, the tail of that log is added to its report. Everything started here is stopped here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from kicheck.texts import Texts
from tests.e2e.driver import Tab
from tests.e2e.questionnaire import PHONE

REPO = Path(__file__).resolve().parents[2]
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
    """`streamlit run app.py` in its own process group, with its own HOME and its output in a file."""

    port: int
    home: Path
    log: Path
    popen: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def status(self, path: str) -> int | None:
        """HTTP status of a GET, or None when nothing answers."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def healthy(self) -> bool:
        return self.status("/_stcore/health") == 200

    def start(self) -> None:
        args = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port)]
        args += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
        args += ["--server.fileWatcherType", "none", "--server.address", "127.0.0.1"]
        # Its own HOME: no ~/.streamlit of the developer's leaks in, and a test may write one (reload_config).
        env = {**os.environ, "HOME": str(self.home), "PYTHONUNBUFFERED": "1"}
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                args, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self._wait_healthy()

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self.healthy():
            if self.popen is None or self.popen.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not come up on {self.url}; its log:\n{self.log_text()}")
            time.sleep(0.2)  # polling a server that is still importing, not waiting on the browser

    def stop(self) -> None:
        if self.popen is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=10)
                return

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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def report(request) -> Report:
    return request.config.stash.setdefault(_REPORT, Report())


@pytest.fixture(scope="session")
def server(request, tmp_path_factory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("streamlit-home")
    srv = Server(port=free_port(), home=home, log=home / "streamlit.log")
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
