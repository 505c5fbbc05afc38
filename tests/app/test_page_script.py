"""The app's one inline script: constant, so a Content-Security-Policy can allow it by its hash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.app.conftest import _walk, share_link
from ui.common import PAGE_SCRIPT, PAGE_SCRIPT_SHA256

NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def scripts(at) -> list[str]:
    bodies = [el.proto.body for el in _walk(at.main) if getattr(el, "type", None) == "html"]
    return [s for body in bodies for s in re.findall(r"<script>.*?</script>", body, re.S)]


@pytest.mark.parametrize("path", ["/", "/result", "/timeline", "/sources"])
def test_every_inline_script_is_the_one_constant_script(open_page, path):
    """Whatever the page and the link, the only inline script is PAGE_SCRIPT, byte for byte."""
    at = open_page(path, "v=1&lang=de&age=30&svc=fb,ig&obj_fb=2025-07-01")
    found = scripts(at)
    assert found and set(found) == {PAGE_SCRIPT}


def test_link_travels_escaped_in_an_attribute(open_page):
    """The copied link is data (an HTML-escaped attribute), never part of a script."""
    at = open_page("/result", "v=1&lang=en&age=30&svc=fb")
    assert share_link(at).startswith("http://localhost:8501/result?v=1.1&lang=en&age=30&svc=fb")


def test_a_csp_allows_the_script_by_its_hash():
    """deploy/nginx.conf's Content-Security-Policy names PAGE_SCRIPT's hash in script-src."""
    csp = re.search(r"Content-Security-Policy \"([^\"]*)\"", NGINX.read_text())
    assert csp is not None, "deploy/nginx.conf sets no Content-Security-Policy"
    assert f"'{PAGE_SCRIPT_SHA256}'" in csp.group(1), f"add '{PAGE_SCRIPT_SHA256}' to script-src"
