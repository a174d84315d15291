"""Load every data file, validate each record against the model and run the
cross-file checks. `load_dataset` is the one entry point: it returns a
`Dataset` or raises `DataError` listing every problem found.

Records are validated one by one, so a bad record is reported without hiding
the problems of its neighbours. References between records are checked on the
raw data, broken records included, and only against files that could be read;
the other cross-file rules run on the valid records. A place that already has
a problem (the loader's, or a clash of ids) gets no second one, so one mistake
is reported once.
"""
from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import check, model
from .errors import DataError, Problem, did_you_mean
from .load import Loaded, field_name, read

DATA_DIR = "data"
# What each list file is called in messages ("expected a list of …").
_NOUNS = {"sources": "sources", "actors": "actors", "statements": "statements", "timeline": "timeline entries"}


@dataclass
class Dataset:
    event: model.Event
    sources: dict[str, model.Source]
    actors: dict[str, model.Actor]
    statements: dict[str, model.Statement]
    timeline: dict[str, model.TimelineEntry]
    files: dict[str, Loaded] = field(default_factory=dict, repr=False)


def load_dataset(root: Path) -> Dataset:
    problems: list[Problem] = []
    files: dict[str, Loaded] = {}
    records: dict[str, object] = {}
    for stem, file_model in model.FILES.items():
        label = f"{DATA_DIR}/{stem}.yml"
        path = root / DATA_DIR / f"{stem}.yml"
        key, item_model = _root_field(file_model)
        if not path.is_file():
            problems.append(Problem(label, 1, 1, "", "the file is missing",
                                    f"create {label}, starting with the line '{key}:'"))
            continue
        loaded = read(path, label, key)
        problems += loaded.problems
        if loaded.problems and loaded.data is None:
            continue
        raw = _root_value(loaded, key, problems)
        if raw is _MISSING:
            continue
        files[stem] = loaded
        # Repeated ids first: an id that clashes only by case is reported as that, not as a bad id.
        for list_path in check.ID_LISTS[stem]:
            problems += check.unique_ids(loaded, list_path)
        if stem == "event":
            records[stem] = _validate(item_model, raw, (key,), loaded, problems)
        else:
            good = [_validate(item_model, r, (key, i), loaded, problems) for i, r in enumerate(raw)]
            records[stem] = [(i, r) for i, r in enumerate(good) if r is not None]
    problems += check.references(files)
    problems += check.cross_file(records, files)
    if problems or records.get("event") is None:
        raise DataError(problems)
    by_id = {stem: {r.id: r for _, r in records[stem]} for stem in _NOUNS}
    return Dataset(records["event"], by_id["sources"], by_id["actors"], by_id["statements"], by_id["timeline"], files)


_MISSING = object()


def _root_field(file_model) -> tuple[str, type]:
    (key, info), = file_model.model_fields.items()
    ann = info.annotation
    return key, typing.get_args(ann)[0] if typing.get_origin(ann) is list else ann


def _root_value(loaded: Loaded, key: str, problems: list[Problem]):
    data, want_list = loaded.data, key != "event"
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
    if want_list and not isinstance(value, list):
        problems.append(loaded.problem((key,), f"expected a list of {_NOUNS[key]}, found {model.describe(value)}",
                                       "start each record with '- ' indented under the first line"))
        return _MISSING
    if not want_list and not isinstance(value, dict):
        problems.append(loaded.problem((key,), f"expected the event's fields, found {model.describe(value)}",
                                       "indent fields like 'title: …' under 'event:'"))
        return _MISSING
    return value


def _validate(item_model, raw, prefix: tuple, loaded: Loaded, problems: list[Problem]):
    if loaded.is_flagged(prefix):
        return None
    if raw is None:
        problems.append(loaded.problem(prefix, "this list item is empty",
                                       "delete the lone '-', or write the record's fields after it"))
        return None
    if not isinstance(raw, dict):
        problems.append(loaded.problem(prefix, f"expected a record (a group of fields), found {model.describe(raw)}",
                                       "each record starts with '- id: …' and has one field per line"))
        return None
    try:
        record = item_model.model_validate(raw)
    except ValidationError as err:
        # Skip what the loader already reported (e.g. a refused tag read as nothing).
        found = [e for e in err.errors() if not loaded.is_flagged(prefix + tuple(e["loc"]))]
        problems += [_translate(e, item_model, prefix, loaded) for e in found]
        return None
    if any(path[:len(prefix)] == prefix for path in loaded.lost):
        return None  # a value was refused: the record is not what the editor wrote
    return record


def _translate(err: dict, item_model, prefix: tuple, loaded: Loaded) -> Problem:
    """Turn one pydantic error into words an editor can act on."""
    loc = prefix + tuple(err["loc"])
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if "hint" in ctx:  # our own field types already speak the editor's language
        return loaded.problem(loc, err["msg"], ctx["hint"])
    name = loc[-1]
    if kind == "missing":
        line, col = loaded.at(loc[:-1])
        if name == "sources":
            return Problem(loaded.file, line, col, field_name(loc), "no source is cited: 'sources' is missing",
                           "add 'sources: [source-id]' naming the sources in data/sources.yml that back this")
        example = "[topic]" if name == "topics" else "…"
        return Problem(loaded.file, line, col, field_name(loc), "this required field is missing",
                       f"add '{name}: {example}' to this record")
    if kind == "extra_forbidden":
        fields = _fields_at(item_model, err["loc"][:-1])
        return loaded.problem(loc, f"unknown field '{name}'", did_you_mean(str(name), fields, listed="allowed fields"),
                              key=True)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        shown = value if isinstance(value, str) else model.describe(value)
        return loaded.problem(loc, f"'{shown}' is not an allowed value", did_you_mean(str(value), choices,
                                                                                         listed="allowed values"))
    if kind == "too_short":
        if name == "sources":
            return loaded.problem(loc, "no source is cited: the list is empty",
                                  "add at least one source id from data/sources.yml, like [source-id]")
        if name == "sides":
            return loaded.problem(loc, "a disputed point needs at least two sides",
                                  "add the other side: its claim and the sources that make it")
        return loaded.problem(loc, "the list is empty", "add at least one item, each on its own line after '- '")
    if kind == "list_type":
        return loaded.problem(loc, f"expected a list, found {model.describe(value)}",
                              f"write it as a list, like [{value}]" if isinstance(value, str) else
                              "write one item per line, each starting with '- '")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loaded.problem(loc, f"expected a group of fields, found {model.describe(value)}",
                              "remove the '- ' in front of the fields; write one 'name: value' per line, indented "
                              "under this one" if isinstance(value, list) else
                              "indent the fields under this line, one 'name: value' per line")
    return loaded.problem(loc, "this value is not accepted here", "compare it with the same field in other records")



def _fields_at(item_model, loc) -> list[str]:
    """The field names allowed at `loc` inside `item_model`."""
    current = item_model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return [f.alias or n for n, f in current.model_fields.items()]


def _inner_model(ann):
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in typing.get_args(ann):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
