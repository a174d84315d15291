"""A page's text: its main text (trafilatura, made to find an article among menus and footers) and
all of its visible text (lxml), so that a quote in a pull-quote or an embedded post is found too.
Without trafilatura, lxml's text alone is used.
"""

from __future__ import annotations

import re

from .fetch import Unreadable

# Text a browser never shows; and elements that start a new line, so their words are not run together.
_HIDDEN = ("script", "style", "noscript", "template", "svg", "head")
_BLOCKS = (
    "p",
    "div",
    "li",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "dd",
    "dt",
    "pre",
    "tr",
)
TOO_FEW_WORDS = 20  # a page with scripts and fewer visible words than this is drawn by JavaScript


def visible_text(html: str) -> str:
    import lxml.html  # type: ignore[import-untyped]  # no stubs in the lock
    from lxml import etree

    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for el in list(doc.iter(*_HIDDEN)):
        el.drop_tree()
    for el in doc.iter(*_BLOCKS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    return doc.text_content()


def main_text(html: str) -> str:
    try:
        import trafilatura
    except ImportError:
        return ""
    return trafilatura.extract(html, favor_recall=True, include_comments=False, include_tables=True) or ""


def texts(html: str) -> list[str]:
    """The texts to search, main text first; Unreadable when the page shows its words only through JavaScript."""
    whole = visible_text(html)
    if len(whole.split()) < TOO_FEW_WORDS and re.search(r"<script\b", html, re.I):
        raise Unreadable("the page needs JavaScript to show its text")
    main = main_text(html)
    return [t for t in (main, whole) if t.strip()]
