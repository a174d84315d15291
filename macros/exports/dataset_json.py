"""The whole dataset as one JSON file (`application/json`).

Format: a UTF-8 JSON object with one record per line, ending in a newline:

    {"format": "explainer-dataset", "version": 1,
     "event": {...}, "sources": [...], "actors": [...], "statements": [...], "timeline": [...],
     "verified": [...]}

Each record has the fields of its file in `data/`, named as editors write them (`copy`, not
`copy_`), in the order the model declares them; a field left out in the data is `null` (or its
default, like `title_kind: "headline"`). Records keep the order of their file. Dates are ISO 8601
with their precision kept: a statement dated to the month has `"date": "2021-05"`, one dated to
the year `"date": "2021"`; a time keeps the UTC offset it was written with
(`"2021-05-05T00:00+02:00"`). `verified` holds data/verified.yml as `make verify-record` wrote it
(empty when it has not run): per quote, the hash of its text and where and when it was found. The
event's own `vocabulary` (extra timeline kinds and venues, with the words readers see) is included,
so the kinds and venues used can be read. Nothing else (no build time) goes in, so every build
writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel

from ..data.dataset import Dataset
from ..data.dates import PartialDate
from ..data.fields import Moment
from .common import Site, iso_date, record_lines

FORMAT_VERSION = 1
_AS_IS = frozenset({str, int, float, bool})


def _plain(value):
    """A record or value as JSON-ready data, in declaration order."""
    if value is None or type(value) in _AS_IS:  # most values: tested first, the file has 100,000s of them
        return value
    if isinstance(value, BaseModel):
        return {info.alias or name: _plain(getattr(value, name)) for name, info in type(value).model_fields.items()}
    if isinstance(value, Moment):
        return str(value)
    if isinstance(value, (date, PartialDate)):
        return iso_date(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def build(ds: Dataset, lazily: bool = False) -> dict:
    """The file's content; `lazily`, each kind's records as an iterator, made as they are written."""

    def records(kind: dict):
        plain = map(_plain, kind.values())
        return plain if lazily else list(plain)

    return {
        "format": "explainer-dataset",
        "version": FORMAT_VERSION,
        "event": _plain(ds.event),
        "sources": records(ds.sources),
        "actors": records(ds.actors),
        "statements": records(ds.statements),
        "timeline": records(ds.timeline),
        "verified": records(ds.verified),
    }


def pieces(ds: Dataset, site: Site = Site()) -> Iterator[str]:
    return record_lines(build(ds, lazily=True))


def render(ds: Dataset, site: Site = Site()) -> str:
    return "".join(pieces(ds, site))
