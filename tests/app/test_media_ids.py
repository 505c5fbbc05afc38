"""The result page's downloads are named by ids nobody can compute from a guessed answer set (ui/media_ids.py)."""

from __future__ import annotations

import pytest
from streamlit.runtime import memory_media_file_storage
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileKind
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from ui import media_ids


@pytest.fixture
def served_ids(monkeypatch) -> list[tuple[str, str, bytes, str | None]]:
    """Every (id, mimetype, bytes, file name) the app's runs store as an in-memory media file."""
    stored: list[tuple[str, str, bytes, str | None]] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        data = path_or_data.encode() if isinstance(path_or_data, str) else bytes(path_or_data)
        stored.append((file_id, mimetype, data, filename))
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return stored


def test_the_result_pages_downloads_have_keyed_ids(open_page, served_ids, downloads) -> None:
    """The summary and .ics of a result: made on a tap (no file stored when the page runs), then stored by
    Streamlit's own deferred path under ids that are not Streamlit's hash of their bytes, stable per process."""
    query = "v=1&lang=de&age=37&svc=fb,ig,wa&pub=fb&ai=wa&obj_fb=2025-07-14"
    open_page("/result", query)
    assert [entry for entry in served_ids if entry[3]] == []  # the page run stores no download
    assert len(downloads.callables) == 2 and "ics" in {name.rsplit(".", 1)[1] for name in downloads.callables}

    def tap(manager: MediaFileManager) -> set[str]:
        """What a tap on each button does on the server (DeferredFileHandler): run the callable, store the file."""
        ids = set()
        for name, (mimetype, make) in downloads.callables.items():
            url = manager.execute_deferred(
                manager.add_deferred(make, mimetype, "coordinates", file_name=name)
            )
            ids.add(url.rsplit("/", 1)[1].split(".", 1)[0])
        return ids

    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    first = tap(manager)
    stored = [entry for entry in served_ids if entry[3]]
    assert len(stored) == 2 and {entry[0] for entry in stored} == first
    for file_id, mimetype, data, filename in stored:
        assert file_id != media_ids.STREAMLIT_FILE_ID(data, mimetype, filename)
        assert file_id == media_ids.keyed_file_id(data, mimetype, filename)
    assert tap(manager) == first  # tapped again: the same files (Streamlit keeps one copy)


def test_the_id_depends_on_every_part_and_on_the_key(monkeypatch) -> None:
    """Content, type and name each change the id; another process (another key) names the same file otherwise."""
    media_ids.install()
    storage = MemoryMediaFileStorage("/media")
    base = storage.load_and_get_id(b"report", "text/markdown", MediaFileKind.DOWNLOADABLE, "a.md")
    assert base == media_ids.keyed_file_id(b"report", "text/markdown", "a.md")
    assert len(base) == len(media_ids.STREAMLIT_FILE_ID(b"report", "text/markdown", "a.md"))
    others = {
        media_ids.keyed_file_id(b"report!", "text/markdown", "a.md"),
        media_ids.keyed_file_id(b"report", "text/calendar", "a.md"),
        media_ids.keyed_file_id(b"report", "text/markdown", "b.md"),
        media_ids.keyed_file_id(b"repor", "ttext/markdown", "a.md"),  # parts are framed, not concatenated
    }
    assert base not in others and len(others) == 4
    monkeypatch.setattr(media_ids, "_KEY", b"another process" * 2)
    assert media_ids.keyed_file_id(b"report", "text/markdown", "a.md") != base
    assert memory_media_file_storage._calculate_file_id is media_ids.keyed_file_id
