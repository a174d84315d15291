"""Throwaway git repositories for the review tests: a project committed as the base, then changed.

Commits use a fixed author and ignore the user's git configuration, so they work on any machine.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "An editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "An editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}


def git(project: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=project, env={**os.environ, **ENV}, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def commit(project: Path, message: str = "a change") -> str:
    """Commit everything in the project; the new commit's id."""
    git(project, "add", "-A")
    git(project, "commit", "-q", "--allow-empty", "-m", message)
    return git(project, "rev-parse", "HEAD")


def repository(project: Path, branch: str = "main") -> Path:
    """Make the project a repository whose one commit, on `branch`, is the project as it is."""
    git(project, "init", "-q", "-b", branch)
    commit(project, "the base")
    return project
