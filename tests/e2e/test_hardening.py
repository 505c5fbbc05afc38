"""Hardening: the settings in .streamlit/config.toml hold, and the served app shows what they promise."""

from __future__ import annotations

import tomllib
import urllib.request

import pytest
from playwright.sync_api import expect

from testkit.processes import ROOT as REPO

HARDENING = {
    ("browser", "gatherUsageStats"): False,
    ("client", "showErrorDetails"): "none",
    ("client", "toolbarMode"): "minimal",
    ("server", "enableXsrfProtection"): True,
    ("server", "maxUploadSize"): 1,
    ("server", "enableStaticServing"): False,
    ("runner", "magicEnabled"): False,
    ("logger", "level"): "warning",
}


def test_config_holds_the_hardening_settings():
    """config.toml keeps XSRF on, error details and developer menus off, uploads tiny, static serving and magic off."""
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    actual = {(section, key): config.get(section, {}).get(key) for section, key in HARDENING}
    assert actual == HARDENING


@pytest.mark.browser
def test_served_page_has_no_deploy_button_and_no_developer_menu(tab, context):
    """The page has no "Deploy" button and no main menu (rerun, settings, clear cache), and sets the XSRF cookie."""
    tab.open("/")
    # The header the toolbar would sit in is there; with the app's own menu (st.navigation hidden) and
    # toolbarMode minimal, Streamlit draws no toolbar in it at all.
    expect(tab.page.get_by_test_id("stHeader")).to_be_attached()
    expect(tab.page.get_by_test_id("stAppDeployButton")).to_have_count(0)
    expect(tab.page.get_by_role("button", name="Deploy")).to_have_count(0)
    expect(tab.page.get_by_test_id("stMainMenu")).to_have_count(0)
    assert "_streamlit_xsrf" in {cookie["name"] for cookie in context.cookies()}


@pytest.mark.browser
def test_static_folder_is_not_served(server):
    """With static serving off, /app/static/<file> returns the app's HTML shell, never the file itself."""
    assert (REPO / "static" / "icon.png").is_file()
    with urllib.request.urlopen(server.url + "/app/static/icon.png", timeout=10) as response:
        assert response.headers.get_content_type() == "text/html"
        assert not response.read().startswith(b"\x89PNG")
