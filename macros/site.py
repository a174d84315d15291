"""Stage 4a: the explainer as pages, independent of MkDocs.

`Explainer.load` reads and checks the data and the prose pages; `page(src)`
gives the view one page renders through: its citations, its data blocks and
its reference list. The MkDocs glue in `adapter.py` and the tests both go
through this, so what is tested is what is published.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path
from zoneinfo import ZoneInfo

from markupsafe import Markup

from . import chart, docscan
from .cite import Citations
from .dataset import Dataset, load_dataset
from .errors import DataError, Problem, did_you_mean
from .render import Renderer, long_date

BLOCKS = ("key_facts", "disputes", "updates", "timeline", "timeline_chart", "statements", "actors", "sources")
# Where each kind of record is shown, and the prefix of its anchor.
ANCHORS = {"fact": "key_facts", "dispute": "disputes", "entry": "timeline", "statement": "statements",
           "actor": "actors", "source": "sources"}
PREFIX = {"fact": "fact-", "dispute": "d-", "entry": "t-", "statement": "s-", "actor": "a-", "source": "src-"}


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page, relative to the site root."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    if from_url == to_url:
        return ""
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    target_dir, target_file = posixpath.split(to_url)
    rel = posixpath.relpath(target_dir or ".", base or ".")
    rel = "" if rel == "." else rel + "/"
    return rel + target_file if target_file else (rel or "./")


@dataclass(frozen=True)
class Place:
    page: str  # src path of the page
    anchor: str
    label: str


class Explainer:
    def __init__(self, data: Dataset, pages: docscan.Pages, directory_urls: bool = True):
        self.data, self.pages, self.directory_urls = data, pages, directory_urls
        self.renderer = Renderer()
        self.places = self._places()

    @classmethod
    def load(cls, root: Path, docs_dir: Path | None = None, directory_urls: bool = True,
             known_names: set[str] = frozenset()) -> "Explainer":
        """Load and check everything; raise DataError with every problem found."""
        data = load_dataset(root)
        docs_dir = docs_dir or root / "docs"
        label = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else str(docs_dir)
        pages, problems = docscan.scan(docs_dir, label, set(BLOCKS), set(data.sources), set(known_names))
        if problems:
            raise DataError(problems)
        return cls(data, pages, directory_urls)

    def page(self, src: str) -> "PageView":
        return PageView(self, src)

    def description(self, src: str) -> str:
        """A one-line summary of a page for search engines and link previews."""
        ev, info = self.data.event, self.pages.pages.get(src)
        blocks = set(info.blocks) if info else set()
        if "timeline" in blocks:
            return f"{ev.title}: {len(self.data.timeline)} dated events, each with its sources."
        if "statements" in blocks:
            return f"{ev.title}: who said what, {len(self.data.statements)} statements with their sources."
        if "actors" in blocks:
            return f"{ev.title}: the {len(self.data.actors)} people and organisations involved."
        if "sources" in blocks:
            return f"{ev.title}: the {len(self.data.sources)} sources behind every claim."
        return ev.summary

    def link(self, from_src: str, to_src: str, anchor: str) -> str:
        """A relative link from one page to an anchor on another (or the same) page."""
        url = relative(page_url(from_src, self.directory_urls), page_url(to_src, self.directory_urls))
        return f"{url}#{anchor}"

    def href(self, from_src: str, kind: str, record_id: str) -> str | None:
        """A link from one page to a record's anchor, or None when no page shows it."""
        host = self.pages.host(ANCHORS[kind])
        return None if host is None else self.link(from_src, host, PREFIX[kind] + record_id)

    def _places(self) -> dict[str, list[Place]]:
        """Every place that cites each source, for the sources page's back-links."""
        out: dict[str, list[Place]] = {s: [] for s in self.data.sources}
        titles = {src: info.title for src, info in self.pages.pages.items()}

        def add(kind: str, record_id: str, text: str, ids):
            host = self.pages.host(ANCHORS[kind])
            if host is not None:
                for s in dict.fromkeys(ids):
                    out[s].append(Place(host, PREFIX[kind] + record_id, f"{titles[host]}: {text}"))

        for src, info in self.pages.pages.items():
            for s in dict.fromkeys(info.cited):
                out[s].append(Place(src, f"ref-{s}", f"{info.title}: main text"))
        ev, data = self.data.event, self.data
        for n, fact in enumerate(ev.key_facts, 1):
            add("fact", fact.id, f"key fact {n}", fact.sources)
        for d in ev.disputes:
            add("dispute", d.id, d.question, [s for side in d.sides for s in side.sources])
        for e in self.timeline():
            add("entry", e.id, f"{long_date(e.start.day)}, {e.title}", e.sources)
        for st in data.statements.values():
            add("statement", st.id, f"{data.actors[st.actor].name}, {long_date(st.date, st.date_precision)}",
                st.sources)
        for a in data.actors.values():
            add("actor", a.id, a.name, a.sources)
        return out

    def local_day(self, entry) -> date:
        """The day an entry falls on in the event's time zone."""
        at = entry.start.at
        return at.astimezone(ZoneInfo(self.data.event.timezone)).date() if at else entry.start.day

    def timeline(self):
        """Entries in reading order: by local day, whole-day entries before timed ones."""
        order = {entry_id: n for n, entry_id in enumerate(self.data.timeline)}  # the file's order breaks ties
        return sorted(self.data.timeline.values(),
                      key=lambda e: (self.local_day(e), e.start.at is not None, e.start.utc_sort, order[e.id]))

    def statements_by_date(self):
        """Statements in date order; the file's order breaks ties, as on the timeline."""
        return sorted(self.data.statements.values(), key=lambda s: s.date)  # sorted() is stable

    def related_to(self, statement_id: str):
        """Statements that name this one in their `related` list, with how they relate."""
        return [(rel.relation, st) for st in self.statements_by_date()
                for rel in st.related if rel.statement == statement_id]

    def involving(self, actor_id: str):
        """An actor's statements and timeline entries, each in date order."""
        said = [s for s in self.statements_by_date() if s.actor == actor_id]
        return said, [e for e in self.timeline() if actor_id in e.actors]

    def timeline_days(self):
        return [(day, list(group)) for day, group in groupby(self.timeline(), key=self.local_day)]


