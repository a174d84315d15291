"""Figures taken in Chromium: the timeline filter's latency.

The Chromium is the one the browser tests drive (EXPLAINER_CHROMIUM, else the
one installed on the machine); bench/lighthouse.py runs Lighthouse with it.
"""

from __future__ import annotations

import http.server
import os
import shutil
from pathlib import Path

from .measure import median, progress, serving

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Runs in the page: select a value in the actor filter, as a reader does, and time until the
# page's layout reflects it (the change handler, then the style and layout it forces).
_SELECT = """(value) => {
  const select = document.querySelector('[data-filter="actor"]');
  const start = performance.now();
  select.value = value;
  select.dispatchEvent(new Event("change", {bubbles: true}));
  void document.body.offsetHeight;
  return performance.now() - start;
}"""


def chromium() -> str | None:
    chosen = os.environ.get("EXPLAINER_CHROMIUM")
    if chosen:
        return chosen
    for name in ("chromium", "google-chrome", "google-chrome-stable", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    return None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def served(site: Path):
    return serving(site, _Quiet)


def filter_latency(site: Path, samples: int = 5) -> tuple[float | None, str]:
    """Median milliseconds from selecting an actor to the filtered timeline laid out."""
    path = chromium()
    if path is None:
        return None, "no Chromium (set EXPLAINER_CHROMIUM)"
    from playwright.sync_api import sync_playwright

    with served(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(url + "timeline/", timeout=120_000)
            page.wait_for_selector("[data-timeline-filters]:not([hidden])", timeout=120_000)
            actors = page.eval_on_selector_all(
                '[data-filter="actor"] option', "options => options.map(o => o.value).filter(Boolean)"
            )
            if not actors:
                return None, "the timeline has no actor filter"
            times = []
            for _ in range(samples):
                times.append(page.evaluate(_SELECT, actors[0]))
                page.evaluate(_SELECT, "")  # back to every entry
            return median(times), ""
        finally:
            browser.close()
