"""Static checks of deploy/: the Kubernetes manifests, the Dockerfile and the nginx template (no servers)."""

from __future__ import annotations

import ast
import base64
import hashlib
import re
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
import streamlit
import yaml

from ui.common import PAGE_SCRIPT_SHA256

pytestmark = pytest.mark.timeout(60)

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"


def _top_level_imports(sources: list[Path]) -> set[str]:
    names: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_k8s_manifests_parse_and_put_the_tested_nginx_in_front_of_every_pod() -> None:
    """deploy/k8s.yaml: pods run Streamlit on loopback behind the sidecar nginx; probes, limits, autoscaling."""
    docs = [d for d in yaml.safe_load_all((DEPLOY / "k8s.yaml").read_text(encoding="utf-8")) if d]
    kinds = [d["kind"] for d in docs]
    assert sorted(kinds) == sorted(
        ["Deployment", "Service", "Ingress", "Ingress", "Ingress", "HorizontalPodAutoscaler", "NetworkPolicy"]
    )
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    app, nginx = pod["containers"]
    assert "--server.address=127.0.0.1" in app["args"]  # only the sidecar reaches Streamlit
    assert "/_stcore/health" in " ".join(app["livenessProbe"]["exec"]["command"])
    assert nginx["readinessProbe"]["httpGet"] == {"path": "/_stcore/health", "port": 8080}
    assert {m["mountPath"] for m in nginx["volumeMounts"]} >= {"/etc/nginx/conf.d", "/var/cache/nginx"}
    assert app["resources"]["requests"]["cpu"] == "1" and app["resources"]["limits"]["memory"]
    service = next(d for d in docs if d["kind"] == "Service")
    assert service["spec"]["ports"][0]["targetPort"] == nginx["ports"][0]["name"]

    ingresses = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Ingress"}
    for ingress in ingresses.values():
        annotations = ingress["metadata"]["annotations"]
        assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
        assert (
            annotations["nginx.ingress.kubernetes.io/session-cookie-name"] == "kicheck_pod"
        )  # not the sidecar's
        assert annotations["nginx.ingress.kubernetes.io/enable-access-log"] == "false"
        backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
        assert backend["name"] == service["metadata"]["name"]
    stream = ingresses["meta-ki-check-stream"]["metadata"]["annotations"]
    assert stream["nginx.ingress.kubernetes.io/limit-rps"] == "2"  # as limit_req zone=kicheck_sessions
    assert stream["nginx.ingress.kubernetes.io/limit-connections"] == "32"  # as limit_conn kicheck_websockets
    assert int(stream["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert "limit-rps" not in " ".join(ingresses["meta-ki-check-static"]["metadata"]["annotations"])

    hpa = next(d for d in docs if d["kind"] == "HorizontalPodAutoscaler")
    assert hpa["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert 3 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
    policy = next(d for d in docs if d["kind"] == "NetworkPolicy")
    assert policy["spec"]["egress"] == [] and "Egress" in policy["spec"]["policyTypes"]


def test_the_sidecar_configuration_renders_and_passes_nginx_syntax_check(
    tmp_path: Path, nginx: Path, render_nginx_conf: ModuleType
) -> None:
    """The k8s sidecar's nginx.conf (one replica on loopback, client address from the Ingress) is valid."""
    text = render_nginx_conf.render(
        ["127.0.0.1:8501"], "8080", tmp_path, (), tmp_path / "cache", ["10.0.0.0/8"]
    )
    assert "set_real_ip_from 10.0.0.0/8;" in text and "real_ip_header X-Forwarded-For;" in text
    assert 'add_header Set-Cookie "" always;' in text  # one replica: no routing cookie
    with pytest.raises(ValueError):
        render_nginx_conf.render(["127.0.0.1:8501"], "8080", real_ip_from=["10.0.0.0/8; evil"])
    (tmp_path / "site.conf").write_text(text, encoding="utf-8")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"events {{}}\nhttp {{\n    access_log off;\n    proxy_temp_path {tmp_path};\n"
        f"    include {tmp_path / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    args = [str(nginx), "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")]
    args += ["-g", f"pid {tmp_path / 'nginx.pid'};"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_dockerfile_copies_the_app_and_runs_it_as_non_root() -> None:
    """deploy/Dockerfile copies every part of the app, runs as a numeric non-root user, checks health."""
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    # Everything the app reads at run time; a new top-level package imported by the app must be added here.
    parts = ["requirements.txt", "app.py", "pages/", "kicheck/", "ui/", "data/", "static/", ".streamlit/"]
    sources = [REPO / "app.py", *(REPO / "pages").glob("*.py"), *(REPO / "ui").glob("*.py")]
    imported = _top_level_imports(sources)
    parts += [f"{name}/" for name in sorted(imported) if (REPO / name).is_dir() and f"{name}/" not in parts]
    for part in parts:
        assert any(line.startswith("COPY ") and part in line for line in lines), part
        assert f"!{part}" in (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8"), part
    assert "USER 10001:10001" in lines
    assert "/_stcore/health" in text and "HEALTHCHECK" in text


def test_nginx_template_renders_and_passes_nginx_syntax_check(
    tmp_path: Path, nginx: Path, render_nginx_conf: ModuleType
) -> None:
    """deploy/nginx.conf rendered for three replicas has no placeholder left and passes `nginx -t`."""
    replicas = ["127.0.0.1:8501", "127.0.0.1:8502", "127.0.0.1:8503"]
    text = render_nginx_conf.render(replicas, "8080")
    assert not render_nginx_conf.PLACEHOLDER.search(text)
    assert all(f"server {r} " in text for r in replicas)
    with pytest.raises(ValueError):
        render_nginx_conf.render(["127.0.0.1:8501; evil"], "8080")

    conf = render_nginx_conf.write_standalone(tmp_path, replicas, "127.0.0.1:8080")
    args = [str(nginx), "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")]
    args += ["-g", f"pid {tmp_path / 'nginx.pid'};"]
    result = subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr


def test_frame_ancestors_default_to_none_and_take_an_operators_allow_list(
    render_nginx_conf: ModuleType,
) -> None:
    """Nobody may frame the app unless the operator names origins; then X-Frame-Options (DENY only) is left out."""
    default = render_nginx_conf.render(["127.0.0.1:8501"], "8080")
    assert "frame-ancestors 'none'" in default
    assert 'add_header X-Frame-Options "DENY" always;' in default
    allowed = render_nginx_conf.render(
        ["127.0.0.1:8501"], "8080", frame_ancestors=["https://news.example", "https://blog.example:8443"]
    )
    assert 'frame-ancestors https://news.example https://blog.example:8443" always;' in allowed
    assert "X-Frame-Options" not in allowed.replace("# X-Frame-Options left out", "")
    for bad in ("*", "https://x.example; script-src *", "javascript:alert(1)", "https://x.example/path"):
        with pytest.raises(ValueError):
            render_nginx_conf.render(["127.0.0.1:8501"], "8080", frame_ancestors=[bad])


def test_the_csp_allows_exactly_the_inline_scripts_of_streamlits_page(render_nginx_conf: ModuleType) -> None:
    """The CSP's script hashes are those of the inline scripts in this Streamlit's index.html (an upgrade shows)
    plus the app's one constant page script (ui/common.PAGE_SCRIPT) and the base script nginx adds to every
    page document (render_nginx_conf.BASE_SCRIPT): no other inline script may run."""
    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.DOTALL)
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline
    }
    hashes.add(f"'{PAGE_SCRIPT_SHA256}'")
    base = render_nginx_conf.BASE_SCRIPT.encode()
    hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(base).digest()).decode() + "'")
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    (csp,) = re.findall(r'add_header Content-Security-Policy "([^"]+)"', conf)
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src "))
    assert set(re.findall(r"'sha256-[^']+'", script_src)) == hashes
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_config_keeps_the_settings_the_deployment_relies_on() -> None:
    """No per-run full GC (flat cost), a 1 MB message limit, and no external-IP lookup at start."""
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False  # bench/flood.py: 4.03x -> 0.97x late/early
    assert config["server"]["maxMessageSize"] == 1  # bench/messages.py: largest message ~29 KB
    assert config["browser"]["serverAddress"]  # test_no_calls_out.py proves the effect
    assert config["logger"]["hideWelcomeMessage"] is True


