"""Debian's Chromium, as every browser test and the benchmark launch it (one place for its flags).

Nothing here downloads a browser: a missing /usr/bin/chromium fails the tests (tests/conftest.py)."""

from pathlib import Path

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
