"""Files the site publishes besides its pages.

The registry is `exports.DOWNLOADS`: each entry is a path in the built site,
what it is (title and media type, for the Data list and
`<link rel="alternate">`) and a function that renders it from the validated
dataset. `hooks.py` hands every entry to MkDocs as a generated file, so
`mkdocs build` and `mkdocs serve` both write it and the link checks know it.
A new output is one function and one entry there, plus a line in the README.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..data import kinds
from ..data.errors import DataError, Problem
from ..exports import DOWNLOADS, Site
from ..pages.parts import PAGE_BUDGET

if TYPE_CHECKING:
    from ..pages.site import Explainer

OUTPUTS = DOWNLOADS


def clashes(docs_dir: Path, docs_label: str = "docs") -> list[Problem]:
    """Files in docs/ at a download's path, which the build would replace without a word. Names are
    compared ignoring case, as on the file systems of macOS and Windows and on many hosts."""
    by_name = {o.path.lower(): o for o in OUTPUTS}
    found = sorted(p for p in docs_dir.iterdir() if p.name.lower() in by_name) if docs_dir.is_dir() else []
    return [
        Problem(
            f"{docs_label}/{p.name}",
            1,
            1,
            "",
            f"this file has the name of a download the build writes ({by_name[p.name.lower()].title}), "
            "so the build would replace it",
            f"rename or move it: every build writes {by_name[p.name.lower()].path} itself, from data/",
        )
        for p in found
    ]


def load(root: Path, budget: int = PAGE_BUDGET) -> Explainer:
    """The explainer as a build sees it (`make check`, `make zensical`): the data and pages checked, the
    downloads handed down, and no file in docs/ where a download goes."""
    from ..pages.site import Explainer

    clashing = clashes(root / "docs")
    try:
        ex = Explainer.load(root, downloads=OUTPUTS, page_budget=budget)
    except DataError as err:
        raise DataError(sorted(set(err.problems) | set(clashing))) from None
    if clashing:
        raise DataError(clashing)
    return ex


def site_of(ex: Explainer, url: str = "", name: str = "") -> Site:
    """Where the site lives and which page shows each kind of record, as the exports need it. Made once
    per explainer (every page's JSON-LD asks; a big event's map of parts has a line per record)."""
    made = _SITES.setdefault(ex, {})
    if (url, name) not in made:
        made[url, name] = _site_of(ex, url, name)
    return made[url, name]


_SITES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # explainer -> (url, name) -> Site


def _site_of(ex: Explainer, url: str, name: str) -> Site:
    from ..pages.site import page_url

    pages = {"explainer": ""}
    for block in [k.block for k in kinds.KINDS] + ["updates"]:
        host = ex.pages.host(block)
        if host is not None:
            pages[block] = page_url(host, ex.directory_urls)
    held = {key: page_url(src, ex.directory_urls) for key, src in ex.plan.holder.items()}  # split blocks' records
    return Site(url=url, name=name, pages=pages, parts=held, language=ex.lang.tag, pgettext=ex.lang.pgettext)


def render(ex: Explainer, path: str, url: str = "", name: str = "") -> str:
    (out,) = [o for o in OUTPUTS if o.path == path]
    return out.render(ex.data, site_of(ex, url, name))


def page_jsonld(ex: Explainer, src: str, url: str = "") -> str:
    """The schema.org graph of one page: the article, the records the page shows, and the downloads
    where the page lists them. Safe to print inside <script type="application/ld+json">."""
    from ..exports import jsonld

    blocks = ex.blocks_on(src)
    shown = [b for b in blocks if (k := kinds.host_kind(b)) is not None and k.own_file]
    files = [(o.path, o.media_type, ex.lang.gettext(o.title)) for o in OUTPUTS] if "downloads" in blocks else []
    # A part of a split block describes the records it holds, not every record of its kind.
    only = {b: {r.id for r in part.records} for b in shown if (part := ex.part_on(src, b)) is not None}
    return jsonld.render(ex.data, shown, site_of(ex, url), files, only)


class WhenPrinted:
    """Text made when the theme prints it (`{{ … }}` calls str): MkDocs makes every page before it renders
    any into the theme, and every page's JSON-LD held meanwhile weighs 8 MB at 100x the sample."""

    def __init__(self, make: Callable[[], str]):
        self.make = make

    def __str__(self) -> str:
        return self.make()


def alternates(ex: Explainer, src: str) -> list[dict[str, str]]:
    """Every download as a `<link rel="alternate">` of the page, with its address relative to the page."""
    from ..pages.site import page_url, relative

    here = page_url(src, ex.directory_urls)
    return [{"href": relative(here, o.path), "type": o.media_type, "title": ex.lang.gettext(o.title)} for o in OUTPUTS]


def part_pages(ex: Explainer) -> list[tuple[str, str]]:
    """The Markdown of every generated page of a split block: its title, the blocks its host page shows
    with it (the timeline's chart), and its reference list. Only macro calls, so nothing from the data
    reaches Markdown; the macros render the rest like any page's."""
    out = []
    for part in ex.plan.generated():
        calls = [f"{{{{ {name}() }}}}" for name in ex.blocks_on(part.src)]
        out.append((part.src, "\n\n".join(["# {{ part_title() }}", *calls, "{{ references() }}"]) + "\n"))
    return out


def record_anchors(ex: Explainer) -> dict[str, list[str]]:
    """Each built page (its path in the site) and the anchors of the records it must hold."""
    from ..pages.site import page_url

    out: dict[str, list[str]] = {}
    for k in kinds.KINDS:
        if not k.own_file or ex.pages.host(k.block) is None:
            continue
        for record_id in ex.data.records[k.name]:
            page = page_url(ex.holder(k.name, record_id) or "", ex.directory_urls)
            dest = page + "index.html" if page == "" or page.endswith("/") else page
            out.setdefault(dest, []).append(k.anchor(record_id))
    return out
