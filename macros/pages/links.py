"""Where records and pages are, as links: a record's anchor, a page's URL, and one URL relative to another."""

from __future__ import annotations

import posixpath
from functools import cache

from ..data import kinds


def anchor(kind: str, record_id: str, part: str = "") -> str:
    """A record's anchor on the page that shows it; `part` names a piece of it (its heading, say).
    Ids never contain '_', so `a-x_name` cannot be the anchor of another record such as `x-name`."""
    return kinds.BY_NAME[kind].anchor(record_id) + (f"_{part}" if part else "")


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page, relative to the site root."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@cache  # thousands of links per page, between a few dozen addresses
def relative(from_url: str, to_url: str) -> str:
    if from_url == to_url:
        return ""
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    target_dir, target_file = posixpath.split(to_url)
    rel = posixpath.relpath(target_dir or ".", base or ".")
    rel = "" if rel == "." else rel + "/"
    return rel + target_file if target_file else (rel or "./")