def _blocks(text: str, kind: str) -> list[str]:
    """The bodies of every `kind ... { ... }` block of an nginx configuration (nested braces included)."""
    bodies = []
    for match in re.finditer(rf"^\s*{kind}\b[^{{;]*\{{", text, re.MULTILINE):
        depth, start = 1, match.end()
        for i in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if depth == 0:
                bodies.append(text[start:i])
                break
    return bodies


def test_no_location_drops_the_headers_every_request_needs(render_nginx_conf: ModuleType) -> None:
    """nginx does not merge proxy_set_header or add_header across levels: one such line in a location drops
    all of the server's there. /_stcore/stream had its own, so Streamlit got `Host: kicheck_replicas`,
    refused every WebSocket opened by a real host name and called out. Headers are set per server; a location
    that needs one of its own (the page documents: Accept-Encoding) repeats every one a replica needs."""
    text = render_nginx_conf.render(["127.0.0.1:8501", "127.0.0.1:8502"], "8080", real_ip_from=["10.0.0.0/8"])
    (server,) = _blocks(text, "server")
    needed = ["Host $http_host", "X-Forwarded-Proto $kicheck_forwarded_proto", "X-Forwarded-For $remote_addr"]
    for header in [*needed, "Upgrade $http_upgrade"]:
        assert f"proxy_set_header {header};" in server
    locations = _blocks(text, "location")
    assert len(locations) >= 8
    for body in locations:
        code = "\n".join(line.split("#", 1)[0] for line in body.splitlines())
        assert "add_header" not in code, body
        if "proxy_set_header" in code:
            assert "proxy_pass" in code and all(f"proxy_set_header {h};" in code for h in needed), body
            assert "/_stcore/stream" not in code and "Upgrade" not in code, body
    stream = next(b for b in locations if "kicheck_websockets" in b)
    assert "proxy_set_header" not in "\n".join(line.split("#", 1)[0] for line in stream.splitlines())
    # X-Forwarded-Proto is taken from the trusted proxies only (--real-ip-from), else nginx's own scheme.
    assert "    10.0.0.0/8 1;" in text
    assert "    10.0.0.0/8 1;" not in render_nginx_conf.render(["127.0.0.1:8501"], "8080")
