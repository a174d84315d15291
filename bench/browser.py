"""Figures taken in Chromium: the timeline filter's latency and Lighthouse's scores.

The Chromium is the one the browser tests drive (EXPLAINER_CHROMIUM, else the
one installed on the machine); Lighthouse runs through `npx lighthouse` with
that same browser, when Node is there and npm can fetch it.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

from .measure import median, progress

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

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


@contextmanager
def served(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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


def lighthouse_available() -> tuple[bool, str]:
    if not shutil.which("npx"):
        return False, "Node's npx is not installed"
    if chromium() is None:
        return False, "no Chromium (set EXPLAINER_CHROMIUM)"
    try:
        result = subprocess.run(
            ["npx", "--yes", "lighthouse", "--version"], capture_output=True, text=True, timeout=600
        )
    except subprocess.TimeoutExpired:
        return False, "`npx --yes lighthouse` did not finish installing within 10 minutes"
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        return False, f"`npx --yes lighthouse` could not run: {last}"
    return True, result.stdout.strip()


def lighthouse(site: Path, pages: list[str]) -> dict[str, dict[str, int] | str]:
    """Each page's four scores (0-100), with Lighthouse's default mobile settings."""
    out: dict[str, dict[str, int] | str] = {}
    flags = " ".join(["--headless=new"] + CHROMIUM_FLAGS)
    with served(site) as url:
        for page in pages:
            progress(f"  lighthouse {page or '/'}")
            result = subprocess.run(
                [
                    "npx",
                    "--yes",
                    "lighthouse",
                    url + page,
                    "--output=json",
                    "--quiet",
                    f"--chrome-path={chromium()}",
                    f"--chrome-flags={flags}",
                    "--only-categories=" + ",".join(CATEGORIES),
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
            try:
                report = json.loads(result.stdout)
                out[page] = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            except (ValueError, KeyError, TypeError):
                out[page] = "failed: " + ((result.stderr.strip().splitlines() or ["no output"])[-1])[:120]
    return out
