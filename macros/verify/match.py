"""Finding a quote in a page's text, and the verdict.

Both sides are normalised the same way: Unicode NFKC; curly and straight quotes and apostrophes
alike; every dash alike; invisible formatting characters (soft hyphens, zero-width spaces) dropped;
runs of whitespace, line breaks included, as one space. Letters and words are then compared
exactly, case included, at word boundaries. An ellipsis (`…`, `...`, `[…]`) stands for a gap: the
parts must appear in order, each within GAP characters of the one before.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

GAP = 2000  # characters between the parts of an ellipsis quote: an editor's cut, not another article
CLOSE_ENOUGH = 0.6  # share of the quote's words a passage must have in order to be "the closest passage"
CONTEXT_WORDS = 3  # unchanged words kept on each side of a difference in the report

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»‹›"})
_DASH = re.compile(r"\s*[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D-]\s*")
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\[\s*)?\.\.\.(?:\s*\])?\s*")  # after NFKC, "…" is "..."


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").translate(_QUOTES)
    return _SPACE.sub(" ", _DASH.sub(" - ", text)).strip()


@dataclass(frozen=True)
class Verdict:
    kind: str  # "verbatim" | "differs" | "not found" | "unreadable"
    passage: str = ""  # differs: the closest passage of the source
    diff: str = ""  # differs: the quote word by word, [-only in the quote-] {+only in the source+}
    reason: str = ""  # unreadable: why


def _pattern(part: str) -> re.Pattern:
    """The part at word boundaries: "ban" is not found inside "banned"."""
    head = r"(?<!\w)" if re.match(r"\w", part) else ""
    tail = r"(?!\w)" if re.search(r"\w$", part) else ""
    return re.compile(head + re.escape(part) + tail)


def find(quote: str, text: str) -> bool:
    """Whether the quote is in the text, each part of an ellipsis quote after and close to the one before."""
    parts = [p for p in _ELLIPSIS.split(normalise(quote)) if p]
    page = normalise(text)
    for start in (m.start() for m in _pattern(parts[0]).finditer(page)) if parts else ():
        at, ok = start + len(parts[0]), True
        for part in parts[1:]:
            found = _pattern(part).search(page, at, min(len(page), at + GAP + len(part)))
            if not found:
                ok = False
                break
            at = found.end()
        if ok:
            return True
    return False


def _key(word: str) -> str:
    """A word as aligned: without the punctuation around it, so "Monday," lines up with "Monday"."""
    return word.strip(".,;:!?\"'()[]") or word


def closest(quote: str, text: str) -> tuple[str, str] | None:
    """The passage of the text most like the quote, and the word diff from quote to passage; None when
    no passage shares enough of the quote's words in order. Linear in the page: a window the quote's
    length slides over the page, counting the quote's words, and only the best window is aligned."""
    want = [w for w in _ELLIPSIS.sub(" ", normalise(quote)).split() if w]
    words = normalise(text).split()
    if not want or not words:
        return None
    keys = [_key(w) for w in want]
    vocabulary, m = set(keys), len(want)
    hits = [_key(w) in vocabulary for w in words]
    best = score = sum(hits[:m])
    best_at = 0
    for i in range(1, max(1, len(words) - m + 1)):
        score += hits[i + m - 1] - hits[i - 1]
        if score > best:
            best, best_at = score, i
    lo, hi = max(0, best_at - m // 2), min(len(words), best_at + m + m // 2)
    window = words[lo:hi]
    aligned = difflib.SequenceMatcher(None, keys, [_key(w) for w in window], autojunk=False)
    blocks = [b for b in aligned.get_matching_blocks() if b.size]
    if not blocks:
        return None
    passage = window[blocks[0].b : blocks[-1].b + blocks[-1].size]

    # Inside, a changed comma is a difference; at the edges it is only where the quote was cut.
    def edges(ws: list[str]) -> list[str]:
        return [_key(w) if i in (0, len(ws) - 1) else w for i, w in enumerate(ws)]

    matcher = difflib.SequenceMatcher(None, edges(want), edges(passage), autojunk=False)
    if sum(b.size for b in aligned.get_matching_blocks()) < CLOSE_ENOUGH * m:
        return None
    return " ".join(passage), _word_diff(matcher, want, passage)


def _word_diff(matcher: difflib.SequenceMatcher, a: list[str], b: list[str]) -> str:
    out: list[str] = []
    ops = matcher.get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            same = a[i1:i2]
            keep_head = n > 0  # words after a change
            keep_tail = n < len(ops) - 1  # words before the next change
            if len(same) > 2 * CONTEXT_WORDS and keep_head and keep_tail:
                same = same[:CONTEXT_WORDS] + ["…"] + same[-CONTEXT_WORDS:]
            elif len(same) > CONTEXT_WORDS:
                same = (same[:CONTEXT_WORDS] + ["…"]) if keep_head else (["…"] + same[-CONTEXT_WORDS:])
            out += same
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def verdict(quote: str, texts: list[str]) -> Verdict:
    """The quote against a page's texts (its main text, then all of it): verbatim in any, else the
    closest passage of any, else not found."""
    if any(find(quote, t) for t in texts):
        return Verdict("verbatim")
    for t in texts:
        near = closest(quote, t)
        if near:
            return Verdict("differs", passage=near[0], diff=near[1])
    return Verdict("not found")
