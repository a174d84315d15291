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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from . import check, kinds, model
from .errors import DataError, Problem
from .load import Loaded, read
from .validate import stray_dash, validate

DATA_DIR = "data"


@dataclass
class Dataset:
    event: model.Event
    records: dict[str, dict[str, Any]]  # kind name -> id -> record, for kinds with their own file
    files: dict[str, Loaded] = field(default_factory=dict, repr=False)

    def __getattr__(self, name: str) -> dict[str, Any]:
        """`data.sources`, `data.actors`, … : a kind's records, by the name of its file."""
        for kind in kinds.KINDS:
            if kind.own_file and kind.file == name:
                return self.records[kind.name]
        raise AttributeError(name)


@dataclass
class Reading:
    """What reading data/ gave: the dataset when it is sound, and every problem found."""

    dataset: Optional[Dataset]
    problems: list[Problem]
    known: dict[str, set[str]]  # kind name -> ids defined, read from the raw data
    files: dict[str, Loaded]  # the files that could be read


def find_file(root: Path, stem: str) -> tuple[Optional[Path], str, list[Problem]]:
    """data/<stem>.yml, or .yaml when that is what is there."""
    yml, yaml_ = root / DATA_DIR / f"{stem}.yml", root / DATA_DIR / f"{stem}.yaml"
    label = f"{DATA_DIR}/{stem}.yml"
    if yml.exists() and yaml_.exists():
        return yml, label, [Problem(f"{DATA_DIR}/{stem}.yaml", 1, 1, "", f"both {stem}.yml and {stem}.yaml exist",
                                    f"keep one: merge the records into {label} and delete {stem}.yaml")]
    if not yml.exists() and yaml_.exists():
        return yaml_, f"{DATA_DIR}/{stem}.yaml", []
    return (yml if yml.exists() else None), label, []


def read_dataset(root: Path) -> Reading:
    problems: list[Problem] = []
    files: dict[str, Loaded] = {}
    valid: dict[str, list[tuple[int, Any]]] = {}  # file stem -> [(index, record)]
    for f in kinds.data_files():
        path, label, found = find_file(root, f.stem)
        problems += found
        if path is None:
            problems.append(Problem(label, 1, 1, "", "the file is missing",
                                    f"create {label}, starting with the line '{f.key}:'"))
            continue
        loaded = read(path, label, f.key)
        problems += loaded.problems
        if loaded.problems and loaded.data is None:
            continue
        raw = _root_value(loaded, f, problems)
        if raw is _MISSING:
            continue
        files[f.stem] = loaded
        # Repeated ids first: an id that clashes only by case is reported as that, not as a bad id.
        for kind in kinds.kinds_in(f.stem):
            problems += check.unique_ids(loaded, kind.where)
        if f.kind is None:
            record = validate(f.item, raw, (f.key,), loaded, problems)
            valid[f.stem] = [] if record is None else [(0, record)]
        else:
            strays = {i: p for i, r in enumerate(raw) if (p := stray_dash(f.item, r, (f.key, i), loaded))}
            problems += strays.values()
            good = [None if i in strays or i + 1 in strays else validate(f.item, r, (f.key, i), loaded, problems)
                    for i, r in enumerate(raw)]
            valid[f.stem] = [(i, r) for i, r in enumerate(good) if r is not None]
    known = check.known_ids(files)
    problems += check.references(files, known)
    problems += check.run_rules(check.Checking(files, valid))
    event = valid.get(kinds.EVENT_FILE)
    if problems or not event:
        return Reading(None, problems, known, files)
    records = {k.name: {r.id: r for _, r in valid[k.file]} for k in kinds.KINDS if k.own_file}
    return Reading(Dataset(event[0][1], records, files), [], known, files)


def load_dataset(root: Path) -> Dataset:
    reading = read_dataset(root)
    if reading.dataset is None:
        raise DataError(reading.problems)
    return reading.dataset


_MISSING = object()


def _root_value(loaded: Loaded, f: kinds.DataFile, problems: list[Problem]):
    data, key, want_list = loaded.data, f.key, f.kind is not None
    if not isinstance(data, dict):
        problems.append(loaded.problem((), f"the file should start with '{key}:', found {model.describe(data)}",
                                       f"write '{key}:' on the first line and indent the "
                                       f"{'list' if want_list else 'fields'} under it"))
        return _MISSING
    unknown = [other for other in data if other != key]
    if key not in data and len(unknown) == 1:  # most likely a misspelling
        problems.append(loaded.problem((unknown[0],), f"the file should start with '{key}:', found '{unknown[0]}:'",
                                       f"rename it to '{key}:'", key=True))
        return _MISSING
    for other in unknown:
        problems.append(loaded.problem((other,), f"unknown top-level field '{other}'",
                                       f"this file holds only '{key}:'; remove '{other}:' or move it into a record",
                                       key=True))
    if key not in data:
        problems.append(loaded.problem((), f"'{key}:' is missing", f"start the file with '{key}:'"))
        return _MISSING
    value = data[key]
    if f.kind is not None and not isinstance(value, list):
        problems.append(loaded.problem((key,), f"expected a list of {f.kind.plural}, found {model.describe(value)}",
                                       "start each record with '- ' indented under the first line"))
        return _MISSING
    if f.kind is None and not isinstance(value, dict):
        problems.append(loaded.problem((key,), f"expected the event's fields, found {model.describe(value)}",
                                       "indent fields like 'title: …' under 'event:'"))
        return _MISSING
    return value
