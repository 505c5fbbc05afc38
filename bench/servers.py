"""Two `streamlit run` servers started the same way: the app, and a one-line page (the floor) beside a copy of
the repository's .streamlit/config.toml. Loopback only; each process is ended by its own id."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
HELLO_SCRIPT = 'import streamlit as st\n\nst.write("hello")\n'
START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    script: str
    cwd: Path
    port: int
    log: Path
    proc: subprocess.Popen | None = None
    started_in_s: float | None = None
    flags: list[str] = field(default_factory=list)  # extra `streamlit run` flags, e.g. --runner.x=y

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def command(self) -> list[str]:
        # Same flags for both; everything else comes from the .streamlit/config.toml beside the script.
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.script,
            "--server.address",
            HOST,
            "--server.port",
            str(self.port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *self.flags,
        ]

    def start(self) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("PYTHONPATH", None)
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                self.command(), cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT, env=env
            )
        self._t0 = time.perf_counter()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} server exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        self.started_in_s = time.perf_counter() - self._t0
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} server not healthy within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-20:])
        except OSError:
            return "(no log)"

    def rss_mb(self) -> float:
        return rss_kb(self.proc.pid) / 1024

    def cpu_s(self) -> float:
        return cpu_seconds(self.proc.pid)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)


def rss_kb(pid: int) -> float:
    """Resident memory of one process in KiB (psutil when installed, else /proc/<pid>/status)."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 1024
    except ImportError:
        pass
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return float(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far, in seconds (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


class Servers:
    """The app (app.py in the repository) and the floor (a one-line page in a temporary folder)."""

    def __init__(self, app_flags: list[str] | None = None, with_hello: bool = True) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="meta-ki-bench-"))
        hello_dir = self.tmp / "hello"
        (hello_dir / ".streamlit").mkdir(parents=True)
        (hello_dir / "hello.py").write_text(HELLO_SCRIPT, encoding="utf-8")
        shutil.copy(ROOT / ".streamlit" / "config.toml", hello_dir / ".streamlit" / "config.toml")
        self.app = Server("app", "app.py", ROOT, free_port(), self.tmp / "app.log", flags=app_flags or [])
        self.hello = Server("hello", "hello.py", hello_dir, free_port(), self.tmp / "hello.log")
        self.running = [self.app, self.hello] if with_hello else [self.app]

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
