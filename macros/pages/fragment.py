"""Text fragments, so that a quote's citation opens its source at the quoted words.

The syntax is WICG's URL Fragment Text Directives: `#:~:text=[prefix-,]textStart[,textEnd][,-suffix]`.
Each term is percent-encoded like `encodeURIComponent`, and `-`, `,` and `&` always, since they are
the directive's own syntax. A quote gets `textStart` (its first words) and, when it is longer,
`textEnd` (its last words): whole words from one block of text (the part before a line break or an
ellipsis), without the quote's outer punctuation.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote, urlsplit

START_WORDS = END_WORDS = 5  # enough to be unique in an article, short enough to stay in one paragraph
WHOLE_UP_TO = 10  # a quote this short is its own textStart
_SAFE = "!*'()"  # kept raw by encodeURIComponent too; quote() also keeps letters, digits and "_.-~"
_BREAK = re.compile(r"\s*(?:\[\s*)?(?:…|\.\.\.)(?:\s*\])?\s*|\s*\n\s*")  # an ellipsis, or a new paragraph
# Printed one way or another (straight or curly, hyphen or dash): a term holding one may not match the page.
_VARIANTS = frozenset("'‘’‚‛\"“”„‟«»‹›–—―‒‑−")
# Where the words are not text a browser can find: documents and media, by extension, and video sites.
_NOT_PAGES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".jpg", ".jpeg", ".png", ".gif", ".mp3", ".mp4", ".webm")
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com")


def encode_term(term: str) -> str:
    return quote(term, safe=_SAFE).replace("-", "%2D")


def directive(start: str, end: str = "", prefix: str = "", suffix: str = "") -> str:
    """`text=…` for the given terms, each encoded."""
    parts = [encode_term(prefix) + "-"] if prefix else []
    parts += [encode_term(start)] + ([encode_term(end)] if end else [])
    parts += ["-" + encode_term(suffix)] if suffix else []
    return "text=" + ",".join(parts)


def with_fragment(url: str, text_directive: str) -> str:
    """The address with the directive added; an existing #anchor stays in front of it."""
    return url + (":~:" if "#" in url else "#:~:") + text_directive


def terms(text: str) -> tuple[str, str] | None:
    """(textStart, textEnd) for a quote ("" when the start alone covers it), or None when it has no words."""
    part = next((p for p in _BREAK.split(text) if p.strip()), "")
    words = part.split()
    if words:
        words[0] = re.sub(r"^\W+", "", words[0])
        words[-1] = re.sub(r"\W+$", "", words[-1])
    words = [w for w in words if w]
    if not words:
        return None
    clean = [not (set(w) & _VARIANTS) for w in words]
    if len(words) <= WHOLE_UP_TO and all(clean):
        return " ".join(words), ""
    k = 1  # the first word always starts the fragment, even when printed some other way
    while k < min(len(words), START_WORDS) and clean[k]:
        k += 1
    if k == len(words):
        return " ".join(words), ""
    j = len(words) - 1  # the last word always ends it
    while j > k and len(words) - j < END_WORDS and clean[j - 1]:
        j -= 1
    return " ".join(words[:k]), " ".join(words[j:])


def is_web_page(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    return not parts.path.lower().endswith(_NOT_PAGES) and not any(
        host == h or host.endswith("." + h) for h in _VIDEO_HOSTS
    )


def _primary(lang: str) -> str:
    return lang.split("-")[0].lower()


def for_quote(statement, source) -> str:
    """The directive for a statement's quote in one of its sources, or "" when the words are not the
    source's: a paraphrase, or a translation the source did not print (it is in the original's language)."""
    if statement.quote is None:
        return ""
    if statement.translated_from and _primary(statement.translated_from) == _primary(source.language):
        return ""
    return _quote_directive(statement.quote)


@functools.lru_cache(maxsize=1024)  # asked for each of a quote's sources in turn, then by its reference
def _quote_directive(quote: str) -> str:
    found = terms(quote)
    return directive(*found) if found else ""


def at_words(url: str | None, text_directive: str) -> str | None:
    """The address that opens at the words, or None when there is no address, no directive or no web page."""
    if not url or not text_directive or not is_web_page(url):
        return None
    return with_fragment(url, text_directive)
