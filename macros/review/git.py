"""The base of a review: which commit, and its data/ and docs/ written out to a folder.

Every way this can fail is a `CannotCompare` with one line an editor can act on;
git's own words never reach them.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

FOLDERS = ("data", "docs")  # what the loader and the citations read
DEFAULT_BASES = ("origin/main", "main")


class CannotCompare(Exception):
    """Nothing to compare with, in one line."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise CannotCompare("git is not installed here, so there is nothing to compare with; install git") from None


def _ok(root: Path, *args: str) -> str | None:
    result = _git(root, *args)
    return result.stdout.decode("utf-8", "replace").strip() if result.returncode == 0 else None


def prefix(root: Path) -> str:
    """Where the project sits inside its repository ("" at the top), or CannotCompare outside one."""
    found = _ok(root, "rev-parse", "--show-prefix")
    if found is None:
        raise CannotCompare(
            f"{root} is not in a git repository, so there is no earlier version to compare with; "
            "run make changes in a clone of the explainer"
        )
    return found


def _commit(root: Path, ref: str) -> str | None:
    return _ok(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")


def resolve(root: Path, base: str | None) -> tuple[str, str]:
    """(commit, how to name it to an editor) for BASE, or by default the merge base with origin/main or main."""
    prefix(root)
    if base:
        commit = _commit(root, base)
        if commit is None:
            raise CannotCompare(
                f"BASE '{base}' is not a commit in this repository; give a branch, a tag or a commit, "
                "such as BASE=main or BASE=HEAD~1"
            )
        return commit, commit[:7] if commit.startswith(base) else f"{base} ({commit[:7]})"
    if _commit(root, "HEAD") is None:
        raise CannotCompare("this repository has no commit yet, so there is nothing to compare with; commit first")
    for ref in DEFAULT_BASES:
        if _commit(root, ref) is not None:
            found = _ok(root, "merge-base", "HEAD", ref)
            if found:
                return found, f"where this branch left {ref} ({found[:7]})"
    raise CannotCompare(
        "found neither origin/main nor main to compare with; name the version to compare with, "
        "such as make changes BASE=HEAD~1"
    )


def write_out(root: Path, commit: str, dest: Path) -> Path:
    """The project's data/ and docs/ as they were at `commit`, written to `dest` (which must exist).
    A folder the commit lacks is left out: the loader then says what is missing."""
    at = prefix(root)
    for folder in FOLDERS:
        tree = f"{commit}:{at}{folder}"
        if _ok(root, "cat-file", "-e", tree) is None:
            continue
        result = _git(root, "archive", "--format=tar", f"--prefix={folder}/", tree)
        if result.returncode != 0:
            raise CannotCompare(f"could not read {folder}/ at {commit[:7]} from git; check that the clone is complete")
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
            archive.extractall(dest, filter="data")  # no links or paths that leave `dest`
    return dest
