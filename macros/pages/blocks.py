"""The data blocks a page can show, each declared once: the macro's name, its
template, the extra context it needs and how it describes the page that hosts
it. A new block is one entry here and one template.

The generic pages (timeline, statements, actors, sources) take their title and
introduction from the catalog, keyed by the block that makes them that page:
`# {{ page_title() }}` and `{{ page_intro() }}` in docs/. Descriptions are in the
site's language too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..data.dataset import Dataset
from . import chart, groups
from .i18n import N_, Language
from .mirror import mirror


class Explainer(Protocol):
    """What a block reads of the explainer (site.Explainer), named here so blocks need not import site."""

    data: Dataset
    places: Any
    downloads: Sequence
    lang: Language

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
    laid = chart.layout(days, ex.data.statements.values(), ex.data.actors, ex.data.event.timezone, ex.lang.month_label)
    return {"days": days, "chart": mirror(laid) if laid and ex.lang.rtl else laid}  # time runs as the text reads


def _sources(ex: Explainer) -> dict:
    ordered = sorted(ex.data.sources.values(), key=lambda s: (s.published is None, s.published))  # n.d. last
    cited = [s for s in ordered if not s.further_reading]
    return {
        "places": ex.places,
        "cited_sources": cited,
        "groups": groups.by_outlet(cited),
        "further_reading": [s for s in ordered if s.further_reading],
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
        Block("title"),
        Block("key_facts"),
        Block("disputes"),
        Block("updates"),
        Block("timeline_intro", lambda ex: {"days": ex.timeline_days()}),
        Block(
            "timeline",
            lambda ex: {"days": ex.timeline_days(), "total": len(ex.data.timeline)},
            _counted(
                "%(title)s: %(num)s dated event, with its sources.",
                "%(title)s: %(num)s dated events, each with its sources.",
                lambda ex: len(ex.data.timeline),
            ),
        ),
        Block("timeline_chart", _chart),
        Block(
            "statements",
            describe=_counted(
                "%(title)s: who said what, %(num)s statement with its sources.",
                "%(title)s: who said what, %(num)s statements with their sources.",
                lambda ex: len(ex.data.statements),
            ),
        ),
        Block(
            "actors",
            lambda ex: {"groups": groups.by_home_kind(ex.data.actors)},
            _counted(
                "%(title)s: the %(num)s person or organisation involved.",
                "%(title)s: the %(num)s people and organisations involved.",
                lambda ex: len(ex.data.actors),
            ),
        ),
        Block("downloads", lambda ex: {"outputs": ex.downloads}),
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
