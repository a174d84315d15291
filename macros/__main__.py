"""Command line: `python -m macros check|build|schema|serve`.

check   validate data/ and the pages' citations without building (make check)
build   build the site into a fresh folder, then swap it in for site/ (make build)
schema  write data/schemas/*.schema.json from the model (make schema)
new     replace the event in data/ and docs/index.md with a skeleton to fill in (make new)
serve [HOST:PORT]  run `mkdocs serve`; if the data is broken at start, wait for a fix first (make serve)
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import kinds
from .errors import DataError, github_annotations_enabled
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
    print(f"data OK: {len(d.sources)} sources, {len(d.actors)} actors, {len(d.statements)} statements, "
          f"{len(d.timeline)} timeline entries, {len(d.event.key_facts)} key facts, "
          f"{len(d.event.disputes)} disputed point{'' if len(d.event.disputes) == 1 else 's'}")
    return 0


def build(root: Path = ROOT, site: str = "site") -> int:
    """Build into a new folder; replace site/ only if the whole build passed."""
    target = root / site
    tmp = Path(tempfile.mkdtemp(prefix=f"{site}.tmp-", dir=root))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tmp)],
                            cwd=root, env=env)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"The build failed; {site}/ was left as it was.", file=sys.stderr)
        return result.returncode
    tmp.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
    old = root / f".{site}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built {site}/")
    return 0


def schemas() -> dict[str, str]:
    """Each data file's JSON Schema, as the text written to schemas/."""
    out = {}
    for f in kinds.data_files():
        stem = f.stem
        schema = kinds.file_model(stem).model_json_schema(by_alias=True)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": f"data/{stem}.yml", **schema}
        out[f"{stem}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(root: Path = ROOT) -> int:
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_DIR}/{name}")
    return 0


def _stamp(root: Path) -> list:
    return [(p, p.stat().st_mtime_ns) for d in ("data", "docs") for p in sorted((root / d).rglob("*")) if p.is_file()]


def serve(root: Path = ROOT, address: str = "127.0.0.1:8000") -> int:
    """`mkdocs serve` stays up through broken edits, but exits if the very first build fails;
    so until the data passes the checks, show the problems and wait for the next save."""
    if check(root) != 0:
        print("\nWaiting for the files to be fixed; the preview starts as soon as they are. (Ctrl+C to stop)",
              file=sys.stderr, flush=True)
        stamp = _stamp(root)
        while True:
            time.sleep(0.5)
            if _stamp(root) != stamp:
                stamp = _stamp(root)
                if check(root) == 0:
                    break
                print("\nStill waiting for the files to be fixed…", file=sys.stderr, flush=True)
    sys.stdout.flush()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(root)
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address])


def main(argv: list[str]) -> int:
    from .new import new

    commands = {"check": check, "build": build, "schema": write_schemas, "serve": serve, "new": lambda: new(ROOT)}
    if not argv or argv[0] not in commands or len(argv) > (2 if argv[0] == "serve" else 1):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "serve" and len(argv) == 2:
        return serve(ROOT, argv[1])
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
