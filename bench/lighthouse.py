"""`make lighthouse`: Lighthouse's mobile Performance score of every page, median of 3 runs.

    python -m bench.lighthouse            # builds the site into a temporary folder, then measures it
    python -m bench.lighthouse SITE_DIR   # measures a site already built
    LIGHTHOUSE_RUNS=5 python -m bench.lighthouse

Lighthouse is pinned (VERSION; 13 needs Node 22) and installed with npm into
.cache/lighthouse/ (ignored by git), once. It drives the Chromium the browser tests use, with simulated
mobile throttling. The site is served gzipped over HTTP/1.1 keep-alive, as GitHub Pages serves it: a plain
`python -m http.server` sends every file uncompressed, which Lighthouse would count as four times the bytes.
Runs go page after page, round after round, so a busy spell of a shared machine touches every page alike;
the load average is printed with the table, as the scores fall when the CPU is shared.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .browser import chromium
from .measure import serving

ROOT = Path(__file__).resolve().parent.parent
VERSION = "12.2.3"  # 13 needs Node 22
TOOL = ROOT / ".cache" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # Lighthouse's audit, and the column it is shown in
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def installed() -> Path | None:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    package = TOOL / "node_modules" / "lighthouse" / "package.json"
    if binary.exists() and package.exists() and json.loads(package.read_text())["version"] == VERSION:
        return binary
    return None


def tool() -> tuple[Path | None, str]:
    """The pinned Lighthouse, installed on first use; or None and why not."""
    if installed():
        return installed(), VERSION
    if not shutil.which("npm"):
        return None, "Node's npm is not installed"
    progress(f"installing lighthouse {VERSION} into {TOOL.relative_to(ROOT)}/")
    TOOL.mkdir(parents=True, exist_ok=True)
    cmd = ["npm", "install", "--no-audit", "--no-fund", "--save-exact", "--prefix", str(TOOL), f"lighthouse@{VERSION}"]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        return None, "npm did not install lighthouse within 15 minutes"
    if result.returncode != 0 or not installed():
        return None, "npm could not install lighthouse: " + (result.stderr.strip().splitlines() or ["no message"])[-1]
    return installed(), VERSION


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Files gzipped when the browser accepts it, with keep-alive: what GitHub Pages does."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()  # directory redirects, 404s and clients without gzip
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns for do_GET to copy (and do_HEAD to close)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


def served(site: Path):
    return serving(site, GzipHandler)


def run(binary: Path, url: str, chromium: str, categories: tuple[str, ...] = ("performance",)) -> dict:
    """One Lighthouse run, mobile and simulated throttling: its report, or {"failed": why}."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = [str(binary), url, "--only-categories=" + ",".join(categories), "--form-factor=mobile"]
        cmd += ["--screenEmulation.mobile", "--throttling-method=simulate", f"--chrome-path={chromium}"]
        cmd += ["--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--output=json", f"--output-path={out}"]
        result = subprocess.run(cmd + ["--quiet"], capture_output=True, text=True, timeout=300)
        try:
            return json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"failed": ((result.stderr.strip().splitlines() or ["no output"])[-1])[:160]}


def figures(report: dict) -> dict:
    """The Performance score (0-100) and the metrics it is made of (ms; CLS unitless)."""
    audits = report["audits"]
    out = {name: audits[audit].get("numericValue") for audit, name in METRICS.items()}
    return {"score": round(report["categories"]["performance"]["score"] * 100), **out}


def pages(site: Path) -> list[str]:
    return ["", *sorted(p.parent.name + "/" for p in site.glob("*/index.html")), "404.html"]


def measure(site: Path, runs: int) -> tuple[list[str], str]:
    """The Markdown table of every page's median score, or no rows and why not."""
    binary, why = tool()
    browser = chromium()
    if binary is None or browser is None:
        return [], why if binary is None else "no Chromium (set EXPLAINER_CHROMIUM)"
    results: dict[str, list[dict]] = {p: [] for p in pages(site)}
    with served(site) as url:
        for n in range(runs):
            for page in results:
                progress(f"  lighthouse /{page} ({n + 1} of {runs})")
                report = run(binary, url + page, browser)
                results[page].append(report if "failed" in report else figures(report))
    rows = ["| Page | Performance (median) | runs | FCP | LCP | TBT | CLS |", "|---|---|---|---|---|---|---|"]
    for page, got in results.items():
        ok = sorted((r for r in got if "failed" not in r), key=lambda r: r["score"])
        if not ok:
            rows.append(f"| /{page} | failed: {got[-1]['failed']} | | | | | |")
            continue
        mid = ok[len(ok) // 2]  # the median run's metrics, so the row is one real run
        scores = ", ".join(str(r["score"]) for r in got if "failed" not in r)
        ms = " | ".join(f"{mid[m] / 1000:.2f} s" for m in ("FCP", "LCP"))
        rows.append(f"| /{page} | {statistics.median(r['score'] for r in ok):g} | {scores} | {ms} | ")
        rows[-1] += f"{mid['TBT']:.0f} ms | {mid['CLS']:.3f} |"
    return rows, f"Lighthouse {why}"


def available() -> tuple[bool, str]:
    if chromium() is None:
        return False, "no Chromium (set EXPLAINER_CHROMIUM)"
    binary, why = tool()
    return binary is not None, why


Scores = dict[str, int]  # Lighthouse category -> score, 0-100


def scores(site: Path, pages: list[str], rounds: int = 3) -> dict[str, tuple[Scores, list[Scores]] | str]:
    """Each page's four scores (0-100), each the median of `rounds` runs, with the pinned Lighthouse on mobile
    (`make bench`'s table). The runs go page after page, round after round, so a busy spell of the machine
    touches every page alike; one run alone varies by up to 10 points here. A failed run is the result."""
    binary, _ = tool()
    path = chromium()
    runs: dict[str, list[Scores]] = {page: [] for page in pages}
    out: dict[str, tuple[Scores, list[Scores]] | str] = {}
    if binary is None or path is None:
        return out
    with served(site) as url:
        for n in range(rounds):
            for page in pages:
                if page in out:  # failed already
                    continue
                progress(f"  lighthouse {page or '/'} ({n + 1} of {rounds})")
                report = run(binary, url + page, path, CATEGORIES)
                try:
                    runs[page].append({c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES})
                except (KeyError, TypeError):
                    out[page] = "failed: " + str(report.get("failed", "no scores"))
    for page, each in runs.items():
        if page not in out:
            out[page] = ({c: round(statistics.median(s[c] for s in each)) for c in CATEGORIES}, each)
    return out


def main(argv: list[str]) -> int:
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    with tempfile.TemporaryDirectory(prefix="explainer-lighthouse-") as tmp:
        site = Path(argv[0]) if argv else Path(tmp) / "site"
        if not argv:
            progress("building the site")
            build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)]
            if subprocess.run(build, cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1")).returncode != 0:
                return 1
        start = os.getloadavg()[0]
        rows, what = measure(site, runs)
        if not rows:
            print(f"Lighthouse: not available ({what}).")
            return 1
    print(f"{what}, mobile, simulated throttling, gzip; median of {runs} runs; load average {start:.1f} at")
    print(f"the start and {os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores.\n")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
