"""The bibliography as CSL-JSON (`application/vnd.citationstyles.csl+json`), the format Zotero,
pandoc and citeproc read.

Format: a UTF-8 JSON array, one item per line and per source in the order of
`data/sources.yml`:

- `id`: the source's id; `type`: "article-newspaper" for a newspaper, online news site, news
  agency or state media, "article-magazine" for a magazine, otherwise "webpage" when a web
  address is known, else "article";
- `title` (a title that only describes the piece, not its headline, is in [brackets]),
  `container-title` (the publisher, which styles print as the site or paper), `author` (each
  name as a `literal`, since names are not split into given and family names), `language`;
- `issued` (left out when the publication date is not known) and `accessed` as `date-parts`,
  only as far as the date is known ([2021, 5] for May 2021); `URL`: the source's address, or the copy it was read
  in when it has none;
- `note`: the copy a source was read in ("Read in a mirror copy published by …"), its archived
  copy ("Archived 2021-05-04: URL") and the editors' note, as sentences in the site's language. (CSL has no field for
  an archive's address that styles print well, so it is kept in the note.)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..data import model
from ..data.dataset import Dataset
from .common import Site, _date_parts, iso_date, record_lines, source_address

# CSL item types for the outlets that have one; other publishers' pages are "webpage".
CSL_TYPES = {
    "newspaper": "article-newspaper",
    "online-news": "article-newspaper",
    "news-agency": "article-newspaper",
    "state-media": "article-newspaper",
    "magazine": "article-magazine",
}


def item(src: model.Source, site: Site = Site()) -> dict:
    title = f"[{src.title}]" if src.title_kind == "description" else src.title
    address = source_address(src)
    out = {
        "id": src.id,
        "type": CSL_TYPES.get(src.outlet or "") or ("webpage" if address else "article"),
        "title": title,
        "container-title": src.publisher,
    }
    if src.authors:
        out["author"] = [{"literal": name} for name in src.authors]
    if src.published:  # as far as it is known: [2021], [2021, 5] or [2021, 5, 3]
        out["issued"] = {"date-parts": [list(_date_parts(src.published))]}
    out["accessed"] = {"date-parts": [list(_date_parts(src.accessed))]}
    if address:
        out["URL"] = address
    out["language"] = src.language
    notes = []
    if src.copy_:
        read_in = (
            site.pgettext("bibliography", "Read in a mirror copy published by %(publisher)s")
            if src.copy_.kind == "mirror"
            else site.pgettext("bibliography", "Read in a syndicated copy published by %(publisher)s")
        )
        notes.append(read_in % {"publisher": src.copy_.publisher})
    if src.archive:
        archived = site.pgettext("bibliography", "Archived %(date)s: %(address)s")
        notes.append(archived % {"date": iso_date(src.archive.date), "address": src.archive.url})
    if src.note:
        notes.append(src.note)
    if notes:
        out["note"] = ". ".join(n.rstrip(".") for n in notes) + "."
    return out


def build(ds: Dataset, site: Site = Site()) -> list[dict]:
    return [item(s, site) for s in ds.sources.values()]


def pieces(ds: Dataset, site: Site = Site()) -> Iterator[str]:
    return record_lines(map(lambda s: item(s, site), ds.sources.values()))


def render(ds: Dataset, site: Site = Site()) -> str:
    return "".join(pieces(ds, site))
