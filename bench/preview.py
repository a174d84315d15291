"""Save-to-new-content latency under a real `make serve` (`python -m macros serve`).

A timeline entry's title gets a new marker text; the clock starts when the
file is written and stops when the served timeline page first contains the
marker. The page is polled every 50 ms, so figures are good to about 50 ms.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .measure import ENV, median, progress

POLL = 0.05


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(url: str, text: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _page(url):
            return time.perf_counter() - start
        time.sleep(POLL)
    return None


def latency(project: Path, samples: int = 3, timeout: float = 300) -> tuple[float | None, str]:
    """The median seconds from a save to the new text being served, and a note if it failed."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/timeline/"
    log = project / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "macros", "serve", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        if _wait(url, "<html", timeout) is None:
            return None, "the preview did not start"
        data = project / "data" / "timeline.yml"
        original = data.read_text(encoding="utf-8")
        times = []
        for n in range(samples):
            time.sleep(1.5)  # let the server settle after the last rebuild
            marker = f"Bench marker {n} {time.time_ns()}"
            data.write_text(original.replace("\n  title: ", f"\n  title: {marker} ", 1), encoding="utf-8")
            took = _wait(url, marker, timeout)
            if took is None:
                return None, "the new text never appeared"
            times.append(took)
            progress(f"  save -> served: {took * 1000:.0f} ms")
        return median(times), ""
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
