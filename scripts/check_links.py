"""Check every outbound link in data/ before a release: `make check-links` (an operator's command, not CI's).

Meta moves its forms (two ids of the Facebook objection form are in circulation, FACTS.md R15), authorities
rebuild their sites. This requests each https URL found in data/*.yaml with a real HTTP client (urllib, GET,
redirects followed and recorded) and prints, per URL, the final status and the redirect chain. It needs the
internet, so CI never runs it; its test (tests/domain/test_check_links.py) runs it against a local server.

Exit status: 0 when every URL answered with a status below 400, 1 otherwise (also for network errors).
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# A URL in a YAML value: up to whitespace, a quote, a comma or a bracket (YAML flow lists end with "]");
# a full stop or colon that ends a sentence is not part of it.
URL = re.compile(r"https?://[^\s\"'<>\[\],]+")
TRAILING = ".;:)"
USER_AGENT = "Meta-KI-Check link check (operator run before a release)"
MAX_REDIRECTS = 10


@dataclass
class LinkReport:
    url: str
    status: int | None = None  # the final status; None when no answer came (error says why)
    chain: list[tuple[int, str]] = field(default_factory=list)  # (status, Location) per redirect, in order
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400

    def line(self) -> str:
        hops = "".join(f"\n    {code} -> {target}" for code, target in self.chain)
        outcome = str(self.status) if self.status is not None else f"ERROR {self.error}"
        return f"{'ok  ' if self.ok else 'FAIL'} {outcome} {self.url}{hops}"


def urls_in(data_dir: Path = DATA_DIR) -> list[str]:
    """Every distinct http(s) URL in the data files, in the order first found (files sorted by name)."""
    seen: dict[str, None] = {}
    for path in sorted(data_dir.rglob("*.yaml")):
        for url in URL.findall(path.read_text(encoding="utf-8")):
            seen.setdefault(url.rstrip(TRAILING), None)
    return list(seen)


class _Recorder(urllib.request.HTTPRedirectHandler):
    """Follows redirects like urllib does, and writes each hop into the report."""

    def __init__(self, report: LinkReport) -> None:
        self.report = report

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # urllib's signature
        self.report.chain.append((code, newurl))
        if len(self.report.chain) > MAX_REDIRECTS:
            raise urllib.error.HTTPError(newurl, code, "too many redirects", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check(url: str, timeout: float = 15.0) -> LinkReport:
    """One URL: GET (some sites refuse HEAD), follow redirects, read nothing but the status."""
    report = LinkReport(url)
    opener = urllib.request.build_opener(_Recorder(report))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT}, method="GET")
    try:
        with opener.open(request, timeout=timeout) as response:
            report.status = response.status
    except urllib.error.HTTPError as err:
        report.status = err.code
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        report.error = str(getattr(err, "reason", err))
    return report


def run(urls: Iterable[str], timeout: float, out=None) -> list[LinkReport]:
    out = out or sys.stdout  # looked up at call time (a test may have replaced it)
    reports = []
    for url in urls:
        report = check(url, timeout)
        print(report.line(), file=out, flush=True)
        reports.append(report)
    failed = sum(not r.ok for r in reports)
    print(f"\n{len(reports)} links, {failed} failed", file=out)
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder (default: data/)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request")
    parser.add_argument("urls", nargs="*", help="check these URLs instead of those in the data folder")
    args = parser.parse_args(argv)
    reports = run(args.urls or urls_in(args.data), args.timeout)
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
