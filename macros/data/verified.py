"""Which recorded checks of a quote (data/verified.yml, written by `make verify-record`) still hold.

A record counts only while the quote's text still has the recorded hash, so an edited quote loses its
reader note at once; check.py warns about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import model


@dataclass(frozen=True)
class Checked:
    """One source a quote was found in, as readers are told."""

    source: model.Source
    url: str  # the address that was read
    publisher: str  # whose text it was: the copy's publisher when the copy was read
    checked: date


def current(ds, st) -> list[Checked]:
    """The recorded checks of a statement's quote that still hold, in the order of its sources."""
    rec = ds.records.get("verification", {}).get(st.id)
    if rec is None or st.quote is None or model.quote_sha256(st.quote) != rec.quote_sha256:
        return []
    out = []
    by_source = {c.source: c for c in rec.sources}
    for sid in st.sources:  # a source the statement no longer cites no longer backs it
        cs, src = by_source.get(sid), ds.sources.get(sid)
        if cs is None or src is None:
            continue
        copy = src.copy_
        publisher = copy.publisher if copy and copy.url == cs.url else src.publisher
        out.append(Checked(src, cs.url, publisher, cs.checked))
    return out
