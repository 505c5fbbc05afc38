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
import hashlib
import html
import importlib.util
import ipaddress
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

TEMPLATE = Path(__file__).with_name("nginx.conf")
PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_REPLICA = re.compile(r"[A-Za-z0-9.\-\[\]:]+:[0-9]{1,5}")
# An origin allowed to embed the app in a frame: scheme and host (and port), nothing else.
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?")
# Streamlit's shipped files: static/js|css|media/<name>.<8-character content hash>.<ext> (nothing to escape).
_STATIC_NAME = re.compile(r"static/(?:js|css|media)/[A-Za-z0-9_.\-]+\.[A-Za-z0-9_\-]{8}\.[a-z0-9]+")
_DENY_FRAMING = '    add_header X-Frame-Options "DENY" always;'
# A public address as a link preview and a search engine must see it: scheme and host (and port), no path.
_PUBLIC_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?")
PUBLIC_DIR = Path(__file__).with_name("public")  # favicon, touch icon, assets/ (deploy/make_images.py)


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


# --- The page documents: what a link preview, a search engine and a phone show before any script runs ------
# Streamlit serves one index.html for every page: <title>Streamlit</title>, lang="en", its crown as favicon,
# an English <noscript> for AI agents. nginx rewrites that document on its way out (sub_filter, in the page
# locations rendered below), so the document keeps coming from the replica, with the file names of its own
# bundles. Each page gets its German title (the same the app sets once it runs: ui.common.header), a
# description, its canonical address, Open Graph and Twitter card tags with the preview image, the app's own
# icon, a German <noscript> and the page's text inside <div id="root">, which React replaces when the app
# starts: a phone on a slow line shows words at once, and a search engine finds them without running a script.
# A result link (/result?...) is a person's answers: its document is the same for every link, generic, and
# never indexed (robots.txt, X-Robots-Tag). tests/deploy/test_first_impression.py reads it as a fetcher does.
SITE = "Meta-KI-Check"
PREVIEW_IMAGE = "assets/og-image.png"
PREVIEW_ALT = "Meta-KI-Check: Nutzt Meta meine Daten für KI? Ein Selbsttest mit Quellen."
# window.__streamlit.BACKEND_BASE_URL names the app's root: the frontend then connects there at once, instead
# of first probing <page>/_stcore/health and host-config below a deep link (two 404s in every console).
# Constant, so the CSP allows it by its hash (nginx.conf; tests/deploy/test_deploy_files.py).
BASE_SCRIPT = 'window.__streamlit={BACKEND_BASE_URL:window.location.origin+"/"};'
# The app's own top space (ui.common.TOP_SPACE_STYLE, the same rule): in the head it holds from the first
# paint, instead of the page moving up by 2rem when the app's st.html style arrives (a layout shift).
TOP_SPACE_STYLE = '<style>[data-testid="stMainBlockContainer"]{padding-top:4rem}</style>'
_INTRO = (
    "Seit dem 27. Mai 2025 trainiert Meta seine KI mit Daten von Erwachsenen aus der EU und dem EWR."
    " Ein paar Fragen, und Sie sehen, was davon Sie betrifft, seit wann, was Sie noch tun können"
    " – und wie sicher das ist."
)


class PageHead(NamedTuple):
    """One page's document: the title the app gives it too, what previews and searches show, its canonical."""

    title: str
    description: str
    canonical: str
    heading: str
    text: str
    indexed: bool = True


