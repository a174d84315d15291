"""Stage 4a: the explainer as pages, independent of MkDocs.

`Explainer.load` reads and checks the data and the prose pages; `page(src)`
gives the view one page renders through: its citations, its data blocks and
its reference list. The MkDocs glue in `adapter.py` and the tests both go
through this, so what is tested is what is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from ..data import kinds, refs, verified
from ..data.dataset import Dataset, read_dataset
from ..data.errors import DataError, Problem, did_you_mean
from . import docscan, fragment, parts
from .blocks import BLOCKS, PAGE_MACROS, PAGE_TEXT
from .cite import Citations
from .i18n import Language, language
from .indexes import Indexes
from .links import anchor, page_url, relative
from .log import Log
from .places import Place, places_of
from .render import Once, Renderer, made_by_code


class Explainer(Indexes):
    # Zensical rewrites every relative link in a page as written from its Markdown source, raw HTML included
    # (MkDocs leaves raw HTML alone), so there links start from the source file and name pages by their .md.
    links_from_sources = False

    def __init__(
        self,
        data: Dataset,
        pages: docscan.Pages,
        directory_urls: bool = True,
        downloads: Sequence = (),
        page_budget: int = parts.PAGE_BUDGET,
    ):
        self.data: Dataset = data
        self.downloads: Sequence = downloads  # what {{ downloads() }} lists: the engine's registry, handed down
        self.pages: docscan.Pages = pages
        self.directory_urls = directory_urls
        self.lang: Language = language(data.event.language)  # every word, date and number follows it
        self.renderer = Renderer(tag=data.event.language)
        self.once = Once(self.renderer.env, event=data.event, data=data)
        self.log: Log = Log(data)
        self._index()
        self.page_budget = page_budget

    @classmethod
    def load(
        cls,
        root: Path,
        docs_dir: Path | None = None,
        directory_urls: bool = True,
        downloads: Sequence = (),
        page_budget: int = parts.PAGE_BUDGET,
    ) -> Explainer:
        """Load and check the data and the pages together; raise DataError with every problem found."""
        reading = read_dataset(root)
        docs_dir = docs_dir or root / "docs"
        label = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else str(docs_dir)
        pages, problems = docscan.scan(docs_dir, label, set(BLOCKS), reading.known.get("source"), set(PAGE_MACROS))
        problems = reading.problems + problems
        # What cites each source is known only when every data file and page could be read.
        if "sources" in reading.files and not reading.unread and not pages.unread:
            problems += refs.uncited(reading.files, {s for info in pages.pages.values() for s in info.cited})
        if problems or reading.dataset is None:
            raise DataError(problems)
        # The pages never point into the data files, so their values and positions go (at 100x the
        # sample, half the memory the data takes).
        data = replace(reading.dataset, files={})
        return cls(data, pages, directory_urls, downloads, page_budget)

    @cached_property
    def plan(self) -> parts.Plan:
        """Which records each page holds: big blocks span several pages (parts.py). Made on first use,
        so `make check` does not pay for it."""
        return parts.plan(self, self.page_budget)

    @cached_property
    def places(self) -> dict[str, list[Place]]:
        return places_of(self)

    def page_title(self, src: str) -> str:
        """A page's heading as its Markdown gives it (a generated part gives its block's host page's);
        `{{ page_title() }}` is the generic page's title in the site's language, any other macro there
        the event's title."""
        part = self.plan.by_src.get(src)
        if part is not None and src not in self.pages.pages:
            src = self.pages.host(part.block) or src
        title = self.pages.pages[src].title
        if "page_title(" in title:
            text = self.page_text(src)
            return self.lang.gettext(text[0]) if text else self.data.event.title
        return self.data.event.title if "{{" in title else title

    def page_text(self, src: str) -> tuple[str, str] | None:
        """(title, intro) of a generic page, as messages: the first block it shows that has them."""
        info = self.pages.pages.get(src)
        return next((PAGE_TEXT[b] for b in (info.blocks if info else ()) if b in PAGE_TEXT), None)

    def blocks_on(self, src: str) -> list[str]:
        """The data blocks a page shows: as docs/ writes them, or a generated part's."""
        info = self.pages.pages.get(src)
        if info is not None:
            return info.blocks
        part = self.plan.by_src.get(src)
        if part is None:
            return []
        host = self.pages.pages[self.pages.hosts[part.block]]
        return [n for n in host.blocks if n == part.block or BLOCKS[n].follows == part.block]

    def part_on(self, src: str, block: str) -> parts.Part | None:
        """The part of a split block that a page shows, or None when the block is whole (or not there)."""
        split = self.plan.parts.get(block)
        if not split:
            return None
        part = self.plan.by_src.get(src)
        if part is not None and part.block == block:
            return part
        return split[0] if src == self.pages.host(block) else None

    @cached_property
    def _beside(self) -> list[list]:
        split = self.plan.parts["timeline"]
        starts = [self.local_day(p.records[0]) for p in split[1:]]
        return parts.beside(starts, self._statements, lambda st: st.date.first_day, self.page_budget)

    def statements_beside(self, part: parts.Part) -> list:
        """The statements a timeline part's chart shows: those dated from its first day to the next
        part's, shared with the parts that start on the same day, within the page budget (parts.beside)."""
        return self._beside[part.number - 1]

    def holder(self, kind: str, record_id: str) -> str | None:
        """The page that shows a record: its block's host, or the part that holds it."""
        block = kinds.BY_NAME[kind].block
        host = self.pages.host(block)
        return None if host is None else self.plan.holder.get((block, record_id), host)

    def page(self, src: str) -> PageView:
        return PageView(self, src)

    def description(self, src: str) -> str:
        """A one-line summary of a page for search engines and link previews."""
        for name in self.blocks_on(src):
            describe = BLOCKS[name].describe
            if describe:
                return describe(self)
        return self.data.event.summary

    def link(self, from_src: str, to_src: str, anchor: str) -> str:
        """A relative link from one page to an anchor on another (or the same) page."""
        url = relative(self.link_base(from_src), self.link_base(to_src))
        return f"{url}#{anchor}"

    def link_base(self, src: str) -> str:
        """Where a page's relative links start from: its URL, or its source file (see links_from_sources)."""
        return src if self.links_from_sources else page_url(src, self.directory_urls)

    def href(self, from_src: str, kind: str, record_id: str) -> str | None:
        """A link from one page to a record's anchor, or None when no page shows it."""
        page = self.holder(kind, record_id)
        return None if page is None else self.link(from_src, page, anchor(kind, record_id))


