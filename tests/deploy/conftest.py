"""Harness of the scale-out test: Streamlit replicas, nginx with deploy/nginx.conf, a Debian chromium.

Everything started here is stopped here (process groups, try/finally). When a test fails, the logs of the
replicas and of nginx are added to its report.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
NGINX = Path("/usr/sbin/nginx")
NETGUARD = Path(__file__).resolve().parent / "netguard"  # a sitecustomize that records and blocks calls out
STARTUP_TIMEOUT = 90  # seconds for a replica (or nginx) to answer its health check; 2 cores, cold imports
# The name the tests open the app by, as people do: never 127.0.0.1 or localhost, which Streamlit trusts by
# name (a test by address passed while every real host name got 403). Chromium maps it to loopback
# (tests/chromium.py); raw HTTP and WebSocket clients connect to 127.0.0.1 and send it as Host.
PUBLIC_HOST = "kicheck.test"
# The Ingress of the Kubernetes set-up, as the tests play it: nginx is rendered with --real-ip-from this
# address (as the sidecar trusts the Ingress controller's pods), so a request from here may name the visitor
# (X-Forwarded-For) and the scheme (X-Forwarded-Proto: https). Other loopback addresses are direct clients.
INGRESS = "127.0.0.1"

_CLUSTER = pytest.StashKey["Cluster"]()


def _load_renderer():
    spec = importlib.util.spec_from_file_location(
        "render_nginx_conf", REPO / "deploy" / "render_nginx_conf.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_nginx_conf = _load_renderer()


def require(binary: Path, package: str) -> None:
    """A missing system binary fails the test (never skips it): `make test` installs it."""
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.fail(
            f"{binary} is missing: the scale-out test needs Debian's {package} "
            f"(`make system-packages`, or `apt-get install -y {package}` as root).",
            pytrace=False,
        )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(url: str, timeout: float = 2.0) -> int | None:
    """HTTP status of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, ValueError):
        return None


def http_request(
    port: int,
    path: str,
    host: str | None = None,
    headers: dict[str, str] | None = None,
    source: str = INGRESS,
    method: str = "GET",
    timeout: float = 20.0,
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of one request to 127.0.0.1:port, sent from the loopback
    address `source` with `Host: host` (default: PUBLIC_HOST and the port), redirects not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"{PUBLIC_HOST}:{port}")
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


@dataclass
class Process:
    """A child in its own process group, its output in a file (a pipe nobody reads could block it)."""

    name: str
    args: list[str]
    log: Path
    cwd: Path = REPO
    popen: subprocess.Popen[bytes] | None = None

    def start(self, env: dict[str, str] | None = None) -> None:
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                self.args,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            )

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def stop(self, sig: int = signal.SIGTERM, grace: float = 10.0) -> None:
        """Signal the whole group; SIGKILL whatever is left of it after `grace` seconds."""
        if self.popen is None:
            return
        self._signal_group(sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=grace)
        self._signal_group(signal.SIGKILL)  # leader if still alive, and any child (an nginx worker)
        self.popen.wait(timeout=grace)

    def _signal_group(self, sig: int) -> None:
        assert self.popen is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def wait_healthy(self, url: str) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if not self.running:
                raise RuntimeError(f"{self.name} exited with code {self.popen and self.popen.returncode}")
            if http_status(url) == 200:
                return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name}: {url} did not answer 200 within {STARTUP_TIMEOUT} s")


@dataclass
class Replica:
    port: int
    process: Process

    @property
    def addr(self) -> str:
        return f"127.0.0.1:{self.port}"

    def kill(self) -> None:
        """An abrupt crash: SIGKILL, no graceful shutdown; returns once the port refuses connections."""
        self.process.stop(signal.SIGKILL)
        deadline = time.monotonic() + 10
        while http_status(f"http://{self.addr}/_stcore/health", timeout=0.5) is not None:
            assert time.monotonic() < deadline, f"replica {self.addr} still answers after SIGKILL"
            time.sleep(0.1)


@dataclass
class Cluster:
    """Two (or more) replicas behind nginx, all on loopback; `url` is the balancer."""

    directory: Path
    replicas: list[Replica] = field(default_factory=list)
    nginx: Process | None = None
    port: int = 0

    @property
    def url(self) -> str:
        """The balancer by its host name (for Chromium, which maps the name to loopback)."""
        return f"http://{PUBLIC_HOST}:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.directory / "nginx" / "logs" / "meta-ki-check.access.log"

    def status(self, path: str) -> int | None:
        """HTTP status of a GET through nginx, by the host name."""
        return http_request(self.port, path)[0]

    def log_files(self) -> list[Path]:
        return sorted(p for p in self.directory.rglob("*.log") if p.is_file())

    def logs(self) -> str:
        parts = []
        for path in self.log_files():
            text = path.read_text(encoding="utf-8", errors="replace")
            parts.append(f"===== {path.relative_to(self.directory)} =====\n{text[-20000:]}")
        return "\n".join(parts) or "(no logs)"

    def start(self, replicas: int) -> None:
        for i in range(1, replicas + 1):
            port = free_port()
            args = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
            args += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
            args += ["--server.address", "127.0.0.1", "--server.port", str(port)]
            process = Process(f"replica {i} (port {port})", args, self.directory / f"replica{i}.log")
            self.replicas.append(Replica(port, process))
            process.start()  # the replicas boot in parallel
        for replica in self.replicas:
            replica.process.wait_healthy(f"http://{replica.addr}/_stcore/health")

        self.nginx, self.port = start_nginx(self.directory / "nginx", [r.addr for r in self.replicas])

    def stop(self) -> None:
        try:
            if self.nginx is not None:
                self.nginx.stop()  # SIGTERM: nginx's fast shutdown, open WebSockets included
        finally:
            for replica in self.replicas:
                replica.process.stop()


