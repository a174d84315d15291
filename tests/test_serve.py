"""A real `mkdocs serve`: edits to data, pages, Python code and theme
overrides show without a restart, and a broken edit leaves the server up,
reports the problem, and recovers once the file is fixed."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, what: str, log: Path):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}; server log:\n{log.read_text()[-3000:]}")


@pytest.fixture
def server(project, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "<html" in fetch(base), "the first build", log)
        yield base, project, log, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_title(project: Path) -> str:
    for line in (project / "data" / "timeline.yml").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("title:"):
            return line.split("title:", 1)[1].strip().strip('"')
    raise AssertionError("no timeline title found")


def test_serve_reloads_every_kind_of_edit(server):
    base, project, log, proc = server
    timeline = base + "timeline/"

    title = first_title(project)
    edit(project / "data" / "timeline.yml", f"title: {title}", "title: Edited title 4711")
    wait_for(lambda: "Edited title 4711" in fetch(timeline), "a data edit to show", log)

    edit(project / "docs" / "timeline.md", "# Timeline", "# Timeline 4712")
    wait_for(lambda: "Timeline 4712" in fetch(timeline), "a page edit to show", log)

    # Python code is reloaded too (mkdocs-macros would otherwise keep the first import).
    with (project / "macros" / "render.py").open("a", encoding="utf-8") as f:
        f.write('\nLABELS["announcement"] = "Announcement 4713"\n')
    wait_for(lambda: "Announcement 4713" in fetch(timeline), "a code edit to show", log)

    partial = project / "overrides" / "partials" / "copyright.html"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text("<div class=\"md-copyright\">Override 4714</div>\n", encoding="utf-8")
    wait_for(lambda: "Override 4714" in fetch(timeline), "a theme override to show", log)
    assert proc.poll() is None


def test_serve_survives_a_broken_edit_and_recovers(server):
    base, project, log, proc = server
    timeline = base + "timeline/"
    assert "<html" in fetch(timeline)

    edit(project / "data" / "timeline.yml", "kind: ", "kind: nonsense-kind\n    colour: ")
    wait_for(lambda: "data/timeline.yml:" in log.read_text(), "the problem to be reported", log)
    report = log.read_text()
    assert "unknown field 'colour'" in report and "'nonsense-kind' is not an allowed value" in report
    assert "Traceback" not in report
    assert proc.poll() is None, "the server is still running"
    # MkDocs holds page requests until the next good build rather than serve a half-built site.

    edit(project / "data" / "timeline.yml", "kind: nonsense-kind\n    colour: ", "kind: ")
    title = first_title(project)
    edit(project / "data" / "timeline.yml", f"title: {title}", "title: Fixed title 4715")
    wait_for(lambda: "Fixed title 4715" in fetch(timeline), "the fixed data to show", log)
    assert proc.poll() is None


def test_make_serve_waits_for_broken_data_then_starts(project, tmp_path):
    """`mkdocs serve` itself exits when its first build fails; `make serve` waits for the fix instead."""
    timeline = project / "data" / "timeline.yml"
    original = timeline.read_text(encoding="utf-8")
    timeline.write_text(original.replace("kind: ", "kind: nonsense-kind\n    colour: ", 1), encoding="utf-8")
    port, log = free_port(), tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "macros", "serve", f"127.0.0.1:{port}"], cwd=project,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: "Waiting for the files to be fixed" in log.read_text(), "the wait message", log)
        assert "data/timeline.yml:" in log.read_text() and "unknown field 'colour'" in log.read_text()
        time.sleep(1)
        assert proc.poll() is None, "still running, waiting for the fix"
        timeline.write_text(original, encoding="utf-8")
        wait_for(lambda: "<html" in fetch(f"http://127.0.0.1:{port}/timeline/"), "the preview to start", log)
        assert "Traceback" not in log.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
