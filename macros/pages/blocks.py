"""The data blocks a page can show, each declared once: the macro's name, its
template, the extra context it needs and how it describes the page that hosts
it. A new block is one entry here and one template.

The generic pages (timeline, statements, actors, sources) take their title and
introduction from the catalog, keyed by the block that makes them that page:
`# {{ page_title() }}` and `{{ page_intro() }}` in docs/. Descriptions are in the
site's language too.

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
from .i18n import N_, Language
from .log import Log
from .mirror import mirror
from .parts import Part


class Explainer(Protocol):
    """What a block reads of the explainer (site.Explainer), named here so blocks need not import site."""

    data: Dataset
    downloads: Sequence
    lang: Language
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
    days = ex.timeline_days() if part is None else ex.days_of(part.records)
    # total: the entries on this page, which the filters' status line counts (its plural form follows it)
    return {"days": days, "split": part is not None, "total": sum(len(entries) for _, entries in days)}


def _chart(ex: Explainer, part: Part | None) -> dict:
    days = _days(ex, part)["days"]
    statements = ex.data.statements.values() if part is None else ex.statements_beside(part)
    laid = chart.layout(days, statements, ex.data.actors, ex.data.event.timezone, ex.lang.month_label)
    return {"days": days, "chart": mirror(laid) if laid and ex.lang.rtl else laid}  # time runs as the text reads


def _statements(ex: Explainer, part: Part | None) -> dict:
    ordered = ex.statements_by_date()
    if part is not None:
        held = {st.id for st in part.records}
        ordered = [st for st in ordered if st.id in held]
    theirs: dict[str, list] = {}  # each speaker's, by date as `ordered` is: the page's alone, in one pass
    for st in ordered:
        theirs.setdefault(st.actor, []).append(st)
    speakers = [(a, theirs[a.id]) for a in ex.data.actors.values() if a.id in theirs]
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


def _counted(singular: str, plural: str, count: Callable[[Explainer], int]) -> Callable[[Explainer], str]:
    """A description with the event's title and a count, in the site's language."""

    def describe(ex: Explainer) -> str:
        n = count(ex)
        return ex.lang.ngettext(singular, plural, n) % {"title": ex.data.event.title, "num": ex.lang.number(n)}

    return describe


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
            _counted(
                "%(title)s: %(num)s dated event, with its sources.",
                "%(title)s: %(num)s dated events, each with its sources.",
                lambda ex: len(ex.data.timeline),
            ),
        ),
        Block("timeline_chart", _chart, follows="timeline"),
        Block(
            "statements",
            _statements,
            describe=_counted(
                "%(title)s: who said what, %(num)s statement with its sources.",
                "%(title)s: who said what, %(num)s statements with their sources.",
                lambda ex: len(ex.data.statements),
            ),
        ),
        Block(
            "actors",
            _actors,
            _counted(
                "%(title)s: the %(num)s person or organisation involved.",
                "%(title)s: the %(num)s people and organisations involved.",
                lambda ex: len(ex.data.actors),
            ),
        ),
        Block("downloads", lambda ex, part: {"outputs": ex.downloads}),
        Block(
            "sources",
            _sources,
            _counted(
                "%(title)s: the %(num)s source behind every claim.",
                "%(title)s: the %(num)s sources behind every claim.",
                lambda ex: len(ex.data.sources),
            ),
        ),
    )
}

# The macros of the generic pages' heading and introduction; they may appear on any page.
PAGE_MACROS = ("page_title", "page_intro")
# The generic pages' (title, introduction), by the block that makes a page that page.
PAGE_TEXT = {
    "timeline": (
        N_("Timeline"),
        N_(
            "Every dated entry of this explainer, each with its sources. The overview chart shows who acted when; "
            "the list below it gives the details."
        ),
    ),
    "statements": (
        N_("Who said what"),
        N_(
            "What the people and organisations in this explainer said, grouped by speaker and then listed in order "
            "of date. Quotations are given exactly as they appear in the cited source that prints them; a translated "
            "quotation is marked with the language it was translated from, and anything that is not an exact "
            "quotation is shown as a paraphrase."
        ),
    ),
    "actors": (
        N_("Actors"),
        N_(
            "The people, companies, state bodies and organisations that appear in this explainer, with the sources "
            "that describe their role."
        ),
    ),
    "sources": (
        N_("Sources"),
        N_(
            "Every source used on this site is listed below, with the pages where it is cited. Where a source was "
            "read through a syndicated copy or a mirror, that copy is named as such. Where the address of the "
            "original page was not seen, no address is given and the entry says so plainly; no address has been "
            "guessed."
        ),
    ),
}
