"""The figures table (printed) and the ratios to the one-line page (stored with the raw figures)."""

from __future__ import annotations

from bench.stats import ratio


def ratios(browser: dict) -> dict:
    ab, mem, burst, cold = browser["ab"], browser["memory"], browser["burst"], browser["cold"]
    out = {
        "page_load_median": ratio(
            ab["app"]["in_page_ms"].get("median"), ab["hello"]["in_page_ms"].get("median")
        ),
        "page_load_p95": ratio(ab["app"]["in_page_ms"].get("p95"), ab["hello"]["in_page_ms"].get("p95")),
        "cold_load": ratio(cold["app"].get("in_page_ms"), cold["hello"].get("in_page_ms")),
        "rss_idle": ratio(browser["rss_idle_mb"]["app"], browser["rss_idle_mb"]["hello"]),
        "rss_before_sessions": ratio(mem["app"]["baseline_mb"], mem["hello"]["baseline_mb"]),
        "burst_median": ratio(burst["app"]["ms"].get("median"), burst["hello"]["ms"].get("median")),
        "burst_p95": ratio(burst["app"]["ms"].get("p95"), burst["hello"]["ms"].get("p95")),
    }
    pages = browser.get("browser_burst")
    if pages:
        out["browser_burst_median"] = ratio(
            pages["app"]["wall_ms"].get("median"), pages["hello"]["wall_ms"].get("median")
        )
    for count in mem["app"]["open"]:
        out[f"per_session_{count}"] = ratio(
            mem["app"]["open"][count]["per_session_kb"], mem["hello"]["open"][count]["per_session_kb"]
        )
    return out


def _ms(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f} ms"


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}x"


def table(run: dict) -> str:
    m = run["machine"]
    lines = [
        f"Meta-KI-Check benchmark ({run['mode']}{', ' + run['label'] if run['label'] else ''}),"
        f" {run['when']}",
        f"{m['cores']} cores {m['cpu']}, {m['memory_gb']} GB, Python {m['python']},"
        f" Streamlit {m['streamlit']}"
        + (f", Chromium {run['browser']['chromium']}" if "browser" in run else ""),
        f"load average {m['load_avg_at_start'][0]:.1f} at start, {m['load_avg_at_end'][0]:.1f} at end;"
        f" CPU busy {m['cpu_busy_share_during_run']:.0%} during the run (everything on the machine)",
        "",
    ]
    v, br = run["verdict"], run["build_result"]
    rows: list[tuple[str, str, str, str]] = [("", "result page / app", "one-line page", "ratio")]
    rows.append(
        (
            f"verdict: decode+decide+timeline, {v['n']:,} sets",
            f"median {_ms(v['median'], 3)}, p95 {_ms(v['p95'], 3)}",
            "",
            "",
        )
    )
    b = br["build_result"]
    rows.append(
        (
            f"build_result (all of it), {b['n']} sets",
            f"median {_ms(b['median'], 1)}, p95 {_ms(b['p95'], 1)}",
            "",
            "",
        )
    )
    spec = br.get("chart_to_svg")
    if spec:
        rows.append(
            (
                "  chart -> SVG on the server (cached)",
                f"median {_ms(spec['median'], 1)}, p95 {_ms(spec['p95'], 1)}",
                "",
                "",
            )
        )
    if "browser" in run:
        b = run["browser"]
        r = run["ratios"]
        ab = b["ab"]
        rows.append(
            (
                "page load, first after start (cold)",
                _ms(b["cold"]["app"].get("in_page_ms")),
                _ms(b["cold"]["hello"].get("in_page_ms")),
                _x(r["cold_load"]),
            )
        )
        n = ab["app"]["in_page_ms"].get("n", 0)
        rows.append(
            (
                f"page load median, {n} alternating (A/B)",
                _ms(ab["app"]["in_page_ms"].get("median")),
                _ms(ab["hello"]["in_page_ms"].get("median")),
                _x(r["page_load_median"]),
            )
        )
        rows.append(
            (
                "page load p95",
                _ms(ab["app"]["in_page_ms"].get("p95")),
                _ms(ab["hello"]["in_page_ms"].get("p95")),
                _x(r["page_load_p95"]),
            )
        )
        rows.append(
            (
                "server CPU per load",
                _ms(ab["app"]["server_cpu_ms_per_load"]),
                _ms(ab["hello"]["server_cpu_ms_per_load"]),
                _x(ratio(ab["app"]["server_cpu_ms_per_load"], ab["hello"]["server_cpu_ms_per_load"])),
            )
        )
        rows.append(
            (
                "load errors (A/B)",
                str(len(ab["app"]["errors"])),
                str(len(ab["hello"]["errors"])),
                "",
            )
        )
        rows.append(
            (
                "RSS idle (after the first load)",
                f"{b['rss_idle_mb']['app']:.0f} MB",
                f"{b['rss_idle_mb']['hello']:.0f} MB",
                _x(r["rss_idle"]),
            )
        )
        mem = b["memory"]
        rows.append(
            (
                "RSS before the sessions below",
                f"{mem['app']['baseline_mb']:.0f} MB",
                f"{mem['hello']['baseline_mb']:.0f} MB",
                _x(r["rss_before_sessions"]),
            )
        )
        for count in mem["app"]["open"]:
            a, h = mem["app"]["open"][count], mem["hello"]["open"][count]
            rows.append(
                (
                    f"RSS with {count} sessions open (growth per session)",
                    f"{a['rss_mb']:.0f} MB (+{a['per_session_kb']:.0f} KB)",
                    f"{h['rss_mb']:.0f} MB (+{h['per_session_kb']:.0f} KB)",
                    _x(r[f"per_session_{count}"]),
                )
            )
        burst = b["burst"]
        for key in ("median", "p95"):
            rows.append(
                (
                    f"burst, {burst['app']['visitors']} visitors at once: {key} until verdict sent",
                    _ms(burst["app"]["ms"].get(key)),
                    _ms(burst["hello"]["ms"].get(key)),
                    _x(r[f"burst_{key}"]),
                )
            )
        rows.append(
            (
                "burst errors (verdict missing or late)",
                str(len(burst["app"]["errors"])),
                str(len(burst["hello"]["errors"])),
                "",
            )
        )
        pages = b.get("browser_burst")
        if pages:
            rows.append(
                (
                    f"{pages['app']['pages']} browser pages at once: median until shown",
                    _ms(pages["app"]["wall_ms"].get("median")),
                    _ms(pages["hello"]["wall_ms"].get("median")),
                    _x(r.get("browser_burst_median")),
                )
            )
            rows.append(
                ("  errors", str(len(pages["app"]["errors"])), str(len(pages["hello"]["errors"])), "")
            )
    if "deploy" in run:
        rows += deploy_rows(run["deploy"])
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    lines.append(f"\nrun took {run['duration_s']:.0f} s")
    return "\n".join(lines)


