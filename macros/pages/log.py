"""The updates log as readers see it: each update's anchor in the log, the records it names, and
for each record a correction names, the corrections to note where the record is shown.

The records an update names are ids checked like any other reference (check.log_references),
so each one here is the id of exactly one record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..data import kinds
from ..data.dataset import Dataset


@dataclass(frozen=True)
class Named:
    kind: str
    id: str
    label: str  # what names the record to readers (the kind's gist)


@dataclass(frozen=True)
class Entry:
    update: Any  # model.Update
    anchor: str
    records: tuple[Named, ...]

    @property
    def is_correction(self) -> bool:
        return self.update.kind == kinds.LOG.correction


class Log:
    def __init__(self, data: Dataset):
        known = data.known()
        updates = data.event.updates
        self.entries: list[Entry] = []
        self._corrections: dict[tuple[str, str], list[Entry]] = {}
        for update, anchor in zip(updates, kinds.LOG.anchors(updates), strict=True):
            named = []
            for rid in update.records:
                kind = kinds.kinds_with(rid, known)[0]
                named.append(Named(kind.name, rid, kind.gist_of(data.of(kind)[rid])))
            entry = Entry(update, anchor, tuple(named))
            self.entries.append(entry)
            for n in named if entry.is_correction else ():
                self._corrections.setdefault((n.kind, n.id), []).append(entry)

    def newest_first(self) -> list[Entry]:
        """By date, newest first; updates of one date keep the file's order (the sort is stable)."""
        return sorted(self.entries, key=lambda e: e.update.date, reverse=True)

    def corrections(self, kind: str, record_id: str) -> list[Entry]:
        """The corrections that name a record, oldest first."""
        return sorted(self._corrections.get((kind, record_id), []), key=lambda e: e.update.date)
