"""Build into a temporary folder, then swap it in: what `make build` and `make zensical` share.

`site/` is replaced only when the whole build succeeded, is never missing while that happens, and a
build stopped by Ctrl+C or `kill` leaves nothing behind but a line saying so.
"""

from __future__ import annotations

import ctypes
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STALE_AFTER = 3600  # seconds: a temporary build folder this old belongs to no running build


@dataclass(frozen=True)
class Stage:
    folder: Path  # where the build writes
    target: Path  # what it replaces on success

    def publish(self) -> None:
        self.folder.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
        swap_in(self.folder, self.target)


@contextmanager
def staged(root: Path, site: str) -> Iterator[Stage]:
    """A fresh folder for a build of `root/site`. On Ctrl+C or SIGTERM the block is left, one line says
    `site/` was kept, and the `with` statement completes: code after it runs only for a stopped build.
    The temporary folder (the half-built site, or the old one after a swap) is always removed."""
    remove_stale(root, site)
    folder = Path(tempfile.mkdtemp(prefix=f"{site}.tmp-", dir=root))
    previous = signal.signal(signal.SIGTERM, _stop)  # `kill` is handled like Ctrl+C
    try:
        yield Stage(folder, root / site)
    except KeyboardInterrupt:
        print(f"\nThe build was stopped; {site}/ was left as it was.", file=sys.stderr)
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(folder, ignore_errors=True)


def _stop(signum, frame):
    raise KeyboardInterrupt


def swap_in(new: Path, target: Path) -> None:
    """Put `new` in place of `target`, so that `target` is never missing: on Linux the two folders are
    exchanged in one step (renameat2 with RENAME_EXCHANGE); `new` then holds the old site, removed by
    the caller. Elsewhere, or on a file system without it, the old folder is moved away first."""
    if not target.exists():
        new.rename(target)
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.renameat2(-100, bytes(target), -100, bytes(new), 2) == 0:  # AT_FDCWD, RENAME_EXCHANGE
            return
    except (OSError, AttributeError):
        pass
    old = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-old-", dir=target.parent))
    target.rename(old / target.name)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def remove_stale(root: Path, site: str) -> None:
    """Temporary folders left by a build that was killed outright (or by an older version)."""
    now = time.time()
    for folder in root.glob(f"{site}.tmp-*"):
        try:
            if folder.is_dir() and not folder.is_symlink() and now - folder.stat().st_mtime > STALE_AFTER:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass
    shutil.rmtree(root / f".{site}.old", ignore_errors=True)  # left by earlier versions of this command
