"""Scale an event's data N times, keeping every reference valid.

Copy k (2..N) of each record gets its id with the suffix `-xk`, and every
reference inside the copy points at copy k of the record it named, so copy k
is a complete second event woven into the first. Copy 1 keeps the original
ids, so the prose pages' citations still resolve. Web addresses get a
`?copy=k` query, because one address belongs to one source. Dates are kept as
they are, so every date rule still holds.

    python -m bench.scale N SRC_PROJECT DEST_PROJECT
"""
from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

import yaml

# What a copy rewrites: lists of records with ids, and the fields in them that name other records.
KINDS = ("sources", "actors", "statements", "timeline")
PROJECT_FILES = ("mkdocs.yml", "docs", "macros", "overrides", "hooks")


def _suffix(value: str, k: int) -> str:
    return value if k == 1 else f"{value}-x{k}"


def _url(url: str, k: int) -> str:
    if k == 1:
        return url
    base, _, fragment = url.partition("#")
    joined = f"{base}{'&' if '?' in base else '?'}copy={k}"
    return f"{joined}#{fragment}" if fragment else joined


def _ids(values: list, k: int) -> list:
    return [_suffix(v, k) for v in values]


def clone(kind: str, record: dict, k: int) -> dict:
    """Copy k of one record of data/<kind>.yml (or of a key fact or dispute)."""
    r = copy.deepcopy(record)
    if "id" in r:
        r["id"] = _suffix(r["id"], k)
    if "sources" in r:
        r["sources"] = _ids(r["sources"], k)
    if kind == "sources":
        if r.get("url"):
            r["url"] = _url(r["url"], k)
        if r.get("copy"):
            r["copy"]["url"] = _url(r["copy"]["url"], k)
    elif kind == "actors" and r.get("affiliation"):
        r["affiliation"] = _suffix(r["affiliation"], k)
    elif kind == "statements":
        r["actor"] = _suffix(r["actor"], k)
        for rel in r.get("related", []):
            rel["statement"] = _suffix(rel["statement"], k)
    elif kind in ("timeline", "side"):
        if "actors" in r:
            r["actors"] = _ids(r["actors"], k)
    elif kind == "dispute":
        r["sides"] = [clone("side", side, k) for side in r["sides"]]
    return r


def scale_data(data: dict[str, dict], n: int) -> dict[str, dict]:
    """The contents of each data file (by stem), scaled n times."""
    out = {}
    for kind in KINDS:
        records = data[kind][kind]
        out[kind] = {kind: [clone(kind, rec, k) for k in range(1, n + 1) for rec in records]}
    event = copy.deepcopy(data["event"])
    ev = event["event"]
    ev["key_facts"] = [clone("fact", f, k) for k in range(1, n + 1) for f in ev["key_facts"]]
    ev["disputes"] = [clone("dispute", d, k) for k in range(1, n + 1) for d in ev.get("disputes", [])]
    out["event"] = event
    return out


def read_data(folder: Path) -> dict[str, dict]:
    return {stem: yaml.safe_load((folder / f"{stem}.yml").read_text(encoding="utf-8"))
            for stem in ("event",) + KINDS}


def write_data(folder: Path, data: dict[str, dict]) -> dict[str, int]:
    """Write each file (with its schema line); returns each file's size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for stem, content in data.items():
        text = (f"# yaml-language-server: $schema=schemas/{stem}.schema.json\n"
                + yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=10_000))
        path = folder / f"{stem}.yml"
        path.write_text(text, encoding="utf-8")
        sizes[f"data/{stem}.yml"] = path.stat().st_size
    return sizes


def make_project(src: Path, dest: Path, n: int) -> dict[str, int]:
    """A copy of the project at `src` whose data is scaled n times; returns the data files' sizes."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        path = src / name
        if path.is_dir():
            shutil.copytree(path, dest / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.exists():
            shutil.copy2(path, dest / name)
    sizes = write_data(dest / "data", scale_data(read_data(src / "data"), n))
    if (src / "data" / "schemas").is_dir():
        shutil.copytree(src / "data" / "schemas", dest / "data" / "schemas", dirs_exist_ok=True)
    return sizes


if __name__ == "__main__":
    if len(sys.argv) != 4 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    for name, size in make_project(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[1])).items():
        print(f"{name}: {size:,} bytes")
