"""The data blocks a page can show, each declared once: the macro's name, its
template, the extra context it needs and how it describes the page that hosts
it. A new block is one entry here and one template.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..data.dataset import Dataset
from . import chart, groups
from .log import Log


class Explainer(Protocol):
    """What a block reads of the explainer (site.Explainer), named here so blocks need not import site."""

    data: Dataset
    places: Any
    downloads: Sequence
    log: Log

    def timeline_days(self) -> Any: ...


@dataclass(frozen=True)
class Block:
    name: str  # the macro editors write, e.g. {{ timeline() }}
    context: Callable[[Explainer], dict] = lambda ex: {}
    describe: Callable[[Explainer], str] | None = None  # the hosting page's one-line summary

    @property
    def template(self) -> str:
        return f"{self.name}.html.j2"


def _chart(ex: Explainer) -> dict:
    days = ex.timeline_days()
    return {
        "days": days,
        "chart": chart.layout(days, ex.data.statements.values(), ex.data.actors, ex.data.event.timezone),
    }


def _sources(ex: Explainer) -> dict:
    ordered = sorted(ex.data.sources.values(), key=lambda s: (s.published is None, s.published))  # n.d. last
    cited = [s for s in ordered if not s.further_reading]
    return {
        "places": ex.places,
        "cited_sources": cited,
        "groups": groups.by_outlet(cited),
        "further_reading": [s for s in ordered if s.further_reading],
    }


BLOCKS = {
    b.name: b
    for b in (
        Block("title"),
        Block("key_facts"),
        Block("disputes"),
        Block("updates", lambda ex: {"log": ex.log.newest_first()}),
        Block("timeline_intro", lambda ex: {"days": ex.timeline_days()}),
        Block(
            "timeline",
            lambda ex: {"days": ex.timeline_days()},
            lambda ex: f"{ex.data.event.title}: {len(ex.data.timeline)} dated events, each with its sources.",
        ),
        Block("timeline_chart", _chart),
        Block(
            "statements",
            describe=lambda ex: (
                f"{ex.data.event.title}: who said what, {len(ex.data.statements)} statements with their sources."
            ),
        ),
        Block(
            "actors",
            lambda ex: {"groups": groups.by_home_kind(ex.data.actors)},
            lambda ex: f"{ex.data.event.title}: the {len(ex.data.actors)} people and organisations involved.",
        ),
        Block("downloads", lambda ex: {"outputs": ex.downloads}),
        Block(
            "sources",
            _sources,
            lambda ex: f"{ex.data.event.title}: the {len(ex.data.sources)} sources behind every claim.",
        ),
    )
}
