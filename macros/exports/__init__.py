"""Machine-readable outputs of the dataset: pure functions from a loaded `Dataset` (and a `Site`,
what is known about where the site lives) to the text of a file. Nothing here reads the clock,
the environment or the disk, so every output is byte-identical across builds.

`DOWNLOADS` lists the files a build writes next to the pages; each module's docstring describes
its format. `jsonld` builds the schema.org graph embedded in each page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import atom, csl, csvs, dataset_json, ics
from .common import Site  # noqa: F401  (the callers' way in)


@dataclass(frozen=True)
class Download:
    path: str  # relative to the site root
    media_type: str
    title: str
    render: Callable  # render(dataset, site) -> str


DOWNLOADS = (
    Download("downloads/dataset.json", "application/json", "The whole dataset (JSON)", dataset_json.render),
    Download("downloads/statements.csv", "text/csv", "Statements (CSV)", csvs.render_statements),
    Download("downloads/timeline.csv", "text/csv", "Timeline (CSV)", csvs.render_timeline),
    Download("downloads/actors.csv", "text/csv", "Actors (CSV)", csvs.render_actors),
    Download("downloads/sources.csv", "text/csv", "Sources (CSV)", csvs.render_sources),
    Download("downloads/sources.csl.json", "application/vnd.citationstyles.csl+json",
             "Bibliography (CSL-JSON, for Zotero and pandoc)", csl.render),
    Download("downloads/timeline.ics", "text/calendar", "Timeline (iCalendar)", ics.render),
    Download("downloads/updates.atom", "application/atom+xml", "Updates and corrections (Atom feed)",
             lambda ds, site=Site(): atom.render(ds, site, "downloads/updates.atom")),
)
