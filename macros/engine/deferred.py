"""Data blocks skip the Markdown pass: their HTML is final when Jinja renders it.

Under MkDocs, a page's blocks are kept aside while it renders (`PageView.defer`)
and the page's Markdown holds a one-line placeholder for each
(templates/placeholder.html.j2), so Python-Markdown never parses the megabytes
of a big block. After Markdown, `on_page_content` (hooks.py) puts a text-only
copy in each place for the search index, which would otherwise parse all the
markup again, and keeps the full page aside, compressed (`kept`);
`on_page_context`, after the search plugin has read the page, puts it there.
Zensical runs no hooks, so there the blocks go through Markdown as raw HTML,
as before: the pages come out the same.
"""

from __future__ import annotations

import re
import zlib

_PLACE = re.compile(r"<!-- explainer-block (\d+) -->")
# Every tag but a heading's: the search index splits a page into sections at headings with an id,
# and needs only the text between them.
_NOT_HEADING = re.compile(r"<(?!/?h[1-6][\s>])[^>]*>")
_SPACES = re.compile(r"\s{2,}")  # what the tags leave between words: the index, and its download, need one


def put_back(html: str, blocks: list[str]) -> str:
    """The page's HTML with every placeholder replaced by its block; each block must be placed once."""
    placed: list[int] = []

    def one(m: re.Match) -> str:
        placed.append(int(m.group(1)))
        return blocks[int(m.group(1))]

    out = _PLACE.sub(one, html)
    if sorted(placed) != list(range(len(blocks))):  # Markdown ate or copied one: never publish a page without it
        raise RuntimeError(f"data blocks {sorted(set(range(len(blocks))) ^ set(placed))} were not placed once")
    return out


def text_only(blocks: list[str]) -> list[str]:
    """The blocks as the search index needs them: headings and text, no other markup."""
    return [_SPACES.sub(" ", _NOT_HEADING.sub(" ", b)) for b in blocks]


def kept(html: str) -> bytes:
    """A page's full HTML as it waits for its template, compressed: MkDocs makes every page before it
    renders any, and at 100x the sample the pages held would weigh over 50 MB."""
    return zlib.compress(html.encode("utf-8"), 1)


def unkept(kept_html: bytes) -> str:
    return zlib.decompress(kept_html).decode("utf-8")
