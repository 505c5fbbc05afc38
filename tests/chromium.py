"""Debian's Chromium, as every browser test and the benchmark launch it (one place for its flags)."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Headless as root on a machine without network: without the background-networking flags Chromium keeps
# trying to reach Google's hosts; QUIC off keeps every request on plain HTTP(S) to the app.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # The tests open the app by a host name, as people do (tests/deploy/conftest.py PUBLIC_HOST): this name,
    # and only this one, resolves to loopback without asking any DNS server.
    "--host-resolver-rules=MAP kicheck.test 127.0.0.1",
]


def require_chromium() -> None:
    """A missing browser fails the suite (never skips it): `make test` installs Debian's chromium."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(`make system-packages`, or `apt-get install -y chromium` as root). "
            "No browser is ever downloaded.",
            pytrace=False,
        )