class PageView:
    """One page being rendered: its citations are numbered in order of use."""

    def __init__(self, explainer: Explainer, src: str):
        self.ex, self.src = explainer, src
        self.citations = Citations()

    def _context(self) -> dict:
        ex = self.ex
        return {"event": ex.data.event, "data": ex.data, "use_citations": self._use,
                "href": lambda kind, rid: ex.href(self.src, kind, rid),
                "page_href": lambda src, anchor: ex.link(self.src, src, anchor), "involving": ex.involving,
                "related_to": ex.related_to, "statements_by_date": ex.statements_by_date}

    def _use(self, ids):
        for i in ids:  # docscan and the checks catch these first; this guards other callers
            if i not in self.ex.data.sources:
                raise DataError([Problem(f"docs/{self.src}", 1, 1, "cite", f"unknown source '{i}'",
                                         did_you_mean(i, self.ex.data.sources))])
        return sorted((self.citations.use(i) for i in ids), key=lambda m: m.number)  # [1][3], not [3][1]

    def cite(self, *ids: str) -> Markup:
        return Markup(self.ex.renderer.render("cite.html.j2", ids=list(ids), **self._context()))

    def block(self, name: str) -> Markup:
        extra = {}
        if name in ("timeline", "timeline_chart"):
            extra["days"] = self.ex.timeline_days()
        if name == "timeline_chart":
            extra["chart"] = chart.layout(extra["days"], self.ex.data.statements.values(), self.ex.data.actors,
                                          self.ex.data.event.timezone)
        if name == "sources":
            extra["places"] = self.ex.places
        return Markup(self.ex.renderer.render(f"{name}.html.j2", **extra, **self._context()))

    def references(self) -> Markup:
        refs = self.citations.references()
        if not refs:
            return Markup("")
        return Markup(self.ex.renderer.render("references.html.j2", references=refs, **self._context()))
