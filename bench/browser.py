"""Loads in Debian's Chromium (Playwright's driver only, never a downloaded browser), measured in the page.

A load is done when the script has finished (`data-test-script-state='notRunning'`) and the expected elements
are visible: the verdict cards on the result page, the text on the one-line page. The in-page time runs from
navigation start (performance.now()); the wall time from the Python call, which includes queueing in a burst.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from testkit.chromium import CHROMIUM, CHROMIUM_ARGS

LOAD_TIMEOUT_MS = 60_000

# True (with the time since navigation start) once the script is done and every selector is visible.
_DONE = """
(selectors) => {
  if (!document.querySelector("[data-testid='stApp'][data-test-script-state='notRunning']")) return false;
  for (const sel of selectors) {
    const el = document.querySelector(sel);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") return false;
  }
  return performance.now();
}
"""
_TEXTS = "(selectors) => selectors.map((sel) => (document.querySelector(sel) || {}).innerText || '')"


@dataclass(frozen=True)
class Target:
    """One URL to load, what must be visible, and the text each of those elements must contain."""

    url: str
    expect: tuple[tuple[str, str], ...]  # (CSS selector, text it must contain)


@dataclass
class Load:
    url: str
    ok: bool
    in_page_ms: float | None = None
    wall_ms: float | None = None
    error: str | None = None


@dataclass
class Session:
    """An open page that keeps its Streamlit session alive until closed."""

    context: BrowserContext
    page: Page
    load: Load = field(default_factory=lambda: Load("", False))


async def launch(playwright) -> Browser:
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


async def load(
    page: Page,
    target: Target,
    polling: str | int = "raf",
    t0: float | None = None,
    timeout_ms: int = LOAD_TIMEOUT_MS,
) -> Load:
    """Navigate and wait until done; then check that each element says what the verdict says."""
    start = time.perf_counter() if t0 is None else t0
    selectors = [sel for sel, _ in target.expect]
    try:
        await page.goto(target.url, wait_until="commit", timeout=timeout_ms)
        handle = await page.wait_for_function(_DONE, arg=selectors, polling=polling, timeout=timeout_ms)
        wall = (time.perf_counter() - start) * 1000
        in_page = await handle.json_value()
        texts = await page.evaluate(_TEXTS, selectors)
    except Exception as err:  # a timeout or a crashed page is an error of this load, never of the run
        return Load(target.url, False, error=f"{type(err).__name__}: {str(err).splitlines()[0][:160]}")
    wrong = [(sel, want) for (sel, want), got in zip(target.expect, texts, strict=True) if want not in got]
    if wrong:
        return Load(target.url, False, in_page, wall, f"wrong text: {wrong[0][0]} lacks {wrong[0][1]!r}")
    return Load(target.url, True, in_page, wall)


async def fresh_load(browser: Browser, target: Target) -> Load:
    """One visitor: a fresh context (no cache, no cookies), one page, closed afterwards."""
    context = await browser.new_context()
    try:
        page = await context.new_page()
        return await load(page, target)
    finally:
        await context.close()


async def open_sessions(
    browser: Browser,
    targets: list[Target],
    warm: list[Target],
    contexts: int = 5,
    timeout_ms: int = 120_000,
) -> list[Session]:
    """Open one page per target at the same moment (spread over a few contexts) and keep them open.

    Each context first loads one `warm` page (untimed, then closed), so the static files are in its HTTP
    cache: one machine's Chromium renders every visitor here, and it should not be the bottleneck.
    """
    ctxs = [await browser.new_context() for _ in range(min(contexts, len(targets)))]
    for ctx, target in zip(ctxs, warm, strict=False):
        page = await ctx.new_page()
        await load(page, target)
        await page.close()
    pages = [await ctxs[i % len(ctxs)].new_page() for i in range(len(targets))]
    t0 = time.perf_counter()
    loads = await asyncio.gather(
        *(load(p, tg, 50, t0, timeout_ms) for p, tg in zip(pages, targets, strict=True))
    )
    return [Session(p.context, p, result) for p, result in zip(pages, loads, strict=True)]


async def close_sessions(sessions: list[Session]) -> None:
    for context in {id(s.context): s.context for s in sessions}.values():
        await context.close()


__all__ = ["Load", "Session", "Target", "async_playwright", "close_sessions", "fresh_load", "launch", "load"]
