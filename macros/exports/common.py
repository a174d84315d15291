"""What every machine-readable output shares: where the site lives, dates with their precision,
stable identifiers and the addresses of sources.

Nothing here reads the clock or the environment, so each output is a pure function of the
dataset and the `Site` it is given, and byte-identical across builds.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from .. import model
from ..dataset import Dataset

# Where each kind of record is shown (page URL relative to the site root) with the standard pages.
DEFAULT_PAGES = {"explainer": "", "timeline": "timeline/", "statements": "statements/",
                 "actors": "actors/", "sources": "sources/"}
# The anchor each record has on its page (as the templates write it).
ANCHOR = {"timeline": "t-", "statements": "s-", "actors": "a-", "sources": "src-"}


@dataclass(frozen=True)
class Site:
    """What the outputs need to know about the built site.

    `url`: the site's absolute address ending in "/" (MkDocs' `site_url`), or "" when unknown;
    without it, outputs give no absolute links and JSON-LD nodes get no `@id`.
    `name`: the site's name, used as the feed's author. `pages`: where each record kind is shown.
    """

    url: str = ""
    name: str = ""
    pages: dict = field(default_factory=lambda: dict(DEFAULT_PAGES))

    def link(self, kind: str, record_id: str | None = None) -> str:
        """The absolute address of a page (or of one record on it), or "" without a site URL."""
        if not self.url:
            return ""
        base = self.url if self.url.endswith("/") else self.url + "/"
        anchor = f"#{ANCHOR[kind]}{record_id}" if record_id else ""
        return base + self.pages.get(kind, DEFAULT_PAGES[kind]) + anchor


def _date_parts(d) -> tuple[int, ...]:
    """(year, month, day), shortened to what is known. The one place that knows how dates are
    stored, so partial dates in the model need a change here only."""
    if isinstance(d, date):
        return (d.year, d.month, d.day)
    return tuple(getattr(d, "parts"))  # a partial date that names its own known parts


def date_parts(d, precision: str = "day") -> tuple[int, ...]:
    """The known parts of `d`, cut to `precision` ("year", "month" or "day")."""
    keep = {"year": 1, "month": 2, "day": 3}[precision]
    return _date_parts(d)[:keep]


def iso_date(d, precision: str = "day") -> str:
    """ISO 8601 with the precision kept: 2021, 2021-05 or 2021-05-03."""
    parts = date_parts(d, precision)
    return "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]])


def first_update(ds: Dataset) -> model.Update:
    """The earliest update (the first in the file among those of that date)."""
    return min(ds.event.updates, key=lambda u: _date_parts(u.date))


def last_update(ds: Dataset) -> model.Update:
    """The latest update (the last in the file among those of that date)."""
    return max(reversed(ds.event.updates), key=lambda u: _date_parts(u.date))


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
