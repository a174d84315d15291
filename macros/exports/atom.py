"""The updates log as an Atom feed (`application/atom+xml`, RFC 4287), so readers can follow
updates and corrections in a feed reader.

Format: UTF-8 XML, one `entry` per item of `updates` in `data/event.yml`, newest first (items of
the same date: the later in the file first).

- Feed: `title` is the event's title, `subtitle` its summary, `author` the site's name,
  `updated` the date of the latest update, `id` a `urn:uuid:` derived from the site's address
  (or, without one, the event's title and start date); links to the explainer page and to the
  feed itself when the site's address is known.
- Entry: `title` "Update: …" or "Correction: …" with the first words of the text; `content`
  the whole text (plain text); `published` and `updated` the update's date at 00:00 UTC (the log
  records days, not times). `id` is derived from the feed's id, the date and the text (spaces
  folded), never from the item's place in the log, so it stays the same across builds and when
  other items are added before, after or among those of its date. Editing the text makes it a
  new entry, which is what a feed reader should show; two items with the same date and text
  are told apart by their order.
  With the site's address known, the entry's `alternate` link is the update in the log, and each
  record it names (`records:`) is a `related` link.
- The feed carries `xml:lang`, the site's language, and its words ("Update", "Correction") are in it.
- Nothing depends on the build time, so every build writes the same bytes.
"""

from __future__ import annotations

from collections import Counter
from xml.etree import ElementTree as ET

from ..data import kinds
from ..data.dataset import Dataset
from .common import Site, iso_date, last_update, named_records, namespace, stable_uuid

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _stamp(d) -> str:
    return iso_date(d) + "T00:00:00Z"


def _headline(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def entries(ds: Dataset, site: Site) -> list[dict]:
    """The updates with their stable ids, newest first."""
    seen: Counter = Counter()
    items = []
    anchors = kinds.LOG.anchors(ds.event.updates)
    for position, update in enumerate(ds.event.updates):
        day, text = iso_date(update.date), " ".join(update.text.split())
        seen[day, text] += 1
        parts = (day, text) if seen[day, text] == 1 else (day, text, str(seen[day, text]))
        uid = stable_uuid(ds, site, "update", *parts)
        items.append({"id": uid, "update": update, "order": (day, position), "anchor": anchors[position]})
    return sorted(items, key=lambda i: i["order"], reverse=True)


def _add(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def render(ds: Dataset, site: Site = Site(), path: str = "updates.atom") -> str:
    """`path`: where the feed is published, relative to the site root (for its `self` link)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: site.language})
    kind_words = {
        "update": site.pgettext("update kind", "Update"),
        "correction": site.pgettext("update kind", "Correction"),
    }
    _add(feed, "id", f"urn:uuid:{namespace(ds, site)}")
    _add(feed, "title", ds.event.title)
    _add(feed, "subtitle", ds.event.summary)
    _add(feed, "updated", _stamp(last_update(ds).date))
    _add(_add(feed, "author"), "name", site.name or site.pgettext("feed author", "The editors"))
    page = site.link("explainer")
    if page:
        _add(feed, "link", rel="alternate", type="text/html", href=page)
        _add(feed, "link", rel="self", type="application/atom+xml", href=site.url.rstrip("/") + "/" + path)
    for item in entries(ds, site):
        update = item["update"]
        entry = _add(feed, "entry")
        _add(entry, "id", item["id"])
        _add(
            entry,
            "title",
            site.pgettext("feed entry", "%(kind)s: %(text)s")
            % {"kind": kind_words[update.kind], "text": _headline(update.text)},
        )
        _add(entry, "published", _stamp(update.date))
        _add(entry, "updated", _stamp(update.date))
        if page:
            _add(entry, "link", rel="alternate", type="text/html", href=site.log_link(item["anchor"]) or page)
        for kind, rid in named_records(ds, update):
            if record := site.link(kind.block, rid):
                _add(entry, "link", rel="related", type="text/html", href=record)
        _add(entry, "content", update.text, type="text")
        _add(entry, "category", term=update.kind, label=kind_words[update.kind])
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
