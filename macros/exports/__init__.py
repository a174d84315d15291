"""Machine-readable outputs of the dataset: pure functions from a loaded `Dataset` (and a `Site`,
what is known about where the site lives) to the text of a file. Nothing here reads the clock,
the environment or the disk, so every output is byte-identical across builds.

`DOWNLOADS` lists the files a build writes next to the pages; each module's docstring describes
its format. `jsonld` builds the schema.org graph embedded in each page.

Stage 3, beside the pages. May import: `macros.data` and the standard library. Never `pages`,
`engine` or MkDocs: where the pages live reaches the exports as a `Site`, made by the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import atom, csl, csvs, dataset_json, ics
from .common import N_, Site

MAY_IMPORT = ("data",)  # the stages this one may use; tests/test_layout.py holds every import to it


@dataclass(frozen=True)
class Download:
    path: str  # relative to the site root
    title: str  # an English message: the pages and the engine show it translated
    media_type: str
    render: Callable  # render(dataset, site=Site()) -> str
    # The same text in pieces, for the big files: written as they are made, never held whole.
    in_pieces: Callable | None = None  # in_pieces(dataset, site=Site()) -> Iterable[str]

    def pieces(self, ds, site: Site = Site()) -> Iterable[str]:
        return self.in_pieces(ds, site) if self.in_pieces else (self.render(ds, site),)


# At the site's root, next to sitemap.xml: Material's instant navigation fetches "sitemap.xml" beside every
# <link rel="alternate"> it finds, so a download in a folder of its own would cost each page a 404.
DOWNLOADS = (
    Download(
        "explainer.json", N_("The whole dataset (JSON)"), "application/json", dataset_json.render, dataset_json.pieces
    ),
    Download("statements.csv", N_("Statements (CSV)"), "text/csv", csvs.render_statements),
    Download("timeline.csv", N_("Timeline (CSV)"), "text/csv", csvs.render_timeline),
    Download("actors.csv", N_("Actors (CSV)"), "text/csv", csvs.render_actors),
    Download("sources.csv", N_("Sources (CSV)"), "text/csv", csvs.render_sources),
    Download(
        "sources.csl.json",
        N_("Bibliography (CSL-JSON, for Zotero and pandoc)"),
        "application/vnd.citationstyles.csl+json",
        csl.render,
        csl.pieces,
    ),
    Download("timeline.ics", N_("Timeline (iCalendar)"), "text/calendar", ics.render),
    Download(
        "updates.atom",
        N_("Updates and corrections (Atom feed)"),
        "application/atom+xml",
        lambda ds, site=Site(): atom.render(ds, site, "updates.atom"),
    ),
)
