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

from bench.scale import make_project
from macros.data.kinds import data_files
from support.project import VALID


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