PAGE_HEADS = {
    "/": PageHead(
        f"{SITE} – Nutzt Meta meine Daten für KI?", _INTRO, "/", "Nutzt Meta meine Daten für KI?", _INTRO
    ),
    # The check is served at / and at /check: one page, one canonical address.
    "/check": PageHead(
        f"{SITE} – Nutzt Meta meine Daten für KI?", _INTRO, "/", "Nutzt Meta meine Daten für KI?", _INTRO
    ),
    # Generic for every link: a preview never shows a person's answers or verdict.
    "/result": PageHead(
        f"Ergebnis – {SITE}",
        "Ein persönliches Ergebnis des Meta-KI-Checks: was Meta für KI nutzen darf, seit wann, was man"
        " noch tun kann und wie sicher das ist. Die Antworten stehen nur im Link und werden nirgends"
        " gespeichert.",
        "/result",
        "Ergebnis",
        "Das Ergebnis wird aus den Antworten im Link berechnet. Sie werden nirgends gespeichert.",
        indexed=False,
    ),
    "/timeline": PageHead(
        f"Chronik – {SITE}",
        "Was seit 2024 geschah: Metas Ankündigung, Datenschutzbehörden, Gerichte, Trainingsbeginn am 27. Mai"
        " 2025. Jeder Eintrag mit Quelle.",
        "/timeline",
        "Chronik",
        "Was seit 2024 geschah: Ankündigung, Behörden, Gerichte, Trainingsbeginn. Jeder Eintrag mit Quelle.",
    ),
    "/sources": PageHead(
        f"Quellen & Datenschutz – {SITE}",
        "Alles, was der Meta-KI-Check sagt, mit Quelle und Verlässlichkeit; und was die App über Sie"
        " speichert: nichts.",
        "/sources",
        "Quellen & Datenschutz",
        "Alles, was diese App sagt, mit Verlässlichkeit und Quellen. Die App speichert nichts über Sie.",
    ),
}
# Primary sources for a reader without JavaScript (ids of data/sources.yaml: S1, S2, S5).
_NOSCRIPT_SOURCES = (
    (
        "Meta: Ankündigung vom 14. April 2025",
        "https://about.fb.com/news/2025/04/making-ai-work-harder-for-europeans/",
    ),
    (
        "Irische Datenschutzbehörde (DPC), 21. Mai 2025",
        "https://www.dataprotection.ie/en/news-media/latest-news/dpc-statement-meta-ai",
    ),
    (
        "Verbraucherzentrale: So widersprechen Sie",
        "https://www.verbraucherzentrale.de/aktuelle-meldungen/digitale-welt/"
        "meta-ai-bei-facebook-instagram-und-whatsapp-so-widersprechen-sie-95646",
    ),
)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _asset_url(origin: str, name: str, public_dir: Path) -> str:
    """An asset's address with its content's hash: cached for a year, and a new image is a new address."""
    digest = hashlib.sha256((public_dir / name).read_bytes()).hexdigest()[:12]
    return f"{origin}/{name}?v={digest}"


def head_html(page: PageHead, origin: str, public_dir: Path = PUBLIC_DIR) -> str:
    """What replaces Streamlit's <title>: title, description, canonical, icon, preview tags, base script."""
    image = _asset_url(origin, PREVIEW_IMAGE, public_dir)
    title, description = _attr(page.title), _attr(page.description)
    tags = [
        f"<title>{title}</title>",
        f'<meta name="description" content="{description}">',
        f'<link rel="canonical" href="{origin}{page.canonical}">',
        '<link rel="apple-touch-icon" href="/apple-touch-icon.png">',
        '<meta name="theme-color" content="#1f5f8b">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{SITE}">',
        '<meta property="og:locale" content="de_DE">',
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:description" content="{description}">',
        f'<meta property="og:url" content="{origin}{page.canonical}">',
        f'<meta property="og:image" content="{image}">',
        '<meta property="og:image:type" content="image/png">',
        '<meta property="og:image:width" content="1200">',
        '<meta property="og:image:height" content="630">',
        f'<meta property="og:image:alt" content="{_attr(PREVIEW_ALT)}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{title}">',
        f'<meta name="twitter:description" content="{description}">',
        f'<meta name="twitter:image" content="{image}">',
        f'<meta name="twitter:image:alt" content="{_attr(PREVIEW_ALT)}">',
        f"<script>{BASE_SCRIPT}</script>",
        TOP_SPACE_STYLE,
    ]
    return "".join(tags)


_SHELL_STYLE = (
    "max-width:46rem;margin:0 auto;padding:4rem 1rem 2rem;font-family:sans-serif;color:#10171d;"
    "line-height:1.6"
)


def shell_html(page: PageHead) -> str:
    """The page's words inside <div id="root">, shown until the app replaces them (and to a search engine)."""
    links = " · ".join(
        f'<a href="{path}" style="color:#1a5a85">{_attr(PAGE_HEADS[path].heading)}</a>'
        for path in ("/", "/timeline", "/sources")
        if PAGE_HEADS[path] is not page
    )
    return (
        f'<div id="root"><div style="{_SHELL_STYLE}">'
        f'<h1 style="font-size:2.25rem;line-height:1.2;margin:0 0 1rem">{_attr(page.heading)}</h1>'
        f"<p>{_attr(page.text)}</p><p>{links}</p></div></div>"
    )


