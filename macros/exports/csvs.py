"""Statements, timeline, actors and sources as CSV tables (`text/csv`).

Format (RFC 4180): UTF-8 without a byte-order mark, comma-separated, CRLF line ends, a header
row, then one row per record in the order of its file in `data/`. Fields are quoted only when
they hold a comma, a quote or a line break; quotes are doubled. Columns are fixed and in the
order of `COLUMNS` below; a field left out in the data is an empty cell.

- List fields (`sources`, `topics`, `actors`, `authors`) are joined with "; ". Ids never hold
  ";", so those lists split back exactly; an author's name that holds "; " does not (the dataset
  JSON keeps the list).
- A statement's `related` reads `relation:statement-id`, joined with "; ".
- Dates are ISO 8601 with their precision kept (a statement dated to the month reads 2021-05,
  and its `date_precision` column says "month"); times keep the UTC offset they were written
  with. `further_reading` and `state_owned` are "yes" or "no".
- Formula injection (OWASP's "CSV Injection"): a spreadsheet runs a cell as a formula when it
  starts with =, +, - or @, also after spaces, no-break spaces or line breaks, and some read the
  full-width and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) or a leading tab or carriage return the same
  way. Such a value gets a leading apostrophe ('), which spreadsheets take as "text" and do not
  display. So that an apostrophe the data really starts with cannot be mistaken for that mark, a
  value starting with ' gets one too. To get the exact value back: remove one ' from every cell
  that starts with one, and only that.
"""

from __future__ import annotations

import csv
import io

from ..data.dataset import Dataset
from .common import Site, iso_date

LIST_SEPARATOR = "; "
# What makes a cell a formula, after any leading white space; a leading tab or CR counts on its own.
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63", "\ufe6b")
MARK = "'"

COLUMNS = {
    "statements": (
        "id",
        "date",
        "date_precision",
        "actor",
        "actor_name",
        "venue",
        "venue_detail",
        "quote",
        "paraphrase",
        "translated_from",
        "original_text",
        "context",
        "topics",
        "sources",
        "related",
    ),
    "timeline": ("id", "start", "end", "title", "description", "kind", "actors", "sources"),
    "actors": ("id", "name", "kind", "role", "affiliation", "country", "description", "sources"),
    "sources": (
        "id",
        "publisher",
        "outlet",
        "state_owned",
        "title",
        "title_kind",
        "authors",
        "published",
        "url",
        "language",
        "accessed",
        "copy_publisher",
        "copy_url",
        "copy_kind",
        "archive_url",
        "archive_date",
        "note",
        "further_reading",
    ),
}


def neutralise(value: str) -> str:
    """Text a spreadsheet cannot run as a formula; `restore` gives the value back exactly."""
    live = value.lstrip().startswith(FORMULA_STARTS) or value.startswith(("\t", "\r"))
    return MARK + value if live or value.startswith(MARK) else value


def restore(cell: str) -> str:
    """What a reader of the CSV does to get the value: drop the one mark `neutralise` may have added."""
    return cell.removeprefix(MARK)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(value)
    return neutralise(str(value))


def _rows(ds: Dataset, table: str):
    if table == "statements":
        for s in ds.statements.values():
            yield {
                "id": s.id,
                "date": iso_date(s.date),
                "date_precision": s.date.precision,
                "actor": s.actor,
                "actor_name": ds.actors[s.actor].name,
                "venue": s.venue,
                "venue_detail": s.venue_detail,
                "quote": s.quote,
                "paraphrase": s.paraphrase,
                "translated_from": s.translated_from,
                "original_text": s.original_text,
                "context": s.context,
                "topics": s.topics,
                "sources": s.sources,
                "related": [f"{r.relation}:{r.statement}" for r in s.related],
            }
    elif table == "timeline":
        for e in ds.timeline.values():
            yield {
                "id": e.id,
                "start": str(e.start),
                "end": str(e.end) if e.end else None,
                "title": e.title,
                "description": e.description,
                "kind": e.kind,
                "actors": e.actors,
                "sources": e.sources,
            }
    elif table == "actors":
        for a in ds.actors.values():
            yield {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "role": a.role,
                "affiliation": a.affiliation,
                "country": a.country,
                "description": a.description,
                "sources": a.sources,
            }
    else:
        for s in ds.sources.values():
            copy, archive = s.copy_, s.archive
            yield {
                "id": s.id,
                "publisher": s.publisher,
                "outlet": s.outlet,
                "state_owned": "yes" if s.state_owned else "no",
                "title": s.title,
                "title_kind": s.title_kind,
                "authors": s.authors,
                "published": s.published and iso_date(s.published),
                "url": s.url,
                "language": s.language,
                "accessed": iso_date(s.accessed),
                "copy_publisher": copy and copy.publisher,
                "copy_url": copy and copy.url,
                "copy_kind": copy and copy.kind,
                "archive_url": archive and archive.url,
                "archive_date": archive and iso_date(archive.date),
                "note": s.note,
                "further_reading": "yes" if s.further_reading else "no",
            }


def render_table(ds: Dataset, table: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS[table])
    for row in _rows(ds, table):
        writer.writerow([_cell(row[c]) for c in COLUMNS[table]])
    return out.getvalue()


def render_statements(ds: Dataset, site: Site = Site()) -> str:
    return render_table(ds, "statements")


def render_timeline(ds: Dataset, site: Site = Site()) -> str:
    return render_table(ds, "timeline")


def render_actors(ds: Dataset, site: Site = Site()) -> str:
    return render_table(ds, "actors")


def render_sources(ds: Dataset, site: Site = Site()) -> str:
    return render_table(ds, "sources")
