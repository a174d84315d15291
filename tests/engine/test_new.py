"""`make new` (`python -m macros new`): the old event is moved aside whole, never deleted or
overwritten, whatever git knows of it; the skeleton it writes passes the check."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from macros.engine import new as new_module
from support.project import check, event_data, make_project, run

GIT = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "init.defaultBranch=main"]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def committed(project: Path) -> Path:
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "the old event")
    return project


def make_new(project: Path) -> subprocess.CompletedProcess:
    result = run(project, "macros", "new", timeout=120)
    assert "Traceback" not in result.stderr
    return result


def aside(project: Path) -> Path:
    (folder,) = project.glob("event.old-*")
    return folder


def test_an_event_outside_any_repository_is_moved_aside_with_its_unsaved_line(tmp_path):
    outer = tmp_path / "outer"
    outer.mkdir()
    git(outer, "init", "-q")
    (outer / ".gitignore").write_text("explainer/\n")  # the outer repository ignores the project
    project = make_project(outer / "explainer")
    actors = project / "data" / "actors.yml"
    old_actors, old_page = actors.read_text() + "# unsaved\n", (project / "docs" / "index.md").read_text()
    actors.write_text(old_actors)

    result = make_new(project)

    assert result.returncode == 0, result.stderr
    folder = aside(project)
    assert (folder / "data" / "actors.yml").read_text() == old_actors
    assert (folder / "docs" / "index.md").read_text() == old_page
    assert f"{folder.name}/" in result.stdout and "the only copy" in result.stdout
    assert "REPLACE" in (project / "docs" / "index.md").read_text()
    assert check(project).returncode == 0


def test_an_ignored_file_in_data_is_kept(tmp_path):
    project = committed(make_project(tmp_path / "project"))
    (project / ".git" / "info" / "exclude").write_text("data/*.yaml\n")
    (project / "data" / "notes.yaml").write_text("notes only this editor has\n")

    result = make_new(project)

    assert result.returncode == 0, result.stderr
    assert (aside(project) / "data" / "notes.yaml").read_text() == "notes only this editor has\n"
    assert not (project / "data" / "notes.yaml").exists()
    assert "the only copy" in result.stdout


def test_a_committed_event_is_moved_aside_and_said_to_be_in_git(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "data" / "schemas").mkdir()
    (project / "data" / "schemas" / "x.schema.json").write_text("{}")
    committed(project)
    old = {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / "data").glob("*.yml")}

    result = make_new(project)

    assert result.returncode == 0, result.stderr
    folder = aside(project)
    assert {rel: (folder / rel).read_bytes() for rel in old} == old
    assert "the only copy" not in result.stdout
    assert (project / "data" / "schemas" / "x.schema.json").read_text() == "{}"  # generated: left in place
    assert check(project).returncode == 0


def test_an_event_kept_as_folders_per_kind_gets_a_skeleton_that_passes_the_check(tmp_path):
    project = make_project(tmp_path / "project")
    statements = event_data()["statements"]["statements"]
    (project / "data" / "statements.yml").unlink()
    folder = project / "data" / "statements"
    folder.mkdir()
    half = len(statements) // 2 or 1
    for name, part in (("a.yml", statements[:half]), ("b.yml", statements[half:])):
        (folder / name).write_text(yaml.safe_dump({"statements": part}, allow_unicode=True, sort_keys=False))
    assert check(project).returncode == 0  # the old event was valid as folders

    result = make_new(project)

    assert result.returncode == 0, result.stderr
    assert not folder.exists() and (aside(project) / "data" / "statements" / "a.yml").exists()
    checked = check(project)
    assert checked.returncode == 0, checked.stderr


def test_nothing_changes_when_part_of_the_old_event_cannot_be_moved(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "project", code=False)
    (project / "docs" / "index.md").write_text("the old page\n")
    before = {p.relative_to(project): p.read_bytes() for p in project.rglob("*") if p.is_file()}
    real_rename = os.rename

    def rename(src, dst):
        if Path(src).name == "index.md":  # the last thing moved: everything before it must come back
            raise OSError(13, "Permission denied", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(new_module.os, "rename", rename)

    assert new_module.new(project) == 1

    after = {p.relative_to(project): p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob("event.old-*"))
    err = capsys.readouterr().err
    assert "nothing was changed" in err and "index.md" in err


def test_two_runs_never_share_a_folder(tmp_path):
    project = make_project(tmp_path / "project", code=False)
    assert new_module.new(project) == 0 and new_module.new(project) == 0
    assert len(list(project.glob("event.old-*"))) == 2
