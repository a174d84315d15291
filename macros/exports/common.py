"""What every machine-readable output shares: where the site lives, dates with their precision,
stable identifiers and the addresses of sources.

Nothing here reads the clock or the environment, so each output is a pure function of the
dataset and the `Site` it is given, and byte-identical across builds.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from ..data import kinds, model, vocab
from ..data.dataset import Dataset
from ..data.dates import PartialDate


def _untranslated(context: str, message: str) -> str:
    return message


def N_(message: str) -> str:
    """Mark a message for extraction where it is declared (a title, say); it is translated where shown."""
    return message


@dataclass(frozen=True)
class Site:
    """What the outputs need to know about the built site.

    `url`: the site's absolute address ending in "/" (MkDocs' `site_url`), or "" when unknown;
    without it, outputs give no absolute links and JSON-LD nodes get no `@id`.
    `name`: the site's name, used as the feed's author. `pages`: the page (URL relative to the site
    root) that shows each block of records ("timeline", "statements", "actors", "sources"), the
    explainer's ("explainer"), and the updates log's ("updates"). `parts`: for a block split across
    pages, the page of each record not on the block's first page, by (block, record id).
    `language`: the site's language tag; `pgettext(context, message)`: the site's words in it, from
    the pages' catalog (the engine hands it over; exports read no catalog).
    """

    url: str = ""
    name: str = ""
    pages: dict = field(default_factory=lambda: {"explainer": ""})  # outputs.site_of fills it from the pages
    language: str = "en"
    pgettext: Callable[[str, str], str] = _untranslated
    parts: dict = field(default_factory=dict)

    def link(self, block: str, record_id: str | None = None) -> str:
        """The absolute address of a page (or of one record on it), or "" without a site URL or that page."""
        if not self.url or block not in self.pages:
            return ""
        base = self.url if self.url.endswith("/") else self.url + "/"
        kind = kinds.host_kind(block)
        anchor = "#" + kind.anchor(record_id) if record_id and kind else ""
        page = self.parts.get((block, record_id), self.pages[block]) if record_id else self.pages[block]
        return base + page + anchor

    def log_link(self, anchor: str) -> str:
        """The absolute address of an update in the log, or "" without a site URL or a page showing the log."""
        return self.url.rstrip("/") + "/" + self.pages["updates"] + "#" + anchor if self.link("updates") else ""


def named_records(ds: Dataset, update: model.Update, known: dict | None = None) -> list[tuple[kinds.Kind, str]]:
    """The records an update names, each with its kind (the check made each id name one record).
    `known`: `ds.known()`, for a caller that names the records of many updates."""
    known = known or ds.known()
    return [(kinds.kinds_with(rid, known)[0], rid) for rid in update.records]


def _date_parts(d) -> tuple[int, ...]:
    """(year, month, day), shortened to what is known: (2021,) or (2021, 5) for a partial date.
    The one place here that knows how dates are stored."""
    if isinstance(d, PartialDate):
        return tuple(p for p in (d.year, d.month, d.day) if p)
    if isinstance(d, date):
        return (d.year, d.month, d.day)
    raise TypeError(f"not a date: {d!r}")


def iso_date(d) -> str:
    """ISO 8601 with the precision kept: 2021, 2021-05 or 2021-05-03."""
    parts = _date_parts(d)
    return "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]])


def date_key(d) -> tuple[int, int, int]:
    """For ordering: a partial date sorts at its first possible day."""
    year, month, day = (_date_parts(d) + (1, 1))[:3]
    return year, month, day


def first_update(ds: Dataset) -> model.Update:
    """The earliest update (the first in the file among those of that date)."""
    return min(ds.event.updates, key=lambda u: date_key(u.date))


def last_update(ds: Dataset) -> model.Update:
    """The latest update (the last in the file among those of that date)."""
    return max(reversed(ds.event.updates), key=lambda u: date_key(u.date))


def namespace(ds: Dataset, site: Site) -> uuid.UUID:
    """The root of every derived identifier: the site's address when known, else the event's
    title and start date. So ids stay the same across builds and change only if those do."""
    seed = site.url or f"explainer:{ds.event.title}:{iso_date(ds.event.start)}"
    return uuid.uuid5(uuid.NAMESPACE_URL, seed)


def stable_uuid(ds: Dataset, site: Site, *parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(namespace(ds, site), '/'.join(parts))}"


def source_address(src: model.Source) -> str:
    """The address a reader can open: the source's own, else the copy it was read in, else ""."""
    if src.url:
        return src.url
    return src.copy_.url if src.copy_ else ""


def source_label(src: model.Source) -> str:
    """Publisher and title as a line of plain text; a descriptive title goes in brackets."""
    title = f"[{src.title}]" if src.title_kind == "description" else src.title
    return f"{src.publisher}: {title}"


def kind_words(ds: Dataset, kind: str, site: Site = Site()) -> str:
    """A timeline kind as readers see it: the event's own vocabulary first, then the built-in one."""
    own = ds.event.vocabulary.timeline_kinds.get(kind)
    if own:
        return own
    if kind in vocab.TIMELINE_KINDS:
        return site.pgettext("timeline kind", vocab.TIMELINE_KINDS[kind])
    return kind.replace("-", " ")


def record_lines(value: dict | list | Iterator) -> Iterator[str]:
    """`value` as JSON with one record per line, in pieces: the top level and its lists laid out, each
    item on a line of its own. A record's change is then one changed line, and the C encoder writes the
    lines (an indented dump goes through Python's encoder, half a second at 100x the sample). A list
    may be given as an iterator: each record's plain copy is then made, written and dropped in turn,
    where the whole file would be held several times over (300 MB at 1000x the sample)."""

    def one(v) -> str:
        return json.dumps(v, ensure_ascii=False)

    def items(v, indent: str) -> Iterator[str]:
        if not isinstance(v, (list, Iterator)):
            yield one(v)
            return
        first = True
        for x in v:
            yield ("[\n" if first else ",\n") + f"{indent}  {one(x)}"
            first = False
        yield "[]" if first else f"\n{indent}]"

    if not isinstance(value, dict):
        yield from items(value, "")
        yield "\n"
        return
    for n, (k, v) in enumerate(value.items()):
        yield ("{\n" if n == 0 else ",\n") + f"  {one(k)}: "
        yield from items(v, "  ")
    yield "\n}\n" if value else "{}\n"
