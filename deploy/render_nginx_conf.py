#!/usr/bin/env python3
"""Render deploy/nginx.conf (the one balancer config) for a list of replicas.

    python3 deploy/render_nginx_conf.py --listen 80 --replica 10.0.0.11:8501 --replica 10.0.0.12:8501 \
        > /etc/nginx/conf.d/meta-ki-check.conf

With --standalone DIR it writes DIR/nginx.conf, a complete configuration that runs without root and touches
nothing outside DIR (temp files and logs inside it), around the same rendered template; start it with
    nginx -p DIR -c DIR/nginx.conf -e DIR/error.log -g 'daemon off; pid DIR/nginx.pid;'
The scale-out test (tests/deploy/test_scale_out.py) uses exactly this. Standard library only.
"""

from __future__ import annotations

import argparse
import importlib.util
import ipaddress
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")
PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_REPLICA = re.compile(r"[A-Za-z0-9.\-\[\]:]+:[0-9]{1,5}")
# An origin allowed to embed the app in a frame: scheme and host (and port), nothing else.
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?")
# Streamlit's shipped files: static/js|css|media/<name>.<8-character content hash>.<ext> (nothing to escape).
_STATIC_NAME = re.compile(r"static/(?:js|css|media)/[A-Za-z0-9_.\-]+\.[A-Za-z0-9_\-]{8}\.[a-z0-9]+")
_DENY_FRAMING = '    add_header X-Frame-Options "DENY" always;'


def frame_headers(frame_ancestors: Sequence[str]) -> dict[str, str]:
    """Who may embed the app: nobody by default; else exactly these origins (CSP frame-ancestors).

    X-Frame-Options (for browsers without CSP level 2) can only say DENY or SAMEORIGIN, not name another
    site: it is sent when nobody may embed the app, and left out when the operator allows some origins.
    """
    for origin in frame_ancestors:
        if not _ORIGIN.fullmatch(origin):
            raise ValueError(f"frame ancestor must be scheme://host[:port], got {origin!r}")
    if not frame_ancestors:
        return {"FRAME_ANCESTORS": "'none'", "X_FRAME_OPTIONS": _DENY_FRAMING}
    allowed = "# X-Frame-Options left out: some origins may embed the app (frame-ancestors above)."
    return {"FRAME_ANCESTORS": " ".join(frame_ancestors), "X_FRAME_OPTIONS": f"    {allowed}"}


def real_ip(trusted: Sequence[str]) -> str:
    """Behind another proxy (an Ingress controller), take the client's address from X-Forwarded-For as set by
    these networks only, so that the per-client limits count visitors, not the proxy."""
    for network in trusted:
        ipaddress.ip_network(network)  # ValueError for anything but an address or a network
    if not trusted:
        return "    # Clients connect directly: $binary_remote_addr is the visitor (see --real-ip-from)."
    lines = [f"    set_real_ip_from {network};" for network in trusted]
    return "\n".join([*lines, "    real_ip_header X-Forwarded-For;", "    real_ip_recursive on;"])


def trusted_proxies(trusted: Sequence[str]) -> str:
    """`geo` entries: the proxies whose X-Forwarded-Proto names the visitor's scheme (--real-ip-from)."""
    if not trusted:
        return "    # none: X-Forwarded-Proto from a client is ignored (see --real-ip-from)"
    return "\n".join(f"    {ipaddress.ip_network(network)} 1;" for network in trusted)


