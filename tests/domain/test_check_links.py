"""`make check-links` (scripts/check_links.py) against a local server on loopback: 200, 301 and 404, with the
redirect chain reported. The real run needs the internet and is an operator's step, never CI's."""

from __future__ import annotations

import importlib.util
import io
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_links.py"


def _load():
    spec = importlib.util.spec_from_file_location("check_links", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


check_links = _load()


class Handler(BaseHTTPRequestHandler):
    ROUTES: ClassVar = {
        "/ok": (200, None),
        "/moved": (301, "/ok"),
        "/twice": (302, "/moved"),
        "/gone": (404, None),
    }

    def do_GET(self):  # http.server's name
        code, target = self.ROUTES.get(self.path, (404, None))
        self.send_response(code)
        if target:
            self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("path", "status", "hops", "ok"),
    [
        ("/ok", 200, [], True),
        ("/moved", 200, [(301, "/ok")], True),
        ("/twice", 200, [(302, "/moved"), (301, "/ok")], True),
        ("/gone", 404, [], False),
    ],
)
def test_status_and_redirect_chain(server, path, status, hops, ok):
    """The link checker reports each URL's status and its whole redirect chain, as a real client sees it."""
    report = check_links.check(server + path, timeout=5)
    assert report.status == status and report.ok is ok
    assert report.chain == [(code, server + target) for code, target in hops]


def test_unreachable_host_is_a_failure_not_a_crash():
    """A closed port on loopback: no answer, reported as an error."""
    report = check_links.check("http://127.0.0.1:9/", timeout=2)
    assert report.status is None and report.error and not report.ok


def test_urls_come_from_every_data_file(tmp_path):
    """URLs in flow lists, quoted values and prose are found once each, without trailing punctuation."""
    (tmp_path / "a.yaml").write_text(
        "- url: https://example.org/form\n  also: [https://example.org/b, https://example.org/c]\n"
        '  text: "See https://example.org/form."\n',
        encoding="utf-8",
    )
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "de.yaml").write_text("x: 'https://example.org/d;'\n", encoding="utf-8")
    assert check_links.urls_in(tmp_path) == [
        "https://example.org/form",
        "https://example.org/b",
        "https://example.org/c",
        "https://example.org/d",
    ]


def test_the_real_data_has_the_forms_to_check():
    """Both Facebook form ids (R15), Instagram's and WhatsApp's forms are among the links checked."""
    urls = check_links.urls_in()
    for needed in ("712876720715583", "6359191084165019", "767264225370182", "382532939919295"):
        assert any(needed in url for url in urls), needed


def test_main_reports_each_url_and_fails_on_a_dead_link(server, capsys):
    """make check-links prints every URL and fails when one answers 400 or more."""
    assert check_links.main([f"{server}/moved", f"{server}/ok", "--timeout", "5"]) == 0
    assert check_links.main([f"{server}/ok", f"{server}/gone", "--timeout", "5"]) == 1
    out = capsys.readouterr().out
    assert f"ok   200 {server}/moved\n    301 -> {server}/ok" in out
    assert f"FAIL 404 {server}/gone" in out
    assert "2 links, 1 failed" in out


def test_run_writes_one_block_per_url(server):
    """A URL that redirects twice gets one block in the output, with both hops under it."""
    out = io.StringIO()
    reports = check_links.run([f"{server}/twice"], timeout=5, out=out)
    assert [r.status for r in reports] == [200]
    assert out.getvalue().count("->") == 2
