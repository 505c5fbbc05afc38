"""Harness of the deploy tests: Streamlit replicas and nginx with deploy/nginx.conf, started by
testkit.processes (as the browser tests and the benchmark start theirs).

Everything started here is stopped here (process groups, try/finally). When a test fails, the logs of the
replicas and of nginx are added to its report.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from testkit.processes import (
    NGINX,
    Process,
    free_port,
    http_status,
    load_nginx_renderer,
    start_nginx,
    streamlit,
)
from testkit.processes import ROOT as REPO

NETGUARD = Path(__file__).resolve().parent / "netguard"  # a sitecustomize that records and blocks calls out
# The name the tests open the app by, as people do: never 127.0.0.1 or localhost, which Streamlit trusts by
# name (a test by address passed while every real host name got 403). Chromium maps it to loopback
# (testkit/chromium.py); raw HTTP and WebSocket clients connect to 127.0.0.1 and send it as Host.
PUBLIC_HOST = "kicheck.test"
# The Ingress of the Kubernetes set-up, as the tests play it: nginx is rendered with --real-ip-from this
# address (as the sidecar trusts the Ingress controller's pods), so a request from here may name the visitor
# (X-Forwarded-For) and the scheme (X-Forwarded-Proto: https). Other loopback addresses are direct clients.
INGRESS = "127.0.0.1"

_CLUSTER = pytest.StashKey["Cluster"]()

render_nginx_conf = load_nginx_renderer()


def require(binary: Path, package: str) -> None:
    """A missing system binary fails the test (never skips it): `make test` installs it."""
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.fail(
            f"{binary} is missing: the scale-out test needs Debian's {package} "
            f"(`make system-packages`, or `apt-get install -y {package}` as root).",
            pytrace=False,
        )


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
            process, port = streamlit(f"replica {i}", "app.py", self.directory / f"replica{i}.log")
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