def streamlit_static_dir() -> Path:
    """The directory of the installed Streamlit's own static files (found without importing Streamlit)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise ValueError(
            "Streamlit is not installed for this Python: run the script with the app's .venv/bin/python "
            "(the same pinned Streamlit as the image), or give --streamlit-static DIR"
        )
    return Path(spec.origin).parent / "static"


def static_files(static_dir: str | os.PathLike[str] | None = None) -> str:
    """The `map` entries naming every file Streamlit serves under /static/ (its static dir's static/)."""
    root = Path(static_dir) if static_dir is not None else streamlit_static_dir()
    files = sorted(p.relative_to(root).as_posix() for p in (root / "static").rglob("*") if p.is_file())
    if not files:
        raise ValueError(f"no Streamlit static files under {root / 'static'}")
    for name in files:
        if not _STATIC_NAME.fullmatch(name):
            raise ValueError(f"unexpected file name in Streamlit's static files: {name!r}")
    return "\n".join(f"    /{name} 1;" for name in files)


def render(
    replicas: Sequence[str],
    listen: str,
    log_dir: str | os.PathLike[str] = "/var/log/nginx",
    frame_ancestors: Sequence[str] = (),
    cache_dir: str | os.PathLike[str] = "/var/cache/nginx/meta-ki-check",
    real_ip_from: Sequence[str] = (),
    static_dir: str | os.PathLike[str] | None = None,
) -> str:
    """The http-context configuration for these replicas ("host:port" each); /static/ allows the files in
    `static_dir` (default: the installed Streamlit's)."""
    if not replicas:
        raise ValueError("at least one replica (host:port) is needed")
    for replica in replicas:
        if not _REPLICA.fullmatch(replica):
            raise ValueError(f"replica must be host:port, got {replica!r}")
    values = {
        "LISTEN": listen,
        "UPSTREAM_SERVERS": "\n".join(f"    server {r} max_fails=1 fail_timeout=10s;" for r in replicas),
        "LOG_DIR": str(log_dir),
        "CACHE_DIR": str(cache_dir),
        # One replica needs no sticky routing: no cookie at all.
        "ROUTE_COOKIE": "$kicheck_route_set_cookie" if len(replicas) > 1 else '""',
        "REAL_IP": real_ip(real_ip_from),
        "TRUSTED_PROXIES": trusted_proxies(real_ip_from),
        "STATIC_FILES": static_files(static_dir),
        **frame_headers(frame_ancestors),
    }
    template = TEMPLATE.read_text(encoding="utf-8")
    unknown = set(PLACEHOLDER.findall(template)) - values.keys()
    if unknown:
        raise ValueError(f"{TEMPLATE} has placeholders this script does not fill: {sorted(unknown)}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def write_standalone(
    directory: str | os.PathLike[str],
    replicas: Sequence[str],
    listen: str,
    frame_ancestors: Sequence[str] = (),
    real_ip_from: Sequence[str] = (),
    static_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """Write DIR/nginx.conf: a whole nginx configuration, self-contained in DIR, including the template."""
    root = Path(directory).resolve()
    for sub in ("logs", "cache", "temp/client_body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "meta-ki-check.conf").write_text(
        render(replicas, listen, root / "logs", frame_ancestors, root / "cache", real_ip_from),
        encoding="utf-8",
    )
    # Started as root, nginx would run its workers as `nobody`, who cannot write the temp dirs in DIR.
    user = "user root;\n" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {root / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = root / "nginx.conf"
    conf.write_text(
        f"# Generated by deploy/render_nginx_conf.py --standalone; the site itself is meta-ki-check.conf.\n"
        f"{user}worker_processes 1;\n"
        f"events {{\n    worker_connections 512;\n}}\n"
        f"http {{\n"
        f"    access_log off;\n"
        f"{temp}\n"
        f"    include {root / 'meta-ki-check.conf'};\n"
        f"}}\n",
        encoding="utf-8",
    )
    return conf


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replica", action="append", required=True, help="host:port of a replica (repeat)")
    parser.add_argument("--listen", default="80", help="nginx `listen` argument (default: 80)")
    parser.add_argument("--log-dir", default="/var/log/nginx", help="directory of the two log files")
    parser.add_argument(
        "--cache-dir",
        default="/var/cache/nginx/meta-ki-check",
        help="directory where nginx keeps Streamlit's static files (writable by nginx's workers)",
    )
    parser.add_argument("--standalone", metavar="DIR", help="write a complete, rootless config into DIR")
    parser.add_argument(
        "--streamlit-static",
        metavar="DIR",
        help="Streamlit's static directory (site-packages/streamlit/static) of the image's Streamlit; "
        "default: the one installed for this Python",
    )
    parser.add_argument(
        "--real-ip-from",
        action="append",
        default=[],
        metavar="NETWORK",
        help="a proxy network trusted to name the client in X-Forwarded-For (repeat), e.g. the Ingress pods",
    )
    parser.add_argument(
        "--frame-ancestor",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="an origin (https://host) allowed to embed the app in a frame (repeat); default: nobody",
    )
    args = parser.parse_args(argv)
    try:
        if args.standalone:
            print(
                write_standalone(
                    args.standalone,
                    args.replica,
                    args.listen,
                    args.frame_ancestor,
                    args.real_ip_from,
                    args.streamlit_static,
                )
            )
        else:
            conf = render(
                args.replica,
                args.listen,
                args.log_dir,
                args.frame_ancestor,
                args.cache_dir,
                args.real_ip_from,
                args.streamlit_static,
            )
            sys.stdout.write(conf)
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
