"""Per-page citation numbering, like Wikipedia's.

Sources are numbered in the order a page first cites them; citing a source
again reuses its number. Each use gets its own anchor so the reference list
can link back to every place that cited it, lettered a, b, c as Wikipedia does
(letters, so the back-links never read as reference numbers). A use after a quote
also records the text directive that opens the source at the quoted words, so the
reference can link each quote to its own words while the source keeps one number.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def marker_id(source_id: str, use: int) -> str:
    return f"cite-{source_id}-{use}"


def reference_id(source_id: str) -> str:
    return f"ref-{source_id}"


def letter(n: int) -> str:
    """The letter of the n-th use (from 1): a … z, then aa, ab … as spreadsheet columns count."""
    if n < 1:
        raise ValueError("uses are counted from 1")
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


@dataclass(frozen=True)
class Use:
    letter: str
    anchor: str  # the marker's id


@dataclass(frozen=True)
class Marker:
    number: int
    source_id: str
    anchor: str  # this use's id
    target: str  # the reference's id


@dataclass
class Reference:
    number: int
    source_id: str
    anchor: str
    uses: list[str] = field(default_factory=list)  # marker ids, in page order
    quoted: list[tuple[str, str]] = field(default_factory=list)  # (statement id, text directive), in page order

    @property
    def backlinks(self) -> list[Use]:
        """Each use with its letter, for the reference list's back-links."""
        return [Use(letter(n), anchor) for n, anchor in enumerate(self.uses, 1)]


class Citations:
    """The citations of one page, in the order they are made."""

    def __init__(self) -> None:
        self._refs: dict[str, Reference] = {}

    def use(self, source_id: str, statement_id: str = "", text_directive: str = "") -> Marker:
        """One citation of the source; after a quote, `statement_id` and its `text_directive` (fragment.py)."""
        ref = self._refs.get(source_id)
        if ref is None:
            ref = self._refs[source_id] = Reference(len(self._refs) + 1, source_id, reference_id(source_id))
        anchor = marker_id(source_id, len(ref.uses) + 1)
        ref.uses.append(anchor)
        if text_directive and (statement_id, text_directive) not in ref.quoted:
            ref.quoted.append((statement_id, text_directive))
        return Marker(ref.number, source_id, anchor, ref.anchor)

    def references(self) -> list[Reference]:
        return sorted(self._refs.values(), key=lambda r: r.number)
