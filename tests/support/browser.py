"""Helpers for the browser tests: find a Chromium, serve the built site, watch a page.

Imported only by browser tests, their fixtures and `make screenshots`; Playwright itself is
imported only where a browser is started, so nothing here needs the browser stack.

Playwright's own browser download is not used: the tests drive the Chromium
(or Google Chrome) installed on the machine, which tests/ensure-browser.sh
finds or installs. EXPLAINER_CHROMIUM overrides the choice.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from .local_server import serving
from .project import ROOT, event_data

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable")
ON_PATH = ("chromium", "google-chrome", "google-chrome-stable", "chromium-browser")
HOW_TO_GET_ONE = (
    "No Chromium for the browser tests: run `make browser` (Debian/Ubuntu: sudo apt-get install "
    "chromium), or set EXPLAINER_CHROMIUM=/path/to/chrome"
)
# Quiet, offline and reproducible: no sandbox (containers, root), no GPU, no phoning home.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> tuple[str | None, str]:
    """The browser to drive, or None and a one-line instruction."""
    chosen = os.environ.get("EXPLAINER_CHROMIUM")
    if chosen:
        if os.path.isfile(chosen) and os.access(chosen, os.X_OK):
            return chosen, ""
        return None, f"EXPLAINER_CHROMIUM={chosen} is not an executable file; point it at chromium or chrome"
    for path in CANDIDATES:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path, ""
    for name in ON_PATH:
        found = shutil.which(name)
        if found:
            return found, ""
    return None, HOW_TO_GET_ONE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest's output clean
        pass


@contextmanager
def serve(directory: Path):
    """Serve a directory on 127.0.0.1 at a free port; yields the base URL."""
    with serving(functools.partial(_QuietHandler, directory=str(directory)), "site-server") as base:
        yield base + "/"


@dataclass
class PageLog:
    """Every request a page makes and every error it logs."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, page) -> PageLog:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} ({r.failure})"))
        return self

    def foreign(self, host: str = "127.0.0.1") -> list[str]:
        """Requests to any other host (data: and blob: URLs never leave the page)."""
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != host]


# Which palette Material shows: index into mkdocs.yml's theme.palette, stored where Material looks first.
SCHEMES = {
    "light": {"index": 0, "scheme": "default", "media": "(prefers-color-scheme: light)"},
    "dark": {"index": 1, "scheme": "slate", "media": "(prefers-color-scheme: dark)"},
}


def palette_script(name: str) -> str:
    s = SCHEMES[name]
    color = {"media": s["media"], "scheme": s["scheme"], "primary": "custom", "accent": "custom"}
    value = json.dumps({"index": s["index"], "color": color})
    # Material keys its storage by the site's base path; the test server serves the site at "/".
    return f"try {{ localStorage.setItem('/.__palette', {value!r}); }} catch (e) {{}}"


# What the keyboard walk records about the focused element.
FOCUS_PROBE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const s = getComputedStyle(el);
  const kind =
    el.matches('[data-filter=actor]') ? 'filter-actor' :
    el.matches('[data-filter=kind]') ? 'filter-kind' :
    el.matches('.filter-reset') ? 'filter-reset' :
    el.matches('.chart-scroll') ? 'chart-region' :
    el.matches('.chart-mark') ? 'chart-mark' :
    el.matches('sup.cite a') ? 'cite' :
    el.matches('.backlinks a') ? 'backlink' : 'other';
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = !!s.boxShadow && s.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  return {
    kind, tag: el.tagName.toLowerCase(), id: el.id || '', cls: String(el.getAttribute('class') || ''),
    href: el.getAttribute('href') || '', inContent: !!el.closest('.md-content'),
    focusVisible: el.matches(':focus-visible'), visibleFocus: outline || shadow,
    outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow,
    onScreen: r.width > 0 && r.height > 0,
    name: el.getAttribute('aria-label') || (el.textContent || '').trim().slice(0, 60),
  };
}"""


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


# ---------- shared by the browser test modules ----------

SCREENSHOTS = ROOT / ".github" / "screenshots"
PAGES = {"home": "", "timeline": "timeline/", "statements": "statements/", "actors": "actors/", "sources": "sources/"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

browser_test = pytest.mark.browser  # the same marker as @pytest.mark.browser, for older imports

# The browser tests' site is the "sample" fixture event's: what its pages must show.
SITE_EVENT = "sample"
ENTRIES = len(event_data(SITE_EVENT)["timeline"]["timeline"])
STATEMENTS = len(event_data(SITE_EVENT)["statements"]["statements"])


def load(ctx, url: str, idle: bool = False):
    """Open a page, watching its requests and errors, and wait for its load event (or network idle)."""
    page = ctx.new_page()
    log = PageLog().watch(page)
    page.goto(url, wait_until="networkidle" if idle else "load")
    return page, log


def render_offscreen(page) -> None:
    """Render the sections that content-visibility: auto leaves unrendered off-screen (explainer.css), as a
    reader scrolling to each sees it. axe measures rendered boxes: in a skipped section they are only a
    placeholder's, so text seemed to lie on the footer and links on each other."""
    page.add_style_tag(content="* { content-visibility: visible !important; }")
    page.evaluate("document.body.offsetHeight")


def timeline_state(page) -> dict:
    return page.evaluate("""() => ({
        shown: [...document.querySelectorAll('li.timeline-entry')]
            .filter(li => !li.hidden && li.offsetParent).map(li => li.id),
        total: document.querySelectorAll('li.timeline-entry').length,
        emptyDaysShown: [...document.querySelectorAll('section[data-day]')].filter(
            d => !d.hidden && !d.querySelector('li.timeline-entry:not([hidden])')).length,
        daysHidden: [...document.querySelectorAll('section[data-day]')].filter(d => d.hidden).length,
        status: document.querySelector('[data-filter-status]').textContent,
        actor: document.querySelector('[data-filter=actor]').value,
        kind: document.querySelector('[data-filter=kind]').value,
        formVisible: !!document.querySelector('[data-timeline-filters]').offsetParent,
    })""")


def expected_entries(page, actor: str = "", kind: str = "") -> list[str]:
    return page.evaluate(
        """([actor, kind]) => [...document.querySelectorAll('li.timeline-entry')]
        .filter(li => (!actor || li.dataset.actors.split(' ').includes(actor)) && (!kind || li.dataset.kind === kind))
        .map(li => li.id)""",
        [actor, kind],
    )


def query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


@contextmanager
def chromium():
    """A headless Chromium driven by Playwright (imported here, so only browser runs need it)."""
    from playwright.sync_api import sync_playwright

    path, problem = find_chromium()
    if path is None:
        pytest.fail(problem, pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


def new_context(browser, scheme: str = "light", viewport=DESKTOP, **kwargs):
    """A browser context in the light or dark palette, with reduced motion."""
    ctx = browser.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce", **kwargs)
    if kwargs.get("java_script_enabled", True):
        ctx.add_init_script(palette_script(scheme))
    return ctx