def noscript_html() -> str:
    """German text for a reader without JavaScript; Streamlit's English note for agents is commented out."""
    sources = "".join(f'<li><a href="{url}">{_attr(name)}</a></li>' for name, url in _NOSCRIPT_SOURCES)
    return (
        "<p>Der Meta-KI-Check beantwortet mit ein paar Fragen, ob Meta Ihre Daten für KI nutzen darf,"
        " seit wann, was Sie noch tun können und wie sicher das ist. Dafür braucht diese Seite"
        " JavaScript.</p>"
        "<p>Jede Aussage steht mit ihrer Quelle auf der Seite"
        ' <a href="/sources">Quellen &amp; Datenschutz</a>.'
        f" Die wichtigsten Quellen:</p><ul>{sources}</ul><!--"
    )


def _nginx_string(text: str) -> str:
    """A single-quoted nginx string; text with a quote, backslash or `$` (a variable) is refused."""
    if any(c in text for c in "'\\$\n"):
        raise ValueError(f"not safe in an nginx string: {text[:60]!r}")
    return f"'{text}'"


# What the server level of deploy/nginx.conf sets for every request to a replica (Host with its port, the
# visitor's scheme and address as nginx established them). A location with a proxy_set_header of its own must
# repeat them: nginx does not merge proxy_set_header across levels.
SERVER_PROXY_HEADERS = (
    "        proxy_set_header Host $http_host;\n"
    "        proxy_set_header X-Forwarded-Proto $kicheck_forwarded_proto;\n"
    "        proxy_set_header X-Forwarded-For $remote_addr;\n"
)


def page_documents(public_url: str | None, public_dir: str | os.PathLike[str] | None = None) -> str:
    """The locations of the page documents, robots.txt, sitemap.xml and the app's own files.

    The files are those of deploy/public (their hashes go into the links); nginx reads them from `public_dir`
    (default: deploy/public itself; in a pod, where a ConfigMap holds them).
    """
    if public_url is not None and not _PUBLIC_URL.fullmatch(public_url):
        raise ValueError(f"public URL must be scheme://host[:port], got {public_url!r}")
    origin = public_url or "ORIGIN"  # ORIGIN: $kicheck_origin, the request's own scheme and checked Host
    blocks = []
    for path, page in PAGE_HEADS.items():
        # rel="icon", not "shortcut icon": Streamlit's frontend sets the href of link[rel='shortcut icon'] to
        # page_icon's /media/ copy of static/icon.png once the app runs; this file is the same drawing
        # (deploy/make_images.py), so the tab keeps it and that request is spared.
        replace = [
            ('<html lang="en">', '<html lang="de">'),
            (
                '<link rel="shortcut icon" href="./favicon.png" />',
                '<link rel="icon" href="/favicon.ico" sizes="any">',
            ),
            ("<title>Streamlit</title>", head_html(page, origin)),
            ('<div id="root"></div>', shell_html(page)),
            ("<p>You need to enable JavaScript to run this app.</p>", noscript_html()),
            ("</noscript>", "--></noscript>"),
        ]
        filters = "\n".join(
            f"        sub_filter {_nginx_string(a)}\n            {_nginx_string(b)};".replace(
                "ORIGIN", "$kicheck_origin"
            )
            for a, b in replace
        )
        blocks.append(
            f"    location = {path} {{\n"
            "        limit_req zone=kicheck_pages burst=150 nodelay;\n"
            "        proxy_pass http://kicheck_replicas;\n"
            "        # sub_filter needs the document uncompressed from the replica. A proxy_set_header here\n"
            "        # drops all of the server's: each is repeated (tests/deploy/test_deploy_files.py).\n"
            '        proxy_set_header Accept-Encoding "";\n'
            f"{SERVER_PROXY_HEADERS}"
            f"{filters}\n"
            "    }"
        )
    sitemap = "".join(
        f"<url><loc>$kicheck_origin{path}</loc></url>"
        for path, page in PAGE_HEADS.items()
        if page.indexed and path != "/check"
    )
    # No "Disallow: /result": a crawler that may not fetch a result link never sees its "noindex" and may list
    # the bare URL, answers and all, when someone links it. Fetching it is harmless (one generic document, no
    # answers in it, no session without a script run), and its X-Robots-Tag keeps it out of every index.
    robots = (
        "# Meta-KI-Check: the public pages may be found. A result link (/result?...) holds a\\n"
        "# person's answers: every result page says X-Robots-Tag: noindex, nofollow.\\n"
        "User-agent: *\\nAllow: /\\n\\nSitemap: $kicheck_origin/sitemap.xml\\n"
    )
    blocks.append(
        "    location = /robots.txt {\n"
        "        default_type text/plain;\n"
        "        charset utf-8;\n"
        f'        return 200 "{robots}";\n'
        "    }\n"
        "    location = /sitemap.xml {\n"
        "        default_type application/xml;\n"
        "        charset utf-8;\n"
        '        return 200 \'<?xml version="1.0" encoding="UTF-8"?>\\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{sitemap}</urlset>\\n\';\n'
        "    }"
    )
    root = str(public_dir or PUBLIC_DIR.resolve())
    if any(c in root for c in " ;{}'\"$"):
        raise ValueError(f"public directory must be a plain path, got {root!r}")
    for name, mime in (("favicon.ico", "image/x-icon"), ("apple-touch-icon.png", "image/png")):
        blocks.append(
            f"    location = /{name} {{\n        root {root};\n"
            f"        types {{ }}\n        default_type {mime};\n    }}"
        )
    blocks.append(
        "    # The app's own files (preview image): linked with their content's hash, so cached for a year.\n"
        "    location ^~ /assets/ {\n"
        f"        root {root};\n"
        "        types { image/png png; }\n"
        "        default_type application/octet-stream;\n"
        "    }"
    )
    origin_value = f'"{public_url}"' if public_url else '"$scheme://$kicheck_host"'
    return f"    set $kicheck_origin {origin_value};\n" + "\n".join(blocks)


