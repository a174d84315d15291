"""`make new`: replace the event in data/ and docs/index.md with a clean skeleton to fill in.

It loses nothing: it refuses to run while data/ or docs/ has changes git does
not have, so whatever it replaces can be got back with git. The skeleton
passes the checks and builds as it is; every text to replace says REPLACE.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SKELETON = Path(__file__).parent / "skeleton"
# What the skeleton replaces: the event's files. The generic pages and the schemas stay.
REPLACED = (
    "data/event.yml",
    "data/sources.yml",
    "data/actors.yml",
    "data/statements.yml",
    "data/timeline.yml",
    "docs/index.md",
)


def _unsaved(root: Path) -> list[str] | None:
    """Paths under data/ or docs/ that git does not have as they are; None when this is not a git checkout."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all", "--", "data", "docs"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [line[3:] for line in out.splitlines()]


def new(root: Path) -> int:
    unsaved = _unsaved(root)
    if unsaved is None:
        print(
            "make new needs a git checkout, so that what it replaces can be got back; nothing was changed.",
            file=sys.stderr,
        )
        return 1
    if unsaved:
        print(
            "data/ or docs/ has changes that are not committed; nothing was changed:\n  "
            + "\n  ".join(unsaved)
            + "\nCommit them (or stash them) first, then run make new again.",
            file=sys.stderr,
        )
        return 1
    for rel in REPLACED:
        shutil.copyfile(SKELETON / rel, root / rel)
    for extra in (root / "data").glob("*.yaml"):  # a stale .yaml twin would clash with the new .yml
        extra.unlink()
    print(
        "Wrote a new event skeleton to data/ and docs/index.md. Next: replace every REPLACE, in the order the "
        "README's 'Start a new explainer' gives, and run make serve to see it."
    )
    return 0
