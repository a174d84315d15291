"""Scale an event's data N times, keeping every reference valid.

Copy k (2..N) of each record gets its id with the suffix `-xk`, and every
reference inside the copy points at copy k of the record it named, so copy k
is a complete second event woven into the first. Which fields are references
is read from macros/data/kinds.py, so a new kind of record is scaled too. Copy 1 keeps the original
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

from macros.data import kinds  # where each kind of record lives and what it refers to
from macros.data.rawfile import MAX_FILE_BYTES

PROJECT_FILES = ("mkdocs.yml", "docs", "macros", "overrides")


def _suffix(value: str, k: int) -> str:
    return value if k == 1 else f"{value}-x{k}"


def _url(url: str, k: int) -> str:
    if k == 1:
        return url
    base, _, fragment = url.partition("#")
    joined = f"{base}{'&' if '?' in base else '?'}copy={k}"
    return f"{joined}#{fragment}" if fragment else joined


def _rewrite(value, path: tuple, k: int):
    """`value` with every id that `path` reaches given copy k's suffix."""
    if not path:
        return _suffix(value, k) if isinstance(value, str) else value
    head, rest = path[0], path[1:]
    if head == "*":
        return [_rewrite(item, rest, k) for item in value] if isinstance(value, list) else value
    if isinstance(value, dict) and head in value:
        value[head] = _rewrite(value[head], rest, k)
    return value


def clone(kind: kinds.Kind, record: dict, k: int) -> dict:
    """Copy k of one record."""
    r = copy.deepcopy(record)
    if k == 1:
        return r
    r["id"] = _suffix(r["id"], k)
    for ref in kind.refs:
        if ref.path != ("id",):  # a record whose id names another record (a verified quote): suffixed once
            r = _rewrite(r, ref.path, k)
    if kind.name == "source":  # one address belongs to one source
        if r.get("url"):
            r["url"] = _url(r["url"], k)
        if isinstance(r.get("copy"), dict) and r["copy"].get("url"):
            r["copy"]["url"] = _url(r["copy"]["url"], k)
    return r


def _records(data: dict, kind: kinds.Kind) -> tuple[dict, list]:
    holder = data[kind.file]
    for key in kind.where[:-1]:
        holder = holder[key]
    return holder, holder.get(kind.where[-1]) or []


def _cited_by_records(data: dict) -> set[str]:
    """Sources some record cites (the rest are cited only by the prose, which is not copied)."""
    out = set()
    for kind in kinds.KINDS:
        for ref in (r for r in kind.refs if r.kind == "source"):
            for record in _records(data, kind)[1]:
                out.update(_collect(record, ref.path))
    return out


def _collect(value, path: tuple):
    if not path:
        return [value] if isinstance(value, str) else []
    if path[0] == "*":
        return [v for item in (value if isinstance(value, list) else []) for v in _collect(item, path[1:])]
    return _collect(value[path[0]], path[1:]) if isinstance(value, dict) and path[0] in value else []


def scale_data(data: dict[str, dict], n: int) -> dict[str, dict]:
    """The contents of each data file (by stem), scaled n times."""
    out = copy.deepcopy(data)
    cited = _cited_by_records(data)
    for kind in kinds.KINDS:
        holder, records = _records(out, kind)
        copies = []
        for k in range(1, n + 1):
            for rec in records:
                copies.append(clone(kind, rec, k))
                if kind.name == "source" and k > 1 and rec["id"] not in cited:
                    copies[-1]["further_reading"] = True  # only the prose cites it, and the prose is not copied
        holder[kind.where[-1]] = copies
    return out


def read_data(folder: Path) -> dict[str, dict]:
    """Each data file's contents; a kind kept as a folder of files (data/statements/*.yml) is read as one list."""
    out = {}
    for f in kinds.data_files():
        if (folder / f.stem).is_dir():
            parts = sorted((folder / f.stem).glob("*.y*ml"))
            out[f.stem] = {f.key: [r for p in parts for r in yaml.safe_load(p.read_text(encoding="utf-8"))[f.key]]}
            continue
        path = folder / f"{f.stem}.yml"
        path = path if path.exists() else folder / f"{f.stem}.yaml"
        if not path.exists() and f.kind and f.kind.optional:
            out[f.stem] = {f.key: []}  # none yet (data/verified.yml before `make verify-record`)
            continue
        out[f.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


def write_data(folder: Path, data: dict[str, dict], cap: int = MAX_FILE_BYTES) -> dict[str, int]:
    """Write each file (with its schema line); returns each file's size in bytes.

    A kind whose file would pass load.py's limit is written as a folder of files
    (data/statements/part-001.yml …), each under the limit, as an editor would keep it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for stem, content in data.items():
        text = _yaml(stem, content)
        (key,) = content
        records = content[key]
        if len(text.encode("utf-8")) <= cap or not isinstance(records, list):
            path = folder / f"{stem}.yml"
            path.write_text(text, encoding="utf-8")
            sizes[f"data/{stem}.yml"] = path.stat().st_size
            continue
        parts = -(-len(text.encode("utf-8")) // (cap // 2))  # half the limit each, so no part is over it
        per = -(-len(records) // parts)
        (folder / stem).mkdir(exist_ok=True)
        for n in range(parts):
            path = folder / stem / f"part-{n + 1:03d}.yml"
            path.write_text(_yaml(stem, {key: records[n * per : (n + 1) * per]}, "../"), encoding="utf-8")
            sizes[f"data/{stem}/{path.name}"] = path.stat().st_size
    return sizes


def _yaml(stem: str, content: dict, up: str = "") -> str:
    return f"# yaml-language-server: $schema={up}schemas/{stem}.schema.json\n" + yaml.safe_dump(
        content, sort_keys=False, allow_unicode=True, width=10_000
    )


def make_project(src: Path, dest: Path, n: int) -> dict[str, int]:
    """A copy of the project at `src` whose data is scaled n times; returns the data files' sizes."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        path = src / name
        if path.is_dir():
            shutil.copytree(path, dest / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.exists():
            shutil.copy2(path, dest / name)
    original = read_data(src / "data")
    scaled = scale_data(original, n)
    if len(_yaml(kinds.EVENT_FILE, scaled[kinds.EVENT_FILE]).encode("utf-8")) > MAX_FILE_BYTES:
        # The event is one record in one file: past the limit, its key facts and disputes stay as they were.
        scaled[kinds.EVENT_FILE] = original[kinds.EVENT_FILE]
        cited, first = _cited_by_records(scaled), {r["id"] for r in _records(original, kinds.BY_NAME["source"])[1]}
        for source in _records(scaled, kinds.BY_NAME["source"])[1]:
            if source["id"] not in cited and source["id"] not in first:
                source["further_reading"] = True  # its copy of a key fact or dispute is not there to cite it
    sizes = write_data(dest / "data", scaled)
    if (src / "data" / "schemas").is_dir():
        shutil.copytree(src / "data" / "schemas", dest / "data" / "schemas", dirs_exist_ok=True)
    return sizes


if __name__ == "__main__":
    if len(sys.argv) != 4 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    for name, size in make_project(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[1])).items():
        print(f"{name}: {size:,} bytes")
