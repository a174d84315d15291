"""Print how long checking and building take (run with `make bench`).

`make check` is meant to take well under a second on the sample data; this
measures it end to end (a fresh `python -m macros check`, interpreter start
included) and in-process, and times a full strict build for comparison.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def report(name: str, samples: list[float]) -> None:
    print(f"{name:<38} median {statistics.median(samples) * 1000:8.1f} ms   "
          f"min {min(samples) * 1000:8.1f} ms   max {max(samples) * 1000:8.1f} ms   ({len(samples)} runs)")


def main() -> None:
    from macros.site import Explainer

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cli = [sys.executable, "-m", "macros", "check"]
    report("make check (python -m macros check)",
           timed(lambda: subprocess.run(cli, cwd=ROOT, env=env, check=True, capture_output=True), 10))
    Explainer.load(ROOT)  # warm imports
    report("load + validate, in-process", timed(lambda: Explainer.load(ROOT), 20))
    with tempfile.TemporaryDirectory() as tmp:
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", tmp]
        report("mkdocs build --strict (whole site)",
               timed(lambda: subprocess.run(build, cwd=ROOT, env=env, check=True, capture_output=True), 3))


if __name__ == "__main__":
    main()
