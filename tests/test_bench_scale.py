"""The benchmark's scaler makes valid data: every copy's references point at
records of the same copy, and the whole passes the real check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from bench.scale import make_project
from macros.data.kinds import data_files
from macros.engine.outputs import OUTPUTS
from support.project import EVENTS, VALID
from support.project import make_project as make_project_from
from support.render import render_project


@pytest.mark.parametrize("data", ["the small valid input", "the project's own data"])
def test_twice_the_data_passes_the_check_with_every_reference_inside_its_copy(data, project, tmp_path):
    if data == "the small valid input":
        for folder in ("data", "docs"):
            shutil.rmtree(project / folder)
            shutil.copytree(VALID / folder, project / folder)
    scaled = make_project(project, tmp_path / "x2", 2)
    assert set(scaled) == {f"data/{f.stem}.yml" for f in data_files()}

    result = subprocess.run(
        [sys.executable, "-m", "macros", "check"],
        cwd=tmp_path / "x2",
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr

    def load(root: Path, stem: str):
        return yaml.safe_load((root / "data" / f"{stem}.yml").read_text(encoding="utf-8"))

    for stem in (f.stem for f in data_files() if f.kind and not f.kind.optional):
        before, after = load(project, stem)[stem], load(tmp_path / "x2", stem)[stem]
        assert len(after) == 2 * len(before) > 0
        assert [r["id"] for r in after] == [r["id"] for r in before] + [f"{r['id']}-x2" for r in before]
    second = load(tmp_path / "x2", "statements")["statements"][len(load(project, "statements")["statements"]) :]
    assert all(s["actor"].endswith("-x2") and all(x.endswith("-x2") for x in s["sources"]) for s in second)
    event = load(tmp_path / "x2", "event")["event"]
    assert len(event["key_facts"]) == 2 * len(load(project, "event")["event"]["key_facts"])


@pytest.mark.parametrize("event", EVENTS)
def test_the_static_copy_of_an_event_builds_with_plain_material(event, tmp_path):
    """The benchmark's baseline: the pages pre-rendered through the real macros, built without them."""
    from bench.static import make_static

    project = make_project_from(tmp_path / "project", event)
    pages = make_static(project, tmp_path / "static")
    assert pages == len(list((project / "docs").rglob("*.md")))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site"],
        cwd=tmp_path / "static",
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "static" / "site"
    built = (tmp_path / "static" / "docs").rglob("*.md")
    assert all("{{" not in p.read_text(encoding="utf-8") for p in built), "every macro was rendered"
    assert all((site / o.path).is_file() for o in OUTPUTS)
    # Every page holds what the real macros put in it: the same ids (markers, references, records).
    for src, html in render_project(project).items():
        page = site / (src.removesuffix("index.md").removesuffix(".md") + "/index.html").lstrip("/")
        want = {el["id"] for el in BeautifulSoup(html, "html.parser").select("[id]")}
        got = {el["id"] for el in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("[id]")}
        assert want and want <= got, (src, sorted(want - got)[:5])


def test_a_failed_step_stops_the_row_with_its_reason_and_no_figure(monkeypatch, tmp_path):
    """A failed run's time is no measurement: the table must say why it stopped, not show a ratio."""
    import bench.__main__ as bench_main
    from bench.measure import Run

    reason = "the static copy met a macro it does not know"

    def median_run(cmd, cwd, runs):
        fails = "bench.static" in cmd
        return Run(1.5, 1.25, 50.0, 1 if fails else 0, f"Traceback …\n{reason}\n" if fails else "ok\n")

    monkeypatch.setattr(bench_main, "median_run", median_run)
    monkeypatch.setattr(bench_main.scale, "make_project", lambda root, project, n: {"data/statements.yml": 10})
    row = bench_main.measure_scale(1, tmp_path, with_browser=False)
    table = bench_main.table([1], {1: row})
    assert reason in table and "Stopped." in table
    lines = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines() if line.startswith("| ")}
    assert lines["`make build` wall (CPU)"].endswith("| 1.50 s (CPU 1.25 s) |")  # measured before the failure
    for label in ("floor wall", "static build wall", "vs the static build"):
        (line,) = [v for k, v in lines.items() if k.startswith(label)]
        assert line.endswith("| – |"), line
