"""One way to make a project, one way to build it, one way to run a command in it.

A project is a folder that `python -m macros` and `mkdocs` can run in: an event's
`data/` and `docs/` pages, plus this repository's code and theme. The event comes from
a fixture under tests/events/ (by name), from tests/inputs/valid (VALID), from the
repository's own data/ and docs/ (REPO), or from any folder holding data/ and docs/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
EVENTS_DIR = TESTS / "events"
INPUTS = TESTS / "inputs"
VALID = INPUTS / "valid"
INVALID = INPUTS / "invalid"
REPO = ROOT
# The fixture events; tests whose assertion holds for any event run over all of them.
EVENTS = sorted(p.name for p in EVENTS_DIR.iterdir() if (p / "data").is_dir())
# What a build reads besides the event: the generator's code, config and theme.
CODE = ("mkdocs.yml", "macros", "overrides", "docs/assets")
NOT_OVERLAID = {"expected.txt", "remove.txt"}
TIMEOUT = 300


def event_dir(event: str | Path) -> Path:
    """The folder holding an event's data/ and docs/: a fixture's name, or a path."""
    return event if isinstance(event, Path) else EVENTS_DIR / event


def make_project(
    dest: Path,
    event: str | Path = "sample",
    *,
    case: str | None = None,
    data: dict[str, dict] | None = None,
    code: bool = True,
) -> Path:
    """A throwaway project at `dest` (replaced if it exists).

    `case` lays one tests/inputs/invalid/<case>/ over the event (its files, and `remove.txt`
    naming files to delete); `data` replaces data files with these values ({stem: value});
    `code=False` leaves out the code, for tests that only load the data in-process.
    """
    src = event_dir(event)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    # Only the event's YAML files and Markdown pages: never a built site, schemas or assets.
    for folder, pattern in (("data", "**/*.yml"), ("data", "**/*.yaml"), ("docs", "**/*.md")):
        for path in sorted((src / folder).glob(pattern)):
            target = dest / folder / path.relative_to(src / folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    if case is not None:
        _overlay(dest, INVALID / case)
    for stem, value in (data or {}).items():
        write_data(dest, stem, value)
    if code:
        copy_code(dest)
    return dest


SPLIT_BUDGET = 12_000  # splits the sample's statements, timeline, actors and sources into 2-4 parts each


def split_into_parts(project: Path, budget: int = SPLIT_BUDGET) -> Path:
    """Give the project's mkdocs.yml a small page budget (`extra: explainer_page_budget:`), so its long
    lists span several pages as a big event's do (macros/pages/parts.py)."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nextra:\n  explainer_page_budget: {budget}\n")
    return project


def copy_code(dest: Path, names=CODE) -> Path:
    """The repository's code, config and theme (or just `names`, paths inside the repository)."""
    for name in names:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        elif src.exists():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def _overlay(dest: Path, case_dir: Path) -> None:
    for src in sorted(case_dir.rglob("*")):
        rel = src.relative_to(case_dir)
        if src.is_file() and rel.as_posix() not in NOT_OVERLAID:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest / rel)
    removed = case_dir / "remove.txt"
    if removed.exists():
        for rel in removed.read_text(encoding="utf-8").split():
            (dest / rel).unlink()


def event_data(event: str | Path = "sample") -> dict[str, dict]:
    """An event's data files as plain values ({stem: value}), ready to be altered."""
    folder = event_dir(event) / "data"
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yml"))}


def write_data(project: Path, stem: str, value: dict) -> Path:
    path = project / "data" / f"{stem}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def clean_env(**extra: str) -> dict:
    """The environment commands run in: no CI annotations unless asked, no MkDocs 2 banner."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return dict(env, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)


def run(project: Path, *args: str, timeout: int = TIMEOUT, **env: str) -> subprocess.CompletedProcess:
    """`python -m ARGS` in the project, e.g. run(p, "macros", "check"); output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=project,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def check(project: Path, **env: str) -> subprocess.CompletedProcess:
    """`python -m macros check` in the project."""
    return run(project, "macros", "check", timeout=120, **env)


def expected(case: str) -> str:
    """The exact report an editor gets for tests/inputs/invalid/<case>/."""
    return (INVALID / case / "expected.txt").read_text(encoding="utf-8")


def build(project: Path, site: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict` into `site` (default: the project's site/)."""
    return run(project, "mkdocs", "build", "--strict", "-d", str(site or project / "site"), **env)


def build_ok(project: Path, site: Path | None = None, **env: str) -> Path:
    """Build, and fail the test with MkDocs' own output unless the build succeeds."""
    site = site or project / "site"
    result = build(project, site, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
