"""Static checks of deploy/: the Kubernetes manifests, the Dockerfile and the nginx template (no servers)."""

from __future__ import annotations

import ast
import base64
import hashlib
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
import streamlit
import yaml

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


def test_k8s_manifests_parse_and_probe_streamlit_health() -> None:
    """deploy/k8s.yaml parses as Deployment, Service and Ingress; probes, non-root and affinity are set."""
    docs = [d for d in yaml.safe_load_all((DEPLOY / "k8s.yaml").read_text(encoding="utf-8")) if d]
    by_kind = {d["kind"]: d for d in docs}
    assert sorted(by_kind) == ["Deployment", "Ingress", "Service"]

    deployment = by_kind["Deployment"]
    assert deployment["spec"]["replicas"] == 3
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    (container,) = pod["containers"]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": 8501}, probe
    assert container["resources"]["requests"] and container["resources"]["limits"]

    annotations = by_kind["Ingress"]["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert annotations["nginx.ingress.kubernetes.io/enable-access-log"] == "false"
    backend = by_kind["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == by_kind["Service"]["metadata"]["name"]


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


def test_the_csp_allows_exactly_the_inline_scripts_of_streamlits_page() -> None:
    """The CSP's script hashes are those of the inline scripts in this Streamlit's index.html (an upgrade shows)."""
    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.DOTALL)
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline
    }
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    (csp,) = re.findall(r'add_header Content-Security-Policy "([^"]+)"', conf)
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src "))
    assert set(re.findall(r"'sha256-[^']+'", script_src)) == hashes
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
