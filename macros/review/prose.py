"""The citations in docs/, sentence by sentence, and how two versions of the pages differ.

A citation is a `{{ cite("id", …) }}` call; the sentence it backs is the text
before it, back to the previous citation, the start of the paragraph or the end
of the sentence before. The pages are parsed here (never rendered), so this
stage needs nothing from page rendering.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# The end of a sentence in any script that marks it: . ! ? … and the full-width and Arabic marks.
_SENTENCE_END = re.compile(r"(?<=[.!?…。！？؟।])[\"'”’»)\]]*\s+")
_MARKUP = re.compile(r"[#>*_`]+|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Cited:
    sentence: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CitationChange:
    page: str  # docs/index.md
    sentence: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


def _cited_ids(chunk: str) -> tuple[str, ...] | None:
    """The source ids of a `{{ cite(…) }}` chunk, or None for any other macro (or a broken one)."""
    try:
        tree = jinja2.Environment().parse(chunk)
    except jinja2.TemplateSyntaxError:
        return None
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "cite":
            return tuple(a.value for a in call.args if isinstance(a, nodes.Const) and isinstance(a.value, str))
    return None


def _last_sentence(text: str) -> str:
    paragraph = re.split(r"\n\s*\n", text)[-1]
    plain = " ".join(_MARKUP.sub(lambda m: m[1] or "", paragraph).split())
    parts = [p for p in _SENTENCE_END.split(plain) if p.strip()]
    return parts[-1].strip() if parts else ""


def citations(text: str) -> list[Cited]:
    """Each citation of a page in order, with the sentence it backs."""
    out: list[Cited] = []
    start = 0
    for m in _MACRO.finditer(text):
        ids = _cited_ids(m[0])
        if ids is None:
            continue
        out.append(Cited(_last_sentence(_MACRO.sub(" ", text[start : m.start()])), ids))
        start = m.end()
    return out


def read_pages(root: Path) -> dict[str, list[Cited]]:
    docs = root / "docs"
    pages = {}
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the check reports an unreadable page; there is nothing to compare in it
        pages[f"docs/{path.relative_to(docs).as_posix()}"] = citations(text)
    return pages


def compare(base: dict[str, list[Cited]], now: dict[str, list[Cited]]) -> list[CitationChange]:
    """Sentences whose citations were added or dropped, page by page. Sentences are matched by their
    words, so a reworded sentence that keeps its sources is not reported."""
    out = []
    for page in sorted(set(base) | set(now)):
        old, new = base.get(page, []), now.get(page, [])
        matcher = difflib.SequenceMatcher(None, [c.sentence for c in old], [c.sentence for c in new], autojunk=False)
        for _, i1, i2, j1, j2 in matcher.get_opcodes():
            pairs: list[tuple[Cited | None, Cited | None]]
            if i2 - i1 == j2 - j1:  # the same sentences, or as many reworded: compare them in order
                pairs = list(zip(old[i1:i2], new[j1:j2], strict=True))
            else:
                pairs = [(c, None) for c in old[i1:i2]] + [(None, c) for c in new[j1:j2]]
            for a, b in pairs:
                before, after = a.sources if a else (), b.sources if b else ()
                added = tuple(s for s in dict.fromkeys(after) if s not in before)
                removed = tuple(s for s in dict.fromkeys(before) if s not in after)
                if added or removed:
                    shown = b or a
                    out.append(CitationChange(page, shown.sentence if shown else "", added, removed))
    return out
