"""Download ids that tell nothing: a per-process secret key in Streamlit's media file ids.

Every result page offers its Markdown report and .ics reminder from `/media/<id>.md` and `/media/<id>.ics`.
Streamlit 1.67 names such a file by an unkeyed hash of its bytes, MIME type and file name
(`memory_media_file_storage._calculate_file_id`), and the bytes follow from the answers, the day and the host.
So whoever guessed an answer set could compute its id: recover answers from any list of ids (11 of 31
logged answer sets by brute force in 91 s) and ask a replica whether someone has that result open right now.
Streamlit has no setting for the id, so the app swaps that one function for a keyed hash (BLAKE2b as a MAC)
whose key is made at start and never sent anywhere (not in the file, not in a header; an id leaks nothing
about the key). Within one process the same file keeps its id (Streamlit's de-duplication works as before);
another process names it differently.
tests/app/test_media_ids.py checks that Streamlit still names files through this function.
"""

from __future__ import annotations

import hashlib
import secrets

from streamlit.runtime import memory_media_file_storage

_KEY = secrets.token_bytes(32)
# Streamlit's own, unkeyed id (kept for the tests, which prove the served ids differ from it).
STREAMLIT_FILE_ID = memory_media_file_storage._calculate_file_id


def keyed_file_id(data: bytes, mimetype: str, filename: str | None = None) -> str:
    """An id for this file's content that nobody without the process's key can compute (32 hex digits, as
    long as Streamlit's own ids)."""
    mac = hashlib.blake2b(key=_KEY, digest_size=16)
    for part in (str(len(data)).encode(), data, mimetype.encode(), (filename or "").encode()):
        mac.update(len(part).to_bytes(8, "big"))  # each part framed: no two inputs give the same stream
        mac.update(part)
    return mac.hexdigest()


def install() -> None:
    """Name every in-memory media file of this process by keyed_file_id (idempotent)."""
    original = memory_media_file_storage._calculate_file_id  # AttributeError if Streamlit renamed it
    if original is not keyed_file_id:
        memory_media_file_storage._calculate_file_id = keyed_file_id