class PageView:
    """One page being rendered: its citations are numbered in order of use."""

    def __init__(self, explainer: Explainer, src: str):
        self.ex, self.src = explainer, src
        self.citations = Citations()
        self.rendered: list[str] = []  # blocks handed over after Markdown (see `defer`), in page order
        self.defer = False  # set by the engine when a page-content step puts `rendered` in place

    def part(self, block: str) -> parts.Part | None:
        return self.ex.part_on(self.src, block)

    def _context(self) -> dict:
        ex = self.ex
        return {
            "event": ex.data.event,
            "data": ex.data,
            "use_citations": self._use,
            "anchor": lambda *parts: made_by_code(anchor(*parts)),
            "href": lambda kind, rid: made_by_code(ex.href(self.src, kind, rid)),
            "page_href": lambda src, a: made_by_code(ex.link(self.src, src, a)),
            "involving": ex.involving,
            "statements_by": ex.statements_by,
            "related_to": ex.related_to,
            "statements_by_date": ex.statements_by_date,
            "site_href": lambda path: made_by_code(relative(ex.link_base(self.src), path)),
            "part_href": lambda src: made_by_code(relative(ex.link_base(self.src), ex.link_base(src)) or "./"),
            "checked": lambda st: verified.current(ex.data, st),
            "quote_fragment": fragment.for_quote,
            "at_words": fragment.at_words,
            "corrections": self._corrections,
            "once": ex.once,  # a macro's markup for one record, made once per build (render.Once)
        }

    def _corrections(self, kind: str, record_id: str) -> list[dict]:
        """The corrections to note on a record: their dates, and links to them in the log."""
        host = self.ex.pages.host("updates")
        return [
            {"date": e.update.date, "href": host and made_by_code(self.ex.link(self.src, host, e.anchor))}
            for e in self.ex.log.corrections(kind, record_id)
        ]

    def _use(self, ids, quoted=None):
        """Number the citations of `ids`; `quoted` is the statement whose quote they back, if any."""
        for i in ids:  # docscan and the checks catch these first; this guards other callers
            if i not in self.ex.data.sources:
                raise DataError(
                    [
                        Problem(
                            f"docs/{self.src}",
                            1,
                            1,
                            "cite",
                            f"unknown source '{i}'",
                            did_you_mean(i, self.ex.data.sources),
                        )
                    ]
                )
        src = self.ex.data.sources
        marks = (
            self.citations.use(i, quoted.id, fragment.for_quote(quoted, src[i])) if quoted else self.citations.use(i)
            for i in ids
        )
        return sorted(marks, key=lambda m: m.number)  # [1][3], not [3][1]

    def cite(self, *ids: str) -> Markup:
        return Markup(self.ex.renderer.render("cite.html.j2", ids=list(ids), **self._context()))

    def block(self, name: str) -> Markup:
        b = BLOCKS[name]
        part = self.part(b.follows or name)
        html = self.ex.renderer.render(b.template, **b.context(self.ex, part), **self._context())
        if part is not None and b.follows is None:
            parts_of = self.ex.plan.parts[part.block]
            html = self.ex.renderer.render(
                "parts.html.j2", part=part, parts=parts_of, body=Markup(html), **self._context()
            )
        return Markup(html) if b.inline else self._hand_over(html)

    def _hand_over(self, html: str) -> Markup:
        """A block's final HTML, or under `defer` its placeholder: Python-Markdown never sees the block,
        and the engine puts it back after Markdown (engine/deferred.py)."""
        if not self.defer:
            return Markup(html)
        self.rendered.append(html)
        return Markup(self.ex.renderer.render("placeholder.html.j2", number=len(self.rendered) - 1))

    def part_title(self) -> str:
        """The title of a generated part page: its block's page title and the part's place."""
        part = self.ex.plan.by_src[self.src]
        return self.ex.renderer.render("part_title.html.j2", part=part, title=self.ex.page_title(self.src))

    def title(self) -> str:
        """The generic page's title in the site's language (`{{ page_title() }}`)."""
        return self.ex.page_title(self.src) if self.ex.page_text(self.src) else self.ex.data.event.title

    def intro(self) -> Markup:
        """The generic page's introduction in the site's language (`{{ page_intro() }}`)."""
        text = self.ex.page_text(self.src)
        return Markup(self.ex.renderer.render("page_intro.html.j2", intro=text[1] if text else ""))

    def references(self) -> Markup:
        refs = self.citations.references()
        if not refs:
            return Markup("")
        return self._hand_over(self.ex.renderer.render("references.html.j2", references=refs, **self._context()))
