"""Stage 2: load every data file the kinds registry names, validate each record
and run the checks. `read_dataset` returns what could be read with every
problem found; `load_dataset` is the same but raises `DataError`.

Records are validated one by one, so a bad record is reported without hiding
the problems of its neighbours. Ids and references are checked on the raw
data, broken records included, and only against files that could be read;
the rules in check.py run on the valid records. A place that already has a
problem gets no second one, so one mistake is reported once.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import check, kinds, model, refs
from .datafolder import folder_files
from .errors import DataError, Problem
from .load import read
from .parsing import describe
from .positions import Loaded
from .validate import stray_dash, validate

DATA_DIR = "data"
MAX_PROBLEMS_PER_FILE = 1000


# `data.sources` and the like: a kind's name by its file's.
_BY_FILE = {k.file: k.name for k in kinds.KINDS if k.own_file}


@dataclass
class Dataset:
    event: model.Event
    records: dict[str, dict[str, Any]]  # kind name -> id -> record, for kinds with their own file
    files: dict[str, list[Loaded]] = field(default_factory=dict, repr=False)
    warnings: list[Problem] = field(default_factory=list)  # shown by `make check`; nothing fails on them
    # `of` and `known`, made once: the pages and the JSON-LD ask for them per record. Read-only.
    _of: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _known: dict[str, set[str]] | None = field(default=None, init=False, repr=False, compare=False)

    def __getattr__(self, name: str) -> dict[str, Any]:
        """`data.sources`, `data.actors`, … : a kind's records, by the name of its file. Kept as an attribute
        once asked for, so Python finds it without coming here: the templates ask a hundred thousand times."""
        kind = _BY_FILE.get(name)
        if kind is None or "records" not in self.__dict__:
            raise AttributeError(name)
        found = self.__dict__[name] = self.records[kind]
        return found

    def of(self, kind: kinds.Kind) -> dict[str, Any]:
        """A kind's records by id, whether they have their own file or live in the event."""
        if kind.own_file:
            return self.records[kind.name]
        if kind.name not in self._of:
            self._of[kind.name] = {r.id: r for r in getattr(self.event, kind.where[-1])}
        return self._of[kind.name]

    def known(self) -> dict[str, set[str]]:
        """The ids of each kind, as the checks know them."""
        if self._known is None:
            self._known = {k.name: set(self.of(k)) for k in kinds.KINDS}
        return self._known


@dataclass
class Reading:
    """What reading data/ gave: the dataset when it is sound, and every problem found."""

    dataset: Dataset | None
    problems: list[Problem]
    known: dict[str, set[str]]  # kind name -> ids defined, read from the raw data
    files: dict[str, list[Loaded]]  # the files that could be read, by stem
    unread: set[str] = field(default_factory=set)  # stems with a file missing, refused or unreadable


def find_files(root: Path, stem: str, folder_allowed: bool) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """data/<stem>.yml (or .yaml), or, for a big kind, the files of the folder data/<stem>/ (datafolder.py)."""
    data = root / DATA_DIR
    found = [p for p in (data / f"{stem}.yml", data / f"{stem}.yaml") if p.is_file() or p.is_symlink()]
    folder = data / stem
    if folder_allowed and folder.is_dir():
        parts, refused = folder_files(folder, f"{DATA_DIR}/{stem}")
        if found:
            return [], [
                Problem(
                    f"{DATA_DIR}/{found[0].name}",
                    1,
                    1,
                    "",
                    f"both {found[0].name} and the folder {stem}/ exist",
                    f"keep one: move the records into files in {DATA_DIR}/{stem}/ and delete {found[0].name}",
                )
            ]
        if parts or refused:
            return parts, refused
    if len(found) == 2:
        return [], [
            Problem(
                f"{DATA_DIR}/{stem}.yaml",
                1,
                1,
                "",
                f"both {stem}.yml and {stem}.yaml exist",
                f"keep one: merge the records into {DATA_DIR}/{stem}.yml and delete {stem}.yaml",
            )
        ]
    return [(p, f"{DATA_DIR}/{p.name}") for p in found], []


def read_dataset(root: Path) -> Reading:
    """Read and check data/. The garbage collector is paused meanwhile: loading makes hundreds of
    thousands of small objects that all live on, and collecting them again and again took ~40% of the time."""
    was_enabled = gc.isenabled()  # `make check` keeps it off to the end
    gc.disable()
    try:
        return _read_dataset(root)
    finally:
        if was_enabled:
            gc.enable()


