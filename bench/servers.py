"""Two `streamlit run` servers started the same way: the app, and a one-line page (the floor) beside a copy of
the repository's .streamlit/config.toml. Loopback only; each process is ended by its own id."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from testkit.processes import HOST, ROOT, Process, cpu_seconds, free_port, rss_kb, streamlit_command

__all__ = ["HOST", "ROOT", "Server", "Servers", "free_port", "rss_kb"]

HELLO_SCRIPT = 'import streamlit as st\n\nst.write("hello")\n'
START_TIMEOUT = 90.0


@dataclass
class Server:
    """One `streamlit run` the benchmark measures, started by testkit.processes as the tests start theirs."""

    name: str
    script: str
    cwd: Path
    port: int
    log: Path
    started_in_s: float | None = None
    flags: list[str] = field(default_factory=list)  # extra `streamlit run` flags, e.g. --runner.x=y
    process: Process | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def proc(self) -> subprocess.Popen[bytes] | None:
        return self.process.popen if self.process else None

    def command(self) -> list[str]:
        return streamlit_command(self.script, self.port, flags=tuple(self.flags))

    def start(self) -> None:
        self.process = Process(self.name, self.command(), self.log, self.cwd)
        self.process.start({"PYTHONPATH": None})  # the app's own imports only, as in production

    def wait_ready(self) -> None:
        assert self.process is not None
        self.started_in_s = self.process.wait_healthy(f"{self.base}/_stcore/health", START_TIMEOUT)

    def log_tail(self) -> str:
        return self.process.tail() if self.process else "(no log)"

    def rss_mb(self) -> float:
        return rss_kb(self.process.pid) / 1024

    def cpu_s(self) -> float:
        return cpu_seconds(self.process.pid)

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop(grace_s=15)


class Servers:
    """The app (app.py in the repository) and the floor (a one-line page in a temporary folder); with
    `before`, also the app of another checkout (an earlier commit), measured side by side."""

    def __init__(
        self, app_flags: list[str] | None = None, with_hello: bool = True, before: Path | None = None
    ) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="meta-ki-bench-"))
        hello_dir = self.tmp / "hello"
        (hello_dir / ".streamlit").mkdir(parents=True)
        (hello_dir / "hello.py").write_text(HELLO_SCRIPT, encoding="utf-8")
        shutil.copy(ROOT / ".streamlit" / "config.toml", hello_dir / ".streamlit" / "config.toml")
        self.app = Server("app", "app.py", ROOT, free_port(), self.tmp / "app.log", flags=app_flags or [])
        self.hello = Server("hello", "hello.py", hello_dir, free_port(), self.tmp / "hello.log")
        self.running = [self.app, self.hello] if with_hello else [self.app]
        self.before = None
        if before is not None:
            self.before = Server("before", "app.py", Path(before), free_port(), self.tmp / "before.log")
            self.running.append(self.before)

    def __enter__(self) -> Servers:
        try:
            for server in self.running:
                server.start()
            for server in self.running:
                server.wait_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.running:
            server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)
