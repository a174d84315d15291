"""Command line: `python -m macros check|build|schema|serve`.

check   validate data/ and the pages' citations without building (make check)
build   build the site into a fresh folder, then swap it in for site/ (make build)
schema  write data/schemas/*.schema.json from the model (make schema)
verify [--record] [--refresh] [--strict]  look for every quote in its sources (make verify, make verify-record)
new     replace the event in data/ and docs/index.md with a skeleton to fill in (make new)
serve [HOST:PORT]  preview with `mkdocs serve`; broken data shows as a problem list on every page (make serve)
changes [--base REF] [--markdown] [--strict]  what a change does to the story, since REF (make changes)
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

from .data.errors import DataError, github_annotations_enabled

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = "data/schemas"


def check(root: Path = ROOT) -> int:
    # One short run that frees nothing it makes: the garbage collector would only walk the records,
    # all alive, again and again (a tenth of the check's time at 100x the data). Exiting frees them.
    gc.disable()
    from .engine.outputs import load  # the engine adds what only it knows: the downloads' names

    try:
        ex = load(root)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        if github_annotations_enabled():
            for p in err.problems:
                print(p.annotation())
        return 1
    d = ex.data
    for warning in d.warnings:  # reported, but the data is still usable: the check passes
        print(f"warning: {warning.format()}", file=sys.stderr)
        if github_annotations_enabled():
            print(warning.annotation("warning"))
    print(
        f"data OK: {len(d.sources)} sources, {len(d.actors)} actors, {len(d.statements)} statements, "
        f"{len(d.timeline)} timeline entries, {len(d.event.key_facts)} key facts, "
        f"{len(d.event.disputes)} disputed point{'' if len(d.event.disputes) == 1 else 's'}"
    )
    return 0


def schemas() -> dict[str, str]:
    """Each data file's JSON Schema, as the text written to schemas/."""
    from .data import kinds  # here: `make build`'s process only waits for mkdocs, and the model is 20 MB

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


def _build() -> int:
    from .engine.build import build  # here, not at the top: the check needs neither subprocess nor ctypes

    return build()


def _new() -> int:
    from .engine.new import new

    return new(ROOT)


def main(argv: list[str]) -> int:
    commands = {"check": check, "build": _build, "schema": write_schemas, "new": _new}
    if argv and argv[0] == "verify":
        from .verify.cli import main as verify

        return verify(ROOT, argv[1:])
    if argv and argv[0] == "serve":
        from .engine.serve import serve

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
