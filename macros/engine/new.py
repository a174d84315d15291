"""`make new`: replace the event in data/ and docs/index.md with a clean skeleton to fill in.

It deletes and overwrites nothing. Git cannot give back a file it does not have (untracked,
ignored, changed since the last commit, or in a folder no repository tracks), so the old event
is first moved aside, whole, into a new folder `event.old-YYYYMMDD-HHMMSS/` beside data/: its
`data/` (every file and folder but the generated schemas) and its `docs/index.md`. Only then is
the skeleton written, into the places the move left empty. If any part cannot be moved, what
moved is put back and nothing is written. The skeleton passes the checks and builds as it is;
every text to replace says REPLACE.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

SKELETON = Path(__file__).parent / "skeleton"
KEPT = {"schemas"}  # generated from the model (make schema), not part of the event
PAGE = "docs/index.md"


def _aside_folder(root: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder, n = root / f"event.old-{stamp}", 1
    while folder.exists():  # two runs within a second: never reuse a folder
        n += 1
        folder = root / f"event.old-{stamp}-{n}"
    return folder


def _old_event(root: Path) -> list[str]:
    """What the skeleton replaces, relative to the root: everything in data/ but the schemas, and the page."""
    data = root / "data"
    found = sorted(f"data/{p.name}" for p in data.iterdir() if p.name not in KEPT) if data.is_dir() else []
    page = root / PAGE
    return found + ([PAGE] if page.exists() or page.is_symlink() else [])


def _move_aside(root: Path, names: list[str], folder: Path) -> None:
    """Move every name into the folder, keeping its path; on any failure put back what moved, and raise."""
    moved: list[str] = []
    try:
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            os.rename(root / name, folder / name)  # the same file system, so a rename: nothing is copied
            moved.append(name)
    except OSError:
        for name in reversed(moved):
            os.rename(folder / name, root / name)
        shutil.rmtree(folder, ignore_errors=True)  # holds only empty folders now
        raise


def _git_lacks(root: Path, folder: Path) -> bool:
    """True unless the last commit holds every moved file as it was; any doubt counts as lacking."""
    moved = sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    try:
        listed = _git(root, "ls-tree", "-r", "HEAD", "--", "data", "docs")  # paths relative to the root
        hashes = _git(root, "hash-object", "--", *map(str, moved)) if moved else ""
    except (OSError, subprocess.CalledProcessError):
        return True  # not in a repository, no commit yet, or no git: the moved folder is the only copy
    committed = {line.split("\t", 1)[1]: line.split()[2] for line in listed.splitlines()}
    # A file an outer repository ignores, or one never added, is not in the commit either.
    return any(committed.get(p.relative_to(folder).as_posix()) != h for p, h in zip(moved, hashes.split(), strict=True))


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def new(root: Path) -> int:
    names = _old_event(root)
    folder = _aside_folder(root)
    try:
        _move_aside(root, names, folder)
    except OSError as err:
        print(
            f"make new could not move the old event aside ({(err.strerror or str(err)).lower()}: "
            f"{err.filename}); nothing was changed.\n"
            "It never overwrites the old event, so it stops here. Close any program that holds those files "
            "open, make sure you may write to the project folder, and run make new again.",
            file=sys.stderr,
        )
        return 1
    for src in sorted(SKELETON.rglob("*")):
        if src.is_file():
            (root / src.relative_to(SKELETON)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, root / src.relative_to(SKELETON))
    print(
        "Wrote a new event skeleton to data/ and docs/index.md. Next: replace every REPLACE, in the order the "
        "README's 'Start a new explainer' gives, and run make serve to see it."
    )
    if names:
        rel = folder.relative_to(root).as_posix()
        print(f"The old event is in {rel}/ (its data/ and docs/index.md), moved there as it was.")
        if _git_lacks(root, folder):
            print(
                f"Some of it is in no git commit, so {rel}/ holds the only copy: "
                "keep the folder until you no longer need it."
            )
    return 0
