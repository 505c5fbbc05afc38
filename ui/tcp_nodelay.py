"""Every TCP connection of this server sends what it is given at once (TCP_NODELAY).

Streamlit 1.67 binds its listening socket itself (`socket.socket(family=...)`: protocol number 0), and asyncio
turns Nagle's algorithm off only for sockets whose protocol number is IPPROTO_TCP. So every visitor's
connection kept Nagle on: a small message written while a larger one is not yet acknowledged waits for that
acknowledgement, and the receiver (a browser, nginx) delays it by up to 40 ms. A result page's last ~20
messages (share, downloads, footer, "script finished") reached the visitor 41 ms after the script had made
them; with TCP_NODELAY the whole page arrives within the script's own ~20 ms (bench/README.md).

Linux copies the listening socket's TCP_NODELAY to every connection it accepts afterwards; the connections
already open (the first visitor's) are set too. The sockets are found by their file descriptors
(/proc/self/fd), not through Streamlit's internals. Elsewhere than on Linux this does nothing.
"""

from __future__ import annotations

import os
import socket
import threading

_FDS = "/proc/self/fd"
_lock = threading.Lock()
_installed = False


def set_no_delay(fds: str = _FDS) -> int:
    """Set TCP_NODELAY on every TCP socket this process holds (listening or connected); returns how many."""
    try:
        names = os.listdir(fds)
    except OSError:
        return 0
    changed = 0
    for name in names:
        try:
            if not os.readlink(os.path.join(fds, name)).startswith("socket:"):
                continue
            # A duplicate of the descriptor: the option belongs to the socket both share.
            duplicate = os.dup(int(name))
        except (OSError, ValueError):
            continue  # closed meanwhile
        try:
            sock = socket.socket(fileno=duplicate)
        except OSError:  # the number now names something else: close the duplicate, nothing to set
            os.close(duplicate)
            continue
        try:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                changed += 1
        except OSError:
            pass
        finally:
            sock.close()
    return changed


def install() -> None:
    """Once per process, at the first page run (the server is listening by then)."""
    global _installed
    with _lock:
        if not _installed:
            set_no_delay()
            _installed = True