def render(
    replicas: Sequence[str],
    listen: str,
    log_dir: str | os.PathLike[str] = "/var/log/nginx",
    frame_ancestors: Sequence[str] = (),
    cache_dir: str | os.PathLike[str] = "/var/cache/nginx/meta-ki-check",
    real_ip_from: Sequence[str] = (),
    public_url: str | None = None,
    public_dir: str | os.PathLike[str] | None = None,
    static_dir: str | os.PathLike[str] | None = None,
    page_heads: bool = True,
) -> str:
    """The http-context configuration for these replicas ("host:port" each).

    `public_url` (https://host) is the address link previews and search engines get in canonical links, the
    preview image's address and the sitemap; without it, each request's own scheme and Host. /static/ allows
    the files in `static_dir` (default: the installed Streamlit's). `page_heads=False` leaves the page
    documents as Streamlit ships them (no page heads, robots.txt, sitemap or icons of ours): only for the
    benchmarks' one-line floor, which must not get the app's own words painted before its script runs.
    """
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
        "PAGE_DOCUMENTS": page_documents(public_url, public_dir)
        if page_heads
        else "    # Page documents as Streamlit ships them (page_heads=False: a benchmark's floor).",
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
    public_url: str | None = None,
    real_ip_from: Sequence[str] = (),
    static_dir: str | os.PathLike[str] | None = None,
    page_heads: bool = True,
) -> Path:
    """Write DIR/nginx.conf: a whole nginx configuration, self-contained in DIR, including the template."""
    root = Path(directory).resolve()
    for sub in ("logs", "cache", "temp/client_body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "meta-ki-check.conf").write_text(
        render(
            replicas,
            listen,
            root / "logs",
            frame_ancestors,
            root / "cache",
            real_ip_from,
            public_url=public_url,
            static_dir=static_dir,
            page_heads=page_heads,
        ),
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
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the public address (https://host) for canonical links, link previews and the sitemap; "
        "default: each request's own scheme and Host",
    )
    parser.add_argument(
        "--public-dir",
        metavar="DIR",
        help="where nginx finds the files of deploy/public (default: deploy/public itself)",
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
                    args.public_url,
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
                args.public_url,
                args.public_dir,
                args.streamlit_static,
            )
            sys.stdout.write(conf)
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
