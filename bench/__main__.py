"""`make bench`: how the build, the check, the preview and the pages scale.

The project's data/ is scaled 1x, 10x and 100x (1000x too with BENCH_FULL=1;
see bench/scale.py), and every figure is measured in this one run, side by
side, so the columns compare. Progress goes to stderr; the table (Markdown)
goes to stdout. Nothing here asserts a time: the benchmark is the measurement.

    python -m bench                  # what `make bench` runs
    BENCH_FULL=1 python -m bench     # adds 1000x
    BENCH_SCALES=1,10 python -m bench   # a quick look at chosen scales (1x is always measured)
"""

from __future__ import annotations

import gzip
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import browser, lighthouse, preview, scale
from .measure import Run, median_run, progress

ROOT = Path(__file__).resolve().parent.parent
CAP = 2_000_000  # macros/data/rawfile.py's limit per data file
PY = sys.executable


BOUND = 150_000  # bytes: the most any page may weigh, gzipped (issue 19)


def gzipped_pages(site: Path) -> dict[str, int]:
    return {
        p.relative_to(site).as_posix(): len(gzip.compress(p.read_bytes()))
        for p in site.rglob("*.html")
        if p.name != "404.html"
    }


def heaviest_page(sizes: dict[str, int]) -> tuple[str, int]:
    name = max(sizes, key=lambda k: sizes[k])
    return name.removesuffix("index.html") or "/", sizes[name]


def site_pages(site: Path) -> list[str]:
    return [""] + sorted(p.parent.name + "/" for p in site.glob("*/index.html"))


def _kept(row: dict, key: str, run: Run, what: str) -> bool:
    """Keep a run's figures only if it succeeded; a failed run's time is no figure, so the row stops
    there and says why."""
    if run.code == 0:
        row[key] = run
        return True
    lines = [line.strip() for line in run.output.strip().splitlines() if line.strip()] or ["no output"]
    row["failed"] = f"{what} failed (exit status {run.code}): " + " … ".join(lines[-3:])[-400:]
    progress(row["failed"])
    return False


