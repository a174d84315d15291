"""The data blocks a page can show, each declared once: the macro's name, its
template, the extra context it needs and how it describes the page that hosts
it. A new block is one entry here and one template.

A block's context is given the part of the block the page shows (parts.py), or
None when the block is on one page; `follows` names the split block whose part
another block draws (the chart shows the entries of the timeline's part).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..data.dataset import Dataset
from . import chart, groups
from .log import Log
from .parts import Part


class Explainer(Protocol):
    """What a block reads of the explainer (site.Explainer), named here so blocks need not import site."""

    data: Dataset
    downloads: Sequence
    log: Log

    @property
    def places(self) -> Any: ...

    def timeline_days(self) -> Any: ...
    def days_of(self, entries) -> Any: ...
    def statements_beside(self, part: Part) -> Any: ...
    def statements_by_date(self) -> Any: ...
    def statements_by(self, actor_id: str) -> Any: ...
    def actor_groups(self) -> Any: ...
    def cited_sources(self) -> Any: ...
    def further_reading(self) -> Any: ...


@dataclass(frozen=True)
class Block:
    name: str  # the macro editors write, e.g. {{ timeline() }}
    context: Callable[[Explainer, Part | None], dict] = lambda ex, part: {}
    describe: Callable[[Explainer], str] | None = None  # the hosting page's one-line summary
    follows: str | None = None  # the split block whose part this block shows with it
    inline: bool = False  # text inside a Markdown line (a heading): Markdown must see it, so it is never deferred

    @property
    def template(self) -> str:
        return f"{self.name}.html.j2"


def _days(ex: Explainer, part: Part | None) -> dict:
    return {"days": ex.timeline_days() if part is None else ex.days_of(part.records), "split": part is not None}


def _chart(ex: Explainer, part: Part | None) -> dict:
    days = _days(ex, part)["days"]
    statements = ex.data.statements.values() if part is None else ex.statements_beside(part)
    return {"days": days, "chart": chart.layout(days, statements, ex.data.actors, ex.data.event.timezone)}


def _statements(ex: Explainer, part: Part | None) -> dict:
    ordered = ex.statements_by_date()
    if part is not None:
        held = {st.id for st in part.records}
        ordered = [st for st in ordered if st.id in held]
    shown = {st.id for st in ordered} if part is not None else None
    speakers = [
        (a, theirs)
        for a in ex.data.actors.values()
        if (theirs := [st for st in ex.statements_by(a.id) if shown is None or st.id in shown])
    ]
    return {"ordered": ordered, "speakers": speakers}


def _actors(ex: Explainer, part: Part | None) -> dict:
    if part is None:
        return {"groups": ex.actor_groups()}
    held = {a.id for a in part.records}
    return {"groups": groups.within(ex.actor_groups(), held)}


def _sources(ex: Explainer, part: Part | None) -> dict:
    held = None if part is None else {s.id for s in part.records}
    cited = [s for s in ex.cited_sources() if held is None or s.id in held]
    return {
        "places": ex.places,
        "cited_sources": cited,
        "groups": groups.by_outlet(cited),
        "further_reading": [s for s in ex.further_reading() if held is None or s.id in held],
    }


BLOCKS = {
    b.name: b
    for b in (
        Block("title", inline=True),
        Block("key_facts"),
        Block("disputes"),
        Block("updates", lambda ex, part: {"log": ex.log.newest_first()}),
        Block("timeline_intro", lambda ex, part: {"days": ex.timeline_days()}),
        Block(
            "timeline",
            _days,
            lambda ex: f"{ex.data.event.title}: {len(ex.data.timeline)} dated events, each with its sources.",
        ),
        Block("timeline_chart", _chart, follows="timeline"),
        Block(
            "statements",
            _statements,
            describe=lambda ex: (
                f"{ex.data.event.title}: who said what, {len(ex.data.statements)} statements with their sources."
            ),
        ),
        Block(
            "actors",
            _actors,
            lambda ex: f"{ex.data.event.title}: the {len(ex.data.actors)} people and organisations involved.",
        ),
        Block("downloads", lambda ex, part: {"outputs": ex.downloads}),
        Block(
            "sources",
            _sources,
            lambda ex: f"{ex.data.event.title}: the {len(ex.data.sources)} sources behind every claim.",
        ),
    )
}
