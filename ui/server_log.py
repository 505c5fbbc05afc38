"""A server log no visitor can grow without limit, and no stack trace for what a visitor sent.

Streamlit 1.67 writes a warning (~100 bytes) for every `debug_disconnect_websocket` or
`debug_shutdown_runtime` message a client sends outside development mode, and for every message of no known
type, and then ignores it: one open WebSocket could fill the disk line by line. Those lines tell the operator
nothing (the message did nothing), so they are dropped. A frame that is no message at all closes its
connection (so the rate of those is nginx's limit on new sessions); its warning keeps its one line but loses
the stack trace. Installed by app.py when a process runs its first page.
"""

from __future__ import annotations

import logging

# The logger of Streamlit's WebSocket endpoint and of a session's message handling, and what they write.
WEBSOCKET_LOGGER = "streamlit.web.server.starlette.starlette_websocket"
SESSION_LOGGER = "streamlit.runtime.app_session"
IGNORED_MESSAGES = (
    "Client tried to disconnect websocket",
    "Client tried to shut down runtime",
    'No handler for "',
)
UNREADABLE_FRAME = "Error deserializing back message"


class QuietAboutClientMessages(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        if text.startswith(IGNORED_MESSAGES):
            return False
        if text.startswith(UNREADABLE_FRAME):
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def install() -> None:
    """Quiet this process's log about what clients send (idempotent)."""
    for name in (WEBSOCKET_LOGGER, SESSION_LOGGER):
        logger = logging.getLogger(name)
        if not any(isinstance(f, QuietAboutClientMessages) for f in logger.filters):
            logger.addFilter(QuietAboutClientMessages())
