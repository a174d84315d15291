"""Run a command and measure it: wall time, CPU time and peak memory.

`os.wait4` gives the resource use of exactly the process waited for and the
descendants it waited for, so every figure belongs to one run, not to the
whole benchmark (as `getrusage(RUSAGE_CHILDREN)` would). Its peak memory is
that of the largest single process, though, and a build runs two at once
(the link check reads pages in a process of its own), so the memory figure
is also sampled as the sum over the whole process tree, and the larger of
the two is reported.
"""

from __future__ import annotations

import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, children included
    rss_mib: float  # the most memory the run held: its process tree's summed share, or its largest process
    code: int
    output: str


def run(cmd: list[str], cwd: Path, timeout: float = 1800) -> Run:
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        deadline = start + timeout
        tree_peak, sampled = 0, 0.0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
            if time.perf_counter() - sampled > 0.05:
                tree_peak, sampled = max(tree_peak, tree_memory(proc.pid)), time.perf_counter()
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        out.seek(0)
        peak = max(usage.ru_maxrss * 1024, tree_peak) / 2**20
        return Run(wall, usage.ru_utime + usage.ru_stime, peak, proc.returncode, out.read())


def tree_memory(root: int) -> int:
    """Bytes held by `root` and all its descendants now: the sum of their proportional set sizes (a page
    shared by two processes counts half in each), from Linux's /proc; 0 where /proc cannot tell."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, rest = stat.read_text().split(" (", 1)
            children.setdefault(int(rest.rsplit(") ", 1)[1].split()[1]), []).append(int(pid))
        except (OSError, ValueError, IndexError):
            continue  # a process that ended while being read
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total


def median_run(cmd: list[str], cwd: Path, runs: int) -> Run:
    """The median run by wall time (the machine is shared; one run can be unlucky), or the first failed
    run: a failure among the runs is the result, never hidden behind a median."""
    results = []
    for _ in range(runs):
        results.append(run(cmd, cwd))
        if results[-1].code != 0:
            return results[-1]
    return sorted(results, key=lambda r: r.wall)[len(results) // 2]


def median(values: list[float]) -> float:
    return statistics.median(values)


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@contextmanager
def serving(site: Path, handler: type[http.server.SimpleHTTPRequestHandler]):
    """`site` over HTTP on a free local port, in a thread, with `handler`: yields the site's address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
