"""Accessibility in the browser: axe-core on every page, plus the checks axe cannot make for us.

axe-core comes from PyPI (axe-playwright-python bundles axe.min.js) and is injected from disk: nothing is
fetched. The viewport is tall, so axe sees every element (it cannot judge contrast outside the viewport).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from kicheck.texts import Texts
from tests.e2e.conftest import new_context
from tests.e2e.driver import Tab

pytestmark = pytest.mark.browser

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
# A result with every status: Facebook partly protected, Instagram and Threads protected, WhatsApp in use,
# Messenger and the Meta AI app not affected.
RESULT_ALL = (
    "/result?v=1&lang=en&age=37&svc=fb,ig,th,wa,ms,app&pub=fb&ai=wa&obj_fb=2025-07-14&obj_ig=2025-05-26"
)
# The check page with every question showing (a minor with a wrong birth date, Facebook and Instagram, a date).
CHECK_ALL = "/?lang=en&age=15&bd=wrong&svc=fb,ig,th,wa&linked=1&obj_fb=2025-07-14"
PAGES = {
    "check": "/",
    "check-all-questions": CHECK_ALL,
    "result": RESULT_ALL,
    "timeline": "/timeline?lang=en",
    "sources": "/sources?lang=en",
}
BLOCKING = {"serious", "critical"}
# Violations inside Streamlit's own widgets that the project cannot fix: (rule id, CSS selector) -> why.
# Empty now; an entry must name one rule on one selector, never a whole rule.
ALLOWED: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module", params=list(PAGES), ids=list(PAGES))
def opened(request, browser, server) -> Tab:
    """Each page once, in a tall window; the tests below all look at the same load."""
    context = new_context(browser, viewport={"width": 1280, "height": 4000})
    tab = Tab(context.new_page(), server.url, name=request.param)
    tab.open(PAGES[request.param])
    yield tab
    context.close()


def axe_violations(tab: Tab) -> list[dict]:
    tab.page.add_script_tag(path=str(AXE_JS))
    return tab.page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(v => ({
            id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" "))
        }))"""
    )


def test_no_serious_or_critical_axe_violation(opened, report):
    """axe-core finds no serious or critical violation on the page (beyond narrowly allowed Streamlit ones)."""
    violations = axe_violations(opened)
    summary = ", ".join(f"{v['id']}:{v['impact']}×{len(v['nodes'])}" for v in violations) or "none"
    report.note(f"axe {opened.name}", summary)
    blocking = [
        (v["id"], node)
        for v in violations
        if v["impact"] in BLOCKING
        for node in v["nodes"]
        if (v["id"], node) not in ALLOWED
    ]
    assert not blocking


def test_headings_never_skip_a_level(opened):
    """Headings in the page's content go down one level at a time (h1, h2, h3 ...), never h1 to h3."""
    levels = opened.page.locator("[data-testid='stMain'] :is(h1, h2, h3, h4, h5, h6)").evaluate_all(
        "hs => hs.map(h => Number(h.tagName[1]))"
    )
    assert levels and levels[0] == 1
    skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert not skips, levels


def test_every_question_labels_its_field(browser, server, kb):
    """Each question's text is the accessible name of its field, so a screen reader reads the question."""
    t = Texts(kb, "en")
    questions = [
        t("q.age"),
        t("q.birthdate"),
        t("q.services"),
        t("q.public"),
        t("q.ai"),
        t("q.linked"),
        t("q.objection", service="Facebook"),
        t("q.objection", service="Instagram"),
        t("q.objection_date", service="Facebook"),
    ]
    context = new_context(browser)
    try:
        tab = Tab(context.new_page(), server.url)
        tab.open(CHECK_ALL)
        unlabelled = [q for q in questions if tab.page.get_by_label(q, exact=True).count() == 0]
        assert not unlabelled
    finally:
        context.close()


def test_charts_have_a_text_alternative(tab, kb):
    """Each chart is announced with its alt text: the result's (an SVG image) and the chronology's (Vega)."""
    t = Texts(kb, "en")
    tab.open(RESULT_ALL)
    # Threads' protection rests on the Instagram objection (F3), said on top too
    threads = t("summary.uncertain_follows_public", services="Threads", via="Instagram")
    summary = f"{t('summary.in_use_assumed', services='WhatsApp')} {t('summary.partly', services='Facebook')} {threads}"
    name = t("chart.alt", summary=summary)
    expect(tab.key("timeline").get_by_role("img", name=name, exact=True)).to_be_visible()
    tab.open("/timeline?lang=en")
    chart = tab.key("chronology-chart").get_by_test_id("stVegaLiteChart")
    expect(chart).to_have_attribute("aria-label", t("timeline_page.chart_alt"))
    expect(chart).to_have_attribute("role", "graphics-document")


def test_status_is_never_told_by_colour_alone(tab, kb):
    """Every service card writes its status as text, so the badge colour is never the only signal."""
    tab.open(RESULT_ALL)
    t = Texts(kb, "en")
    # An adult's link: the four statuses an adult can get (Unclear needs a minor; its badge is checked in
    # tests/app/test_result_page.py).
    labels = {t.status(s) for s in ("in_use", "partly", "protected", "not_affected")}
    shown = tab.verdicts()
    assert set(shown) == {"fb", "ig", "th", "wa", "ms", "app"}
    # an assumed "In use" and a protection resting on another account's objection say so in
    # brackets on the badge: "In use (assumed)", "Protected (not certain)"
    bases = {label.split(" (")[0] for label in shown.values()}
    assert bases == labels, "every status appears, each as its written label"
    assert shown["wa"] == t("status.in_use_assumed") and shown["th"] == t("status.protected_uncertain")
    for code, label in shown.items():
        expect(tab.key(f"status-{code}")).to_contain_text(label)
