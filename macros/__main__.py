"""Command line: `python -m macros check|build|schema|serve`.

check   validate data/ and the pages' citations without building (make check)
build   build the site into a fresh folder, then swap it in for site/ (make build)
schema  write data/schemas/*.schema.json from the model (make schema)
new     replace the event in data/ and docs/index.md with a skeleton to fill in (make new)
serve [HOST:PORT]  preview with `mkdocs serve`; broken data shows as a problem list on every page (make serve)
changes [--base REF] [--markdown] [--strict]  what a change does to the story, since REF (make changes)
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import kinds
from .errors import DataError, escaped, github_annotations_enabled
from .site import Explainer

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = "data/schemas"


def check(root: Path = ROOT) -> int:
    try:
        ex = Explainer.load(root)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        if github_annotations_enabled():
            for p in err.problems:
                print(p.annotation())
        return 1
    d = ex.data
    print(
        f"data OK: {len(d.sources)} sources, {len(d.actors)} actors, {len(d.statements)} statements, "
        f"{len(d.timeline)} timeline entries, {len(d.event.key_facts)} key facts, "
        f"{len(d.event.disputes)} disputed point{'' if len(d.event.disputes) == 1 else 's'}"
    )
    return 0


STALE_AFTER = 3600  # seconds: a temporary build folder this old belongs to no running build


def build(root: Path = ROOT, site: str = "site") -> int:
    """Build into a new folder; replace site/ only if the whole build passed. Ctrl+C, or killing this
    process, stops the mkdocs child too and removes the half-built folder."""
    _remove_stale(root, site)
    tmp = Path(tempfile.mkdtemp(prefix=f"{site}.tmp-", dir=root))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    child = None
    previous = signal.signal(signal.SIGTERM, _stop)  # `kill` is handled like Ctrl+C
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp)],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            preexec_fn=_die_with_parent,
        )
        if _relay(child) != 0:
            print(f"The build failed (the reason is above); {site}/ was left as it was.", file=sys.stderr)
            return child.returncode or 1
        tmp.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
        _swap_in(tmp, root / site)
        print(f"Built {site}/")
        return 0
    except KeyboardInterrupt:
        print(f"\nThe build was stopped; {site}/ was left as it was.", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        shutil.rmtree(tmp, ignore_errors=True)  # the half-built site, or the old one after a swap


def _stop(signum, frame):
    raise KeyboardInterrupt


def _die_with_parent():
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


def _swap_in(new: Path, target: Path) -> None:
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


def _remove_stale(root: Path, site: str) -> None:
    """Temporary folders left by a build that was killed outright (or by an older version)."""
    now = time.time()
    for folder in root.glob(f"{site}.tmp-*"):
        try:
            if folder.is_dir() and not folder.is_symlink() and now - folder.stat().st_mtime > STALE_AFTER:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass
    shutil.rmtree(root / f".{site}.old", ignore_errors=True)  # left by earlier versions of this command


def schemas() -> dict[str, str]:
    """Each data file's JSON Schema, as the text written to schemas/."""
    out = {}
    for f in kinds.data_files():
        stem = f.stem
        schema = kinds.file_model(stem).model_json_schema(by_alias=True)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"data/{stem}.yml", **schema}
        out[f"{stem}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(root: Path = ROOT) -> int:
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_DIR}/{name}")
    return 0


def main(argv: list[str]) -> int:
    from .new import new

    commands = {"check": check, "build": build, "schema": write_schemas, "new": lambda: new(ROOT)}
    if argv and argv[0] == "serve":
        from .serve import serve

        return serve(ROOT, argv[1:])
    if argv and argv[0] == "changes":
        from .review.command import changes

        return changes(ROOT, argv[1:])
    if not argv or argv[0] not in commands or len(argv) > 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return commands[argv[0]]()
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
