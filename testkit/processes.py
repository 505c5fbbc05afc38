"""Children the tests and the benchmark start: `streamlit run` and nginx, on loopback.

Every child runs in its own process group with its output in a file (a pipe nobody reads could block it), is
polled until its health URL answers 200, and is stopped by its own group id: SIGTERM, then SIGKILL for
whatever is left (an nginx worker, a Streamlit child).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
NGINX = Path("/usr/sbin/nginx")
START_TIMEOUT_S = 120.0  # a replica's cold imports on 2 busy cores


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_status(url: str, timeout: float = 2.0) -> int | None:
    """HTTP status of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, ValueError):
        return None


def streamlit_command(script: str, port: int, address: str = HOST, flags: tuple[str, ...] = ()) -> list[str]:
    """`streamlit run` as every test and benchmark starts it: headless, no usage statistics, no file watcher;
    everything else from the .streamlit/config.toml beside the script."""
    return [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.address", address, "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", *flags,
    ]  # fmt: skip


@dataclass
class Process:
    """A child in its own process group, its output in a file."""

    name: str
    args: list[str]
    log: Path
    cwd: Path = ROOT
    popen: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0

    def start(self, env: dict[str, str | None] | None = None) -> None:
        """Start the child; `env` adds variables to this process's environment (None removes one)."""
        merged = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        environment = {name: value for name, value in merged.items() if value is not None}
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                self.args, cwd=self.cwd, env=environment, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.started_at = time.perf_counter()

    @property
    def pid(self) -> int:
        assert self.popen is not None, f"{self.name} was never started"
        return self.popen.pid

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def wait_healthy(self, url: str, timeout_s: float = START_TIMEOUT_S) -> float:
        """Poll `url` until it answers 200; returns the seconds since start. Raises with the log's tail when
        the child exits or the time is up."""
        deadline = time.monotonic() + timeout_s
        while http_status(url) != 200:
            if not self.running:
                raise RuntimeError(
                    f"{self.name} exited ({self.popen and self.popen.returncode}):\n{self.tail()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{self.name}: {url} did not answer 200 within {timeout_s:.0f} s:\n{self.tail()}"
                )
            time.sleep(0.2)  # polling a child that is still importing
        return time.perf_counter() - self.started_at

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def tail(self, lines: int = 20) -> str:
        return "\n".join(self.text().splitlines()[-lines:]) or "(no output)"

    def stop(self, sig: int = signal.SIGTERM, grace_s: float = 10.0) -> None:
        """Signal the whole group; SIGKILL whatever is left of it after `grace_s` seconds."""
        if self.popen is None:
            return
        self._signal_group(sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=grace_s)
        self._signal_group(signal.SIGKILL)  # the leader if still alive, and any child (an nginx worker)
        self.popen.wait(timeout=grace_s)

    def _signal_group(self, sig: int) -> None:
        assert self.popen is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)


def streamlit(
    name: str, script: str, log: Path, cwd: Path = ROOT, address: str = HOST, flags: tuple[str, ...] = ()
) -> tuple[Process, int]:
    """`streamlit run script` on a free port (not yet started: callers start several, then wait for each)."""
    port = free_port()
    return Process(name, streamlit_command(script, port, address, flags), log, cwd), port


def load_nginx_renderer(root: Path = ROOT) -> ModuleType:
    """deploy/render_nginx_conf.py (a script, not a package), which renders deploy/nginx.conf."""
    spec = importlib.util.spec_from_file_location(
        "render_nginx_conf", root / "deploy" / "render_nginx_conf.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def start_nginx(
    directory: Path, replicas: list[str], root: Path = ROOT, **render_options: object
) -> tuple[Process, int]:
    """nginx running `root`'s deploy/nginx.conf (rendered for `replicas`) on a free loopback port, once it
    answers. `root` is another checkout when a benchmark compares before and after."""
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    renderer = load_nginx_renderer(root)
    conf = renderer.write_standalone(directory, replicas, f"{HOST}:{port}", **render_options)
    error_log = directory / "error.log"
    # -e: the error log used at startup, before the configuration (and -g's error_log) is read.
    args = [str(NGINX), "-p", str(directory), "-c", str(conf), "-e", str(error_log)]
    args += ["-g", f"daemon off; pid {directory / 'nginx.pid'}; error_log {error_log};"]
    process = Process("nginx", args, directory / "nginx-stdout.log")
    process.start()
    process.wait_healthy(f"http://{HOST}:{port}/_stcore/health")
    return process, port


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
