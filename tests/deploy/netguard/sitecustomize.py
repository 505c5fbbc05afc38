"""Loaded by Python at start-up when this folder is on PYTHONPATH: records and blocks every call out.

tests/deploy/test_no_calls_out.py starts a replica with it. An audit hook (PEP 578) sees every name lookup
(socket.getaddrinfo, gethostbyname, gethostbyaddr) and every connect()/sendto(); any that names a host other
than the machine itself is written to $KICHECK_NETGUARD_LOG and refused with PermissionError, as a firewall
would refuse it (so a test never sends a packet out). Loopback, wildcard and Unix-socket addresses pass.
"""

from __future__ import annotations

import ipaddress
import os
import sys

_LOG = os.environ.get("KICHECK_NETGUARD_LOG")
_LOCAL_NAMES = {None, "", "localhost", "0.0.0.0", "::", b"localhost"}
_WATCHED = {
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.connect",
    "socket.sendto",
}


def _is_local(host: object) -> bool:
    if host in _LOCAL_NAMES:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _target(event: str, args: tuple) -> object:
    if event in ("socket.connect", "socket.sendto"):
        address = args[1]
        # A Unix socket's address is a path (str or bytes), not a (host, port) pair.
        return address[0] if isinstance(address, tuple) else None
    return args[0]


def _record(line: str) -> None:
    with open(_LOG, "a", encoding="utf-8") as out:
        out.write(line + "\n")


def _guard(event: str, args: tuple) -> None:
    if event not in _WATCHED:
        return
    host = _target(event, args)
    if _is_local(host):
        return
    _record(f"{event} {host!r}")
    raise PermissionError(f"netguard: no calls out ({event} {host!r})")


if _LOG:
    _record(f"netguard active in pid {os.getpid()}")
    sys.addaudithook(_guard)
