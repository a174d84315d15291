"""The records of two datasets compared, kind by kind, from the declarations alone.

A record is flattened into its fields as editors write them (`copy.url`,
`sides[1].claim`), walking the model, so a field added to model.py is compared
without a line here. kinds.py says which fields refer to other kinds (so a
rename or a removed source does not show again in every record that cites it)
and which changes alter the story.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel

from ..data import kinds
from ..data.dataset import Dataset
from ..data.dates import PartialDate

Path_ = tuple  # ("sides", 1, "claim")


@dataclass
class FieldChange:
    path: Path_
    old: Any  # text, a tuple of ids or words, or None when not given
    new: Any
    story: bool  # kinds.py says a change here alters the story

    @property
    def name(self) -> str:
        return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path).lstrip(".")


@dataclass
class RecordChange:
    kind: kinds.Kind
    id: str
    how: str  # added | removed | renamed | changed
    gist: str
    old_id: str = ""  # for a rename
    fields: list[FieldChange] = field(default_factory=list)
    lost_sources: tuple[str, ...] = ()  # none of the sources it rested on remain
    used_by: list[str] = field(default_factory=list)  # for a removed record: who referred to it at BASE

    @property
    def alters_story(self) -> bool:
        if self.how == "removed":
            return self.kind.removal_alters_story
        return bool(self.lost_sources) or any(f.story for f in self.fields)


def _leaf(value: Any) -> Any:
    if isinstance(value, (date, PartialDate)):
        return value.isoformat()
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    return str(value)  # a moment, as written: 2022-03-14T00:00+03:00


def flatten(record: BaseModel, skip: frozenset[str] = frozenset(), at: Path_ = ()) -> dict[Path_, Any]:
    """Every field that has a value, by its path; a list of plain values is one field (a tuple)."""
    out: dict[Path_, Any] = {}
    for name, info in type(record).model_fields.items():
        key = info.alias or name
        if key in skip:
            continue
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            out.update(flatten(value, at=at + (key,)))
        elif isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
            for i, item in enumerate(value):
                out.update(flatten(item, at=at + (key, i)))
        elif isinstance(value, (list, tuple)):
            if value:
                out[at + (key,)] = tuple(_leaf(v) for v in value)
        elif isinstance(value, dict):
            out.update({at + (key, k): _leaf(v) for k, v in value.items()})
        elif value is not None:
            out[at + (key,)] = _leaf(value)
    return out


def matches(pattern: tuple, path: Path_, whole_list: bool = False) -> bool:
    """Whether a declared path ("*" for any item) names this field; `whole_list`: a trailing "*"
    also names the list of plain values it stands in (("sources", "*") names ("sources",))."""
    if whole_list and pattern and pattern[-1] == "*" and len(pattern) == len(path) + 1:
        pattern = pattern[:-1]
    return len(pattern) == len(path) and all(p == "*" or p == q for p, q in zip(pattern, path, strict=True))


def _refs(kind: kinds.Kind, path: Path_) -> str | None:
    """The kind a field refers to, if it is a reference."""
    return next((r.kind for r in kind.refs if matches(r.path, path, whole_list=True)), None)


@dataclass
class Moves:
    """What happened to each id between the two datasets: renames, and removals, per kind."""

    renamed: dict[str, dict[str, str]]  # kind -> old id -> new id
    removed: dict[str, set[str]]

    def map(self, kind: str, value: Any, drop_removed: bool) -> Any:
        """A reference as it would read now if only the renames (and removals) had happened."""
        if isinstance(value, tuple):
            mapped = (self.map(kind, v, drop_removed) for v in value)
            return tuple(v for v in mapped if v is not None)
        if drop_removed and value in self.removed.get(kind, ()):
            return None
        return self.renamed.get(kind, {}).get(value, value)


def _moves(base: Dataset, now: Dataset) -> Moves:
    renamed: dict[str, dict[str, str]] = {}
    removed: dict[str, set[str]] = {}
    for kind in kinds.KINDS:
        old, new = base.of(kind), now.of(kind)
        added = {i: flatten(new[i], frozenset({"id"})) for i in new if i not in old}
        pairs: dict[str, str] = {}
        for i in (i for i in old if i not in new):
            content = flatten(old[i], frozenset({"id"}))
            same = next((a for a, c in added.items() if c == content and a not in pairs.values()), None)
            if same is not None:
                pairs[i] = same
        renamed[kind.name] = pairs
        removed[kind.name] = {i for i in old if i not in new and i not in pairs}
    return Moves(renamed, removed)


def _fields(kind: kinds.Kind, old: BaseModel, new: BaseModel, moves: Moves) -> list[FieldChange]:
    before, after = flatten(old, frozenset({"id"})), flatten(new, frozenset({"id"}))
    for path, value in before.items():
        target = _refs(kind, path)
        if target is not None:
            before[path] = moves.map(target, value, drop_removed=True) or None
    changes = []
    for path in dict.fromkeys([*after, *before]):  # in the order the model declares the fields
        a, b = before.get(path), after.get(path)
        if a != b:
            story = any(matches(p, path) for p in kind.story)
            changes.append(FieldChange(path, a, b, story))
    return changes


def _sources(kind: kinds.Kind, record: BaseModel) -> set[str]:
    flat = flatten(record)
    found: set[str] = set()
    for path, value in flat.items():
        if _refs(kind, path) == "source":
            found.update(value if isinstance(value, tuple) else (value,))
    return found


def _used_by(base: Dataset, kind: kinds.Kind, record_id: str) -> list[str]:
    """The records that referred to a record at BASE, as "statement x"."""
    users = []
    for other in kinds.KINDS:
        for rid, record in base.of(other).items():
            for path, value in flatten(record).items():
                if _refs(other, path) == kind.name and record_id in (value if isinstance(value, tuple) else (value,)):
                    users.append(f"{other.name} {rid}")
                    break
    return users


def compare(base: Dataset, now: Dataset) -> list[RecordChange]:
    """Every record added, removed, renamed or changed, kind by kind in the order kinds.py declares them."""
    moves = _moves(base, now)
    out: list[RecordChange] = []
    for kind in kinds.KINDS:
        old, new = base.of(kind), now.of(kind)
        renamed = moves.renamed[kind.name]
        was = {v: k for k, v in renamed.items()}
        for rid, record in new.items():
            before_id = was.get(rid, rid)
            if before_id not in old:
                out.append(RecordChange(kind, rid, "added", kind.gist_of(record)))
                continue
            changes = _fields(kind, old[before_id], record, moves)
            had = {moves.map("source", s, drop_removed=False) for s in _sources(kind, old[before_id])}
            lost = tuple(sorted(had)) if had and not had & _sources(kind, record) else ()
            if rid != before_id or changes or lost:
                how = "renamed" if rid != before_id else "changed"
                out.append(RecordChange(kind, rid, how, kind.gist_of(record), before_id, changes, lost))
        for rid in sorted(moves.removed[kind.name], key=list(old).index):
            out.append(RecordChange(kind, rid, "removed", kind.gist_of(old[rid]), used_by=_used_by(base, kind, rid)))
    return out


def event_fields(base: Dataset, now: Dataset) -> list[FieldChange]:
    """The event's own fields (title, summary, dates…), without the records and the log it holds."""
    held = frozenset({k.where[-1] for k in kinds.KINDS if not k.own_file} | {kinds.LOG.where[-1]})
    before, after = flatten(base.event, held), flatten(now.event, held)
    keys = dict.fromkeys([*after, *before])
    return [FieldChange(p, before.get(p), after.get(p), False) for p in keys if before.get(p) != after.get(p)]
