"""The kinds of record, each declared once.

A declaration says where the records live (file and path), their model, the
nouns editors read in messages, the anchor prefix and the data block whose
page shows them, which of their fields refer to other kinds, which field names
a record to an editor (its gist) and which changes alter the story. Loading,
unique ids, reference checks, "did you mean", anchors, back-links and the
review of a change (`make changes`) all read from here; nothing else lists the kinds.

`LOG` declares the updates log the same way: where it is, and the field by
which an update names the records it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import create_model

from . import model


@dataclass(frozen=True)
class Ref:
    path: tuple[str, ...]  # inside one record; "*" stands for every item of a list
    kind: str  # the name of the kind referred to


@dataclass(frozen=True)
class Kind:
    name: str  # singular, as in "unknown actor 'x'" and anchor("actor", id)
    plural: str  # as in "expected a list of timeline entries"
    file: str  # data/<file>.yml
    where: tuple[str, ...]  # the list of records inside the file
    model: type
    prefix: str  # of the record's anchor on its page
    block: str  # the data block whose page shows the records
    refs: tuple[Ref, ...] = ()
    optional: bool = False  # the file may be missing: no records of this kind yet
    gist: tuple[str, ...] = ()  # the fields that name a record to an editor; the first one given is shown
    story: tuple[tuple[str, ...], ...] = ()  # fields ("*": every item) whose change alters the story
    removal_alters_story: bool = False  # removing such a record changes what the story rests on

    @property
    def label(self) -> str:
        return f"data/{self.file}.yml"

    @property
    def own_file(self) -> bool:
        """Whether the records are the whole file (a list under one key), not part of another record."""
        return len(self.where) == 1

    def anchor(self, record_id: str) -> str:
        return self.prefix + record_id

    @property
    def annotates(self) -> str | None:
        """The kind whose records this one annotates, when its ids are theirs (a verification's is its statement's)."""
        return next((r.kind for r in self.refs if r.path == ("id",)), None)

    def gist_of(self, record: Any) -> str:
        """What names the record to a person: the first of its gist fields that is given."""
        return next((str(getattr(record, f)) for f in self.gist if getattr(record, f, None)), "")


_SOURCES = Ref(("sources", "*"), "source")
KINDS = (
    Kind(
        "source",
        "sources",
        "sources",
        ("sources",),
        model.Source,
        "src-",
        "sources",
        gist=("title",),
        story=(("url",),),
        removal_alters_story=True,
    ),
    Kind(
        "actor",
        "actors",
        "actors",
        ("actors",),
        model.Actor,
        "a-",
        "actors",
        (_SOURCES, Ref(("affiliation",), "actor")),
        gist=("name",),
    ),
    Kind(
        "statement",
        "statements",
        "statements",
        ("statements",),
        model.Statement,
        "s-",
        "statements",
        (Ref(("actor",), "actor"), _SOURCES, Ref(("related", "*", "statement"), "statement")),
        gist=("quote", "paraphrase"),
        story=(("quote",), ("actor",), ("date",)),
    ),
    Kind(
        "entry",
        "timeline entries",
        "timeline",
        ("timeline",),
        model.TimelineEntry,
        "t-",
        "timeline",
        (Ref(("actors", "*"), "actor"), _SOURCES),
        gist=("title",),
        story=(("start",), ("end",)),
    ),
    Kind(
        "fact",
        "key facts",
        "event",
        ("event", "key_facts"),
        model.KeyFact,
        "fact-",
        "key_facts",
        (_SOURCES,),
        gist=("text",),
        story=(("text",),),
    ),
    Kind(
        "dispute",
        "disputed points",
        "event",
        ("event", "disputes"),
        model.Dispute,
        "d-",
        "disputes",
        (Ref(("sides", "*", "sources", "*"), "source"), Ref(("sides", "*", "actors", "*"), "actor")),
        gist=("question",),
        story=(("sides", "*", "claim"),),
    ),
    # Written by `make verify-record`: one record per checked quote, whose id is the statement's id.
    # Its reader note shows on the statement's card, so its block is the statements'.
    Kind(
        "verification",
        "verified quotes",
        "verified",
        ("verified",),
        model.Verification,
        "checked-",
        "statements",
        (Ref(("id",), "statement"), Ref(("sources", "*", "source"), "source")),
        optional=True,
    ),
)
BY_NAME = {k.name: k for k in KINDS}
# The one record that is a whole file rather than a list.
EVENT_FILE, EVENT_MODEL = "event", model.Event


@dataclass(frozen=True)
class Log:
    """The updates log in data/event.yml. An update names the records it concerns by id (`records:`),
    of any kind; ids are unique within a kind only, so an id two kinds use is refused there."""

    file: str = EVENT_FILE
    where: tuple[str, ...] = ("event", "updates")
    records: tuple[str, ...] = ("records", "*")
    correction: str = "correction"  # the kind of update that corrects the records it names
    prefix: str = "u-"  # of an update's anchor in the log

    @property
    def label(self) -> str:
        return f"data/{self.file}.yml"

    def anchors(self, updates: list) -> list[str]:
        """Each update's anchor: its date, and its place among that date's updates from the second on,
        so an anchor stays the same when later updates are added."""
        seen: dict[str, int] = {}
        out = []
        for u in updates:
            day = u.date.isoformat()
            seen[day] = seen.get(day, 0) + 1
            out.append(f"{self.prefix}{day}" + (f"-{seen[day]}" if seen[day] > 1 else ""))
        return out


LOG = Log()


def kinds_with(record_id: str, known: dict[str, set[str]]) -> list[Kind]:
    """The kinds that have a record with this id (an update's `records:` names it by id alone). A kind that
    annotates another's records shares their ids, so it never makes an id ambiguous."""
    return [k for k in KINDS if k.annotates is None and record_id in known.get(k.name, ())]


@dataclass(frozen=True)
class DataFile:
    stem: str
    key: str  # the one top-level field
    item: type  # the model of each record (or of the single record)
    kind: Kind | None  # None for the event file


def data_files() -> tuple[DataFile, ...]:
    """The data files in the order they are checked: the event, then one per kind that has its own file."""
    return (
        DataFile(EVENT_FILE, EVENT_FILE, EVENT_MODEL, None),
        *(DataFile(k.file, k.where[0], k.model, k) for k in KINDS if k.own_file),
    )


def kinds_in(stem: str) -> list[Kind]:
    return [k for k in KINDS if k.file == stem]


def host_kind(block: str) -> Kind | None:
    """The kind whose records a block shows (the first declared, when a later kind only annotates them)."""
    return next((k for k in KINDS if k.block == block), None)


@cache
def file_model(stem: str) -> type[model.Record]:
    """The model of a whole file, for its JSON Schema: one top-level field holding the records."""
    f = next(f for f in data_files() if f.stem == stem)
    value: Any = f.item if f.kind is None else list[f.item]  # type: ignore[name-defined]
    fields: dict[str, Any] = {f.key: (value, ...)}
    return create_model(f"{stem.capitalize()}File", __base__=model.Record, **fields)