def measure_scale(n: int, work: Path, with_browser: bool) -> dict:
    progress(f"{n}x: scaling the data")
    project = work / f"x{n}"
    sizes = scale.make_project(ROOT, project, n)
    row: dict = {"sizes": sizes}
    runs = 3 if n <= 100 else 1  # the median of 3 up to 100x (a build there takes seconds); 1000x takes minutes
    progress(f"{n}x: make check ({runs} run{'s' if runs > 1 else ''})")
    if not _kept(row, "check", median_run([PY, "-m", "macros", "check"], project, runs), f"{n}×: `make check`"):
        return row
    progress(f"{n}x: make build")
    if not _kept(row, "build", median_run([PY, "-m", "macros", "build"], project, runs), f"{n}×: `make build`"):
        return row
    progress(f"{n}x: floor (load + render with Jinja, no MkDocs) and the static build")
    static = work / f"x{n}-static"
    floor = median_run([PY, "-m", "bench.static", str(project), str(static)], ROOT, runs)
    if not _kept(row, "floor", floor, f"{n}×: making the static copy (bench/static.py)"):
        return row
    plain = median_run([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site"], static, runs)
    if not _kept(row, "static", plain, f"{n}×: the static build"):
        return row
    sizes = gzipped_pages(project / "site")
    row["heaviest"] = heaviest_page(sizes)
    row["pages"] = (len(sizes), sum(1 for v in sizes.values() if v > BOUND))
    if with_browser and n in (1, 100):
        progress(f"{n}x: timeline filter in Chromium")
        row["filter"] = browser.filter_latency(project / "site")
    if n in (1, 10):
        progress(f"{n}x: save -> new content under make serve")
        row["serve"] = preview.latency(project)
    row["site"] = project / "site"
    return row


def _s(r: Run) -> str:
    return f"{r.wall:.2f} s (CPU {r.cpu:.2f} s)"


def table(scales: list[int], rows: dict[int, dict]) -> str:
    def line(label: str, cell) -> str:
        cells = []
        for n in scales:
            row = rows[n]
            try:
                cells.append(cell(row))
            except KeyError:
                cells.append("–")
        return f"| {label} | " + " | ".join(cells) + " |"

    def ratio(row, attr):
        return f"{getattr(row['build'], attr) / getattr(row['static'], attr):.2f}×"

    def biggest(row):
        name, size = max(row["sizes"].items(), key=lambda kv: kv[1])
        return f"{size / 1e6:.2f} MB ({name.removeprefix('data/')})" + (" **over the cap**" if size > CAP else "")

    def ms(value_note):
        value, note = value_note
        return f"{value:.1f} ms" if value is not None else f"failed: {note}"

    out = [
        "| Figure | " + " | ".join(f"{n}×" for n in scales) + " |",
        "|---|" + "---|" * len(scales),
        line("largest data file", biggest),
        line("`make check` wall (CPU)", lambda r: _s(r["check"])),
        line("`make build` wall (CPU)", lambda r: _s(r["build"])),
        line("peak memory, build", lambda r: f"{r['build'].rss_mib:.0f} MiB"),
        line("static build wall (CPU): plain Material, pre-rendered Markdown", lambda r: _s(r["static"])),
        line("vs the static build, CPU (wall)", lambda r: f"{ratio(r, 'cpu')} ({ratio(r, 'wall')})"),
        line("floor wall (CPU): load + render with Jinja, no MkDocs", lambda r: _s(r["floor"])),
        line(
            "save → new content under `make serve` (median of 3)",
            lambda r: f"{r['serve'][0]:.2f} s" if r["serve"][0] is not None else f"failed: {r['serve'][1]}",
        ),
        line("heaviest page, gzip", lambda r: f"{r['heaviest'][1] / 1000:.1f} KB ({r['heaviest'][0]})"),
        line("pages, and how many over 150 KB gzipped", lambda r: f"{r['pages'][0]} ({r['pages'][1]} over)"),
        line("timeline filter: select an actor (Chromium)", lambda r: ms(r["filter"])),
    ]
    failed = [f"**Stopped.** {rows[n]['failed']}" for n in scales if "failed" in rows[n]]
    return "\n".join(out + ([""] + failed if failed else []))


def lighthouse_table(site: Path) -> str:
    ok, why = lighthouse.available()
    if not ok:
        return f"Lighthouse: not available ({why})."
    scores = lighthouse.scores(site, site_pages(site))
    out = [
        f"Lighthouse {why}, mobile, 1×, median of 3 runs (Performance / Accessibility / Best practices / SEO):",
        "",
        "| Page | Performance (runs) | Accessibility | Best practices | SEO |",
        "|---|---|---|---|---|",
    ]
    for page, s in scores.items():
        if isinstance(s, tuple):
            median, runs = s
            each = ", ".join(str(r["performance"]) for r in runs)
            cells = [f"{median['performance']} ({each})"] + [str(median[c]) for c in lighthouse.CATEGORIES[1:]]
        else:
            cells = [s, "", "", ""]
        out.append(f"| /{page} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> int:
    scales = [1, 10, 100] + ([1000] if os.environ.get("BENCH_FULL") == "1" else [])
    if os.environ.get("BENCH_SCALES"):  # e.g. BENCH_SCALES=1,10 for a quick look
        scales = sorted({int(n) for n in os.environ["BENCH_SCALES"].split(",")} | {1})
    with_browser = browser.chromium() is not None
    started, load = time.perf_counter(), os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    try:
        rows: dict[int, dict] = {}
        for n in scales:
            rows[n] = measure_scale(n, work, with_browser)
            if "failed" in rows[n]:  # the larger scales would measure the same failure
                break
        scales = list(rows)
        progress("lighthouse on the 1x site")
        lh = lighthouse_table(rows[1]["site"]) if "site" in rows[1] else "Lighthouse: the 1× build failed."
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cores = os.cpu_count()
    print(
        f"`make bench` on {time.strftime('%Y-%m-%d')}: {platform.machine()}, {cores} cores, "
        f"Python {platform.python_version()}, load average {load:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end (CPU times are the steadier figures on a busy machine); "
        f"took {(time.perf_counter() - started) / 60:.1f} min.\n"
    )
    print(table(scales, rows))
    print()
    print(lh)
    if not with_browser:
        print("\nNo Chromium found: the filter latency was not measured (set EXPLAINER_CHROMIUM).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
