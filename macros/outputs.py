"""Files the site publishes besides its pages, each declared once.

An output is a path in the built site, what it is (its title and media
type, for the download list and `<link rel="alternate">`) and a function
that renders it from the validated dataset. `hooks.py` hands every output
to MkDocs as a generated file, so `mkdocs build` and `mkdocs serve` both
write it and the link checks know it. A new output is one function and one
entry here, plus a line in the README.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from pydantic import BaseModel

from . import kinds
from .dataset import Dataset
from .dates import PartialDate
from .fields import Moment


@dataclass(frozen=True)
class Output:
    path: str  # inside the site, e.g. "downloads/explainer.json"
    title: str
    media_type: str
    render: Callable[[Dataset], str]


def _plain(value: Any) -> Any:
    """A record as JSON values, dates at the precision the editor gave."""
    if isinstance(value, BaseModel):
        return {(f.alias or name): _plain(getattr(value, name)) for name, f in type(value).model_fields.items()}
    if isinstance(value, (PartialDate, Moment)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def dataset_json(data: Dataset) -> str:
    """The whole validated dataset: {"event": {...}, "sources": [...], ...}, in the files' order."""
    out = {"event": _plain(data.event)}
    out.update({k.file: [_plain(r) for r in data.records[k.name].values()] for k in kinds.KINDS if k.own_file})
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


OUTPUTS = (
    Output("downloads/explainer.json", "The whole dataset (JSON)", "application/json", dataset_json),
)
