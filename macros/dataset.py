"""Load every data file, validate each record against the model and run the
cross-file checks. `load_dataset` is the one entry point: it returns a
`Dataset` or raises `DataError` listing every problem found.

Records are validated one by one, so a bad record is reported without hiding
the problems of its neighbours; cross-file checks then run on the good ones,
treating ids that exist (even in a broken record) as known, so one mistake
is never reported twice.
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
    raw_ids: dict[str, list] = {}
    for stem, file_model in model.FILES.items():
        label = f"{DATA_DIR}/{stem}.yml"
        path = root / DATA_DIR / f"{stem}.yml"
        if not path.is_file():
            problems.append(Problem(label, 1, 1, "", "the file is missing",
                                    f"create {label}; README.md describes what it holds"))
            continue
        loaded = files[stem] = read(path, label)
        problems += loaded.problems
        if loaded.problems and loaded.data is None:
            continue
        key, item_model = _root_field(file_model)
        raw = _root_value(loaded, key, problems)
        if raw is _MISSING:
            continue
        if stem == "event":
            records[stem] = _validate(item_model, raw, (key,), loaded, problems)
        else:
            raw_ids[stem] = [(r.get("id"), (key, i)) for i, r in enumerate(raw) if isinstance(r, dict)]
            good = [_validate(item_model, r, (key, i), loaded, problems) for i, r in enumerate(raw)]
            records[stem] = [(i, r) for i, r in enumerate(good) if r is not None]
    problems += check.cross_file(records, raw_ids, files)
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
    for other in data:
        if other != key:
            problems.append(loaded.problem((other,), f"unknown top-level field '{other}'",
                                           f"this file holds only '{key}:'", key=True))
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
    if not isinstance(raw, dict):
        problems.append(loaded.problem(prefix, f"expected a record (a group of fields), found {model.describe(raw)}",
                                       "each record starts with '- id: …' and has one field per line"))
        return None
    try:
        return item_model.model_validate(raw)
    except ValidationError as err:
        problems += [_translate(e, item_model, prefix, loaded) for e in err.errors()]
        return None


def _translate(err: dict, item_model, prefix: tuple, loaded: Loaded) -> Problem:
    """Turn one pydantic error into words an editor can act on."""
    loc = prefix + tuple(err["loc"])
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if "hint" in ctx:  # our own field types already speak the editor's language
        return loaded.problem(loc, err["msg"], ctx["hint"])
    name = loc[-1]
    if kind == "missing":
        line, col = loaded.at(loc[:-1])
        example = "[source-id]" if name in ("sources", "topics") else "…"
        return Problem(loaded.file, line, col, field_name(loc), "this required field is missing",
                       f"add '{name}: {example}' to this record")
    if kind == "extra_forbidden":
        fields = _fields_at(item_model, err["loc"][:-1])
        return loaded.problem(loc, f"unknown field '{name}'", did_you_mean(str(name), fields), key=True)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return loaded.problem(loc, f"'{value}' is not an allowed value", did_you_mean(str(value), choices))
    if kind == "too_short":
        if name == "sources":
            return loaded.problem(loc, "cites no source", "add at least one source id from data/sources.yml")
        if name == "sides":
            return loaded.problem(loc, "a disputed point needs at least two sides",
                                  "add each side's claim with its own sources")
        return loaded.problem(loc, f"needs at least {ctx.get('min_length', 1)} item(s)", "add one, or remove the field")
    if kind == "list_type":
        return loaded.problem(loc, f"expected a list, found {model.describe(value)}",
                              f"write it as a list, like [{value}]" if isinstance(value, str) else
                              "write one item per line, each starting with '- '")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loaded.problem(loc, f"expected a group of fields, found {model.describe(value)}",
                              "indent the fields under this line, one 'name: value' per line")
    if kind == "string_pattern_mismatch":
        return loaded.problem(loc, f"'{value}' is not a language code", "use a code like en or ru")
    if kind in ("string_type", "bool_type", "int_type"):
        want = {"string_type": "text", "bool_type": "true or false", "int_type": "a whole number"}[kind]
        return loaded.problem(loc, f"expected {want}, found {model.describe(value)}", "")
    return loaded.problem(loc, err["msg"].lower(), "")  # not reached with the current model



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