def dockerfile_command(port: int) -> list[str]:
    """The CMD of deploy/Dockerfile, run with this Python and on `port` instead of 8501."""
    lines = (REPO / "deploy" / "Dockerfile").read_text(encoding="utf-8").splitlines()
    (cmd,) = [line.removeprefix("CMD ") for line in lines if line.startswith("CMD ")]
    args = json.loads(cmd)
    assert args[0] == "streamlit", args
    swapped = [f"--server.port={port}" if a == "--server.port=8501" else a for a in args[1:]]
    assert f"--server.port={port}" in swapped, args
    return [sys.executable, "-m", "streamlit", *swapped]


def start_nginx(directory: Path, replicas: list[str], **render_options: object) -> tuple[Process, int]:
    """nginx running deploy/nginx.conf (rendered for `replicas`) on a free loopback port, once it answers."""
    port = free_port()
    conf = render_nginx_conf.write_standalone(directory, replicas, f"127.0.0.1:{port}", **render_options)
    error_log = directory / "error.log"
    # -e: the error log used at startup, before the configuration (and -g's error_log) is read.
    args = [str(NGINX), "-p", str(directory), "-c", str(conf), "-e", str(error_log)]
    args += ["-g", f"daemon off; pid {directory / 'nginx.pid'}; error_log {error_log};"]
    process = Process("nginx", args, directory / "nginx-stdout.log")
    process.start()
    process.wait_healthy(f"http://127.0.0.1:{port}/_stcore/health")
    return process, port


@dataclass
class Edge:
    """One replica started exactly as deploy/Dockerfile starts it, behind nginx, with every call out recorded.

    The replica runs the Dockerfile's CMD (wildcard address, headless) with tests/deploy/netguard on its
    PYTHONPATH: an audit hook that logs and refuses any name lookup or connection to another machine.
    """

    directory: Path
    replica_port: int = 0
    port: int = 0
    replica: Process | None = None
    nginx: Process | None = None

    @property
    def url(self) -> str:
        """nginx by the public host name (for Chromium, which maps the name to loopback)."""
        return f"http://{PUBLIC_HOST}:{self.port}"

    @property
    def replica_url(self) -> str:
        return f"http://127.0.0.1:{self.replica_port}"

    @property
    def netguard_log(self) -> Path:
        return self.directory / "netguard.log"

    def logs(self) -> str:
        parts = []
        for path in sorted(p for p in self.directory.rglob("*.log") if p.is_file()):
            text = path.read_text(encoding="utf-8", errors="replace")[-10000:]
            parts.append(f"===== {path.relative_to(self.directory)} =====\n{text}")
        return "\n".join(parts) or "(no logs)"

    def calls_out(self) -> list[str]:
        """Every lookup or connection to another host the replica attempted so far."""
        lines = self.netguard_log.read_text(encoding="utf-8").splitlines()
        assert any(line.startswith("netguard active") for line in lines), "the recorder did not load"
        return [line for line in lines if not line.startswith("netguard active")]

    def start(self) -> None:
        self.replica_port = free_port()
        env = {"PYTHONPATH": str(NETGUARD), "KICHECK_NETGUARD_LOG": str(self.netguard_log)}
        env["HOME"] = str(self.directory)  # no developer's ~/.streamlit/config.toml
        self.replica = Process(
            "replica (Dockerfile CMD)", dockerfile_command(self.replica_port), self.directory / "replica.log"
        )
        self.replica.start(env)
        self.replica.wait_healthy(f"{self.replica_url}/_stcore/health")
        self.nginx, self.port = start_nginx(
            self.directory / "nginx", [f"127.0.0.1:{self.replica_port}"], real_ip_from=[f"{INGRESS}/32"]
        )

    def stop(self) -> None:
        try:
            if self.nginx is not None:
                self.nginx.stop()
        finally:
            if self.replica is not None:
                self.replica.stop()


@pytest.fixture(scope="package")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Edge]:
    """The hardened front door: one replica (as the Dockerfile runs it) behind deploy/nginx.conf."""
    require(NGINX, "nginx")
    edge = Edge(tmp_path_factory.mktemp("edge"))
    try:
        edge.start()
        yield edge
    finally:
        edge.stop()


@pytest.fixture
def cluster(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Cluster]:
    """Two replicas of app.py behind nginx running deploy/nginx.conf; everything stopped afterwards."""
    require(NGINX, "nginx")
    if not (REPO / "app.py").is_file():
        pytest.fail(f"{REPO / 'app.py'} does not exist: nothing to scale out", pytrace=False)
    cluster = Cluster(tmp_path)
    request.node.stash[_CLUSTER] = cluster  # its logs go into the report if anything fails
    try:
        cluster.start(replicas=2)
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(name="render_nginx_conf")
def render_nginx_conf_module() -> ModuleType:
    """deploy/render_nginx_conf.py, which renders deploy/nginx.conf."""
    return render_nginx_conf


@pytest.fixture
def nginx() -> Path:
    """Debian's nginx binary (the test fails if it is missing)."""
    require(NGINX, "nginx")
    return NGINX


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report = yield
    cluster = item.stash.get(_CLUSTER, None)
    if report.failed and cluster is not None:
        report.sections.append(("scale-out server logs (replicas, nginx)", cluster.logs()))
    edge = getattr(item, "funcargs", {}).get("edge")
    if report.failed and isinstance(edge, Edge):
        report.sections.append(("edge logs (replica, nginx, netguard)", edge.logs()))
    return report