def _read_dataset(root: Path) -> Reading:
    problems: list[Problem] = []
    files: dict[str, list[Loaded]] = {}
    valid: dict[str, list[tuple[Loaded, int, Any]]] = {}  # file stem -> [(file, index, record)]
    unread: set[str] = set()
    for f in kinds.data_files():
        paths, clash = find_files(root, f.stem, folder_allowed=f.kind is not None)
        problems += clash
        if clash or not (paths or (f.kind and f.kind.optional)):
            unread.add(f.stem)
        if not paths and not clash and not (f.kind and f.kind.optional):
            label = f"{DATA_DIR}/{f.stem}.yml"
            problems.append(
                Problem(label, 1, 1, "", "the file is missing", f"create {label}, starting with the line '{f.key}:'")
            )
        read_ok = []
        for path, label in paths:
            loaded = read(path, label, f.key)
            problems += loaded.problems
            if loaded.problems and loaded.data is None:
                unread.add(f.stem)
                continue
            raw = _root_value(loaded, f, problems)
            if raw is _MISSING:
                unread.add(f.stem)
            else:
                read_ok.append((loaded, raw))
        files[f.stem] = [loaded for loaded, _ in read_ok]
        # Repeated ids first: an id that clashes only by case is reported as that, not as a bad id.
        for kind in kinds.kinds_in(f.stem):
            problems += refs.unique_ids(files[f.stem], kind.where)
        records = valid.setdefault(f.stem, [])
        for loaded, raw in read_ok:
            if f.kind is None:
                record = validate(f.item, raw, (f.key,), loaded, problems)
                records += [] if record is None else [(loaded, 0, record)]
                continue
            strays: dict[int, Problem] = {}
            mark = len(problems)
            for i, r in enumerate(raw):
                if len(strays) >= MAX_PROBLEMS_PER_FILE:  # a hostile file must not cost minutes
                    break
                if p := stray_dash(f.item, r, (f.key, i), loaded):
                    strays[i] = p
            problems += strays.values()
            for i, r in enumerate(raw):
                if len(problems) - mark >= MAX_PROBLEMS_PER_FILE:
                    i = min(max(i, max(strays, default=-1) + 1), len(raw) - 1)
                    problems.append(
                        loaded.problem(
                            (f.key, i),
                            f"the check stopped here, after {MAX_PROBLEMS_PER_FILE:,} problems in this file",
                            "fix those, then check again",
                        )
                    )
                    break
                if i not in strays and i + 1 not in strays:
                    record = validate(f.item, r, (f.key, i), loaded, problems)
                    records += [] if record is None else [(loaded, i, record)]
    known = refs.known_ids(files)
    problems += refs.references(files, known)
    problems += refs.log_references(files, known)
    checking = check.Checking(valid)
    problems += check.run_rules(checking)
    event = valid.get(kinds.EVENT_FILE)
    if problems or not event:
        return Reading(None, problems, known, files, unread)
    by_kind = {k.name: {r.id: r for _, _, r in valid.get(k.file, [])} for k in kinds.KINDS if k.own_file}
    return Reading(Dataset(event[0][2], by_kind, files, check.warnings(checking)), [], known, files)


def load_dataset(root: Path) -> Dataset:
    reading = read_dataset(root)
    if reading.dataset is None:
        raise DataError(reading.problems)
    return reading.dataset


_MISSING = object()


def _root_value(loaded: Loaded, f: kinds.DataFile, problems: list[Problem]):
    data, key, want_list = loaded.data, f.key, f.kind is not None
    if not isinstance(data, dict):
        problems.append(
            loaded.problem(
                (),
                f"the file should start with '{key}:', found {describe(data)}",
                f"write '{key}:' on the first line and indent the {'list' if want_list else 'fields'} under it",
            )
        )
        return _MISSING
    unknown = [other for other in data if other != key]
    if key not in data and len(unknown) == 1:  # most likely a misspelling
        problems.append(
            loaded.problem(
                (unknown[0],),
                f"the file should start with '{key}:', found '{unknown[0]}:'",
                f"rename it to '{key}:'",
                key=True,
            )
        )
        return _MISSING
    for other in unknown:
        problems.append(
            loaded.problem(
                (other,),
                f"unknown top-level field '{other}'",
                f"this file holds only '{key}:'; remove '{other}:' or move it into a record",
                key=True,
            )
        )
    if key not in data:
        problems.append(loaded.problem((), f"'{key}:' is missing", f"start the file with '{key}:'"))
        return _MISSING
    value = data[key]
    if f.kind is not None and not isinstance(value, list):
        problems.append(
            loaded.problem(
                (key,),
                f"expected a list of {f.kind.plural}, found {describe(value)}",
                "start each record with '- ' indented under the first line",
            )
        )
        return _MISSING
    if f.kind is None and not isinstance(value, dict):
        problems.append(
            loaded.problem(
                (key,),
                f"expected the event's fields, found {describe(value)}",
                "indent fields like 'title: …' under 'event:'",
            )
        )
        return _MISSING
    return value