def deploy_rows(deploy: dict) -> list[tuple[str, str, str, str]]:
    """Issue 12: CPU per visit early and late in a flood, message sizes, capacity, bytes per first visit."""
    f = deploy["flood"]
    cpu = "server_cpu_ms_per_visit"
    seen = f["distinct_links_before_late"]
    rows = [
        (
            f"flood: CPU per new link, first {f['early']['visits']} / after {seen}",
            f"{_ms(f['early'][cpu], 1)} / {_ms(f['late'][cpu], 1)}",
            "",
            _x(f["late_over_early"]),
        ),
        (
            "flood: CPU per cached link, early / late",
            f"{_ms(f['early_cached'][cpu], 1)} / {_ms(f['late_cached'][cpu], 1)}",
            "",
            _x(f["cached_late_over_early"]),
        ),
        ("flood: errors, RSS after", f"{f['late']['error_count']}, {f['rss_mb_after']:.0f} MB", "", ""),
    ]
    m = deploy["messages"]
    rows.append(
        (
            "largest WebSocket message sent / received",
            f"{m['largest_sent']:,} / {m['largest_received']} B",
            "",
            "",
        )
    )
    c = deploy["capacity"]
    rows.append(
        (
            f"capacity: new-link visits/s at p95 < {c['p95_limit_ms'] / 1000:g} s (one replica)",
            f"{c['visits_per_s']:g}/s (~{c['people_per_s']:.1f} people/s with the questionnaire)",
            "",
            "",
        )
    )
    wire = deploy.get("wire")
    if wire and "error" not in wire:
        for name in ("result page via nginx", "result page direct", "floor + st.code via nginx"):
            w = wire[name]
            floor = wire["floor via nginx" if "nginx" in name else "floor direct"]
            cpu_ms = w["replica_cpu_ms_last_visit"]
            rows.append(
                (
                    f"first visit, {name}",
                    f"{w['transferred_kb']:,} KB ({w['responses']} files), replica CPU {cpu_ms} ms",
                    f"{floor['transferred_kb']:,} KB",
                    "",
                )
            )
        rows.append(("  result page / floor via nginx", "", "", _x(wire["ratio_to_floor_via_nginx"])))
    return rows
