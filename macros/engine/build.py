"""`make build`: `mkdocs build --strict` into a staged folder, swapped in for site/ only on success."""

from __future__ import annotations

import collections
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path

from ..data.errors import escaped
from .staging import staged

ROOT = Path(__file__).resolve().parents[2]


def build(root: Path = ROOT, site: str = "site") -> int:
    """Build into a new folder; replace site/ only if the whole build passed. Ctrl+C, or killing this
    process, stops the mkdocs child too and removes the half-built folder."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    child = None
    with staged(root, site) as stage:
        try:
            child = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(stage.folder)],
                cwd=root,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                errors="replace",
                preexec_fn=die_with_parent,
            )
            if _relay(child) != 0:
                print(f"The build failed (the reason is above); {site}/ was left as it was.", file=sys.stderr)
                return child.returncode or 1
            stage.publish()
            print(f"Built {site}/")
            return 0
        finally:
            if child is not None and child.poll() is None:
                child.terminate()
                try:
                    child.wait(10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
    return 130  # stopped: `staged` said so and cleaned up


def die_with_parent():
    """In the mkdocs child: be stopped when this process dies, even by `kill -9` (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _relay(child: subprocess.Popen) -> int:
    """Pass on what mkdocs says, except its routine INFO lines; if it fails without saying why, show them too."""
    routine: collections.deque[str] = collections.deque(maxlen=30)
    said = False
    for line in child.stdout or ():
        line = escaped(line.rstrip("\n"))  # nothing raw from the data reaches the terminal
        if line.startswith("INFO") or not line.strip():
            routine.append(line)
        else:
            said = True
            print(line, file=sys.stderr, flush=True)
    code = child.wait()
    if code != 0 and not said:
        print("\n".join(routine), file=sys.stderr)
    return code
