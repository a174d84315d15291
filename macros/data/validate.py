"""Stage 2b: one record at a time, from raw values to a model, with pydantic's
errors put into an editor's words (our own field types already speak them).
"""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel, ValidationError

from .errors import Problem, did_you_mean
from .parsing import describe
from .positions import Loaded, field_name


def validate(item_model, raw, prefix: tuple, loaded: Loaded, problems: list[Problem]):
    """The record built from `raw`, or None after adding its problems, in an editor's words."""
    if loaded.is_flagged(prefix):
        return None
    if raw is None:
        problems.append(
            loaded.problem(
                prefix, "this list item is empty", "delete the lone '-', or write the record's fields after it"
            )
        )
        return None
    if not isinstance(raw, dict):
        problems.append(
            loaded.problem(
                prefix,
                f"expected a record (a group of fields), found {describe(raw)}",
                "each record starts with '- id: …' and has one field per line",
            )
        )
        return None
    try:
        record = item_model.model_validate(raw)
    except ValidationError as err:
        # Skip what the loader already reported (e.g. a refused tag read as nothing).
        found = [e for e in err.errors() if not loaded.is_flagged(prefix + tuple(e["loc"]))]
        problems += [_translate(dict(e), item_model, prefix, loaded) for e in found]
        return None
    if any(path[: len(prefix)] == prefix for path in loaded.lost):
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
            return Problem(
                loaded.file,
                line,
                col,
                field_name(loc),
                "no source is cited: 'sources' is missing",
                "add 'sources: [source-id]' naming the sources in data/sources.yml that back this",
            )
        example = "[topic]" if name == "topics" else "…"
        return Problem(
            loaded.file,
            line,
            col,
            field_name(loc),
            "this required field is missing",
            f"add '{name}: {example}' to this record",
        )
    if kind == "extra_forbidden":
        fields = _fields_at(item_model, err["loc"][:-1])
        return loaded.problem(
            loc, f"unknown field '{name}'", did_you_mean(str(name), fields, listed="allowed fields"), key=True
        )
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        shown = value if isinstance(value, str) else describe(value)
        return loaded.problem(
            loc, f"'{shown}' is not an allowed value", did_you_mean(str(value), choices, listed="allowed values")
        )
    if kind == "too_short":
        if name == "sources":
            return loaded.problem(
                loc,
                "no source is cited: the list is empty",
                "add at least one source id from data/sources.yml, like [source-id]",
            )
        if name == "sides":
            return loaded.problem(
                loc,
                "a disputed point needs at least two sides",
                "add the other side: its claim and the sources that make it",
            )
        return loaded.problem(loc, "the list is empty", "add at least one item, each on its own line after '- '")
    if kind == "list_type":
        return loaded.problem(
            loc,
            f"expected a list, found {describe(value)}",
            f"write it as a list, like [{value}]"
            if isinstance(value, str)
            else "write one item per line, each starting with '- '",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loaded.problem(
            loc,
            f"expected a group of fields, found {describe(value)}",
            "remove the '- ' in front of the fields; write one 'name: value' per line, indented under this one"
            if isinstance(value, list)
            else "indent the fields under this line, one 'name: value' per line",
        )
    return loaded.problem(loc, "this value is not accepted here", "compare it with the same field in other records")


def _fields_at(item_model, loc) -> list[str]:
    """The field names allowed at `loc` inside `item_model`."""
    current = item_model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
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


def stray_dash(item_model, raw, prefix: tuple, loaded: Loaded) -> Problem | None:
    """A record with no id that lacks most required fields is nearly always a stray '- ' that split
    one record in two: say that once, instead of listing the missing fields of both halves."""
    if (
        not isinstance(raw, dict)
        or "id" not in item_model.model_fields
        or "id" in raw
        or not isinstance(prefix[-1], int)
        or prefix[-1] == 0
    ):
        return None
    required = [n for n, f in item_model.model_fields.items() if f.is_required()]
    missing = [n for n in required if n not in raw]
    if len(missing) < 3:
        return None
    first = next(iter(raw), None)
    fix = (
        f"remove the '- ' in front of '{first}:' on line {loaded.at(prefix + (first,), key=True)[0]}"
        if first
        else "delete the lone '-'"
    )
    return loaded.problem(
        prefix,
        f"a new record starts here but has no id and lacks {len(missing)} required fields ({', '.join(missing)})",
        f"if these fields belong to the record above, {fix}; otherwise complete the record",
    )
