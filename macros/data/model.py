"""Stage 2: the records, declared once.

These classes are the single source of truth for the data's shape: the loader
validates against them and `python -m macros schema` turns them into the JSON
Schemas that editors' tools use for completion. Field types (fields.py) raise
`PydanticCustomError`s whose text is already in an editor's words; `dataset.py`
translates pydantic's built-in errors the same way.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, StringConstraints, WithJsonSchema

from . import languages, vocab
from .dates import PARTIAL_PATTERN, PartialDate, parse_partial
from .fields import ID_PATTERN, Date, Id, Ids, Lang, Long, Short, TimeZoneName, Url, When, parse_id

# A date known to the day, the month or only the year: 2022-03-14, 2022-03, 2022.
Partial = Annotated[
    PartialDate,
    PlainValidator(parse_partial),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": f"^{PARTIAL_PATTERN}$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},  # a year alone reads as a number in YAML
            ]
        }
    ),
]


def _open_choice(builtin: dict[str, str]):
    """An id from a vocabulary editors can extend: completion offers the built-in values, any id is allowed
    by the schema, and the check refuses a value that is neither built in nor declared in data/event.yml."""
    return Annotated[
        str,
        PlainValidator(parse_id),
        WithJsonSchema({"anyOf": [{"enum": list(builtin)}, {"type": "string", "pattern": ID_PATTERN}]}),
    ]


if TYPE_CHECKING:  # the values live in vocab.py with their labels; the checker sees text
    SiteLanguage: TypeAlias = str
    ActorKind: TypeAlias = str
    Relation: TypeAlias = str
    Venue: TypeAlias = str
    TimelineKind: TypeAlias = str
    Outlet: TypeAlias = str
else:
    SiteLanguage = languages.site_language_type()
    ActorKind = Literal[tuple(vocab.ACTOR_KINDS)]
    Relation = Literal[tuple(vocab.RELATIONS)]
    Venue = _open_choice(vocab.VENUES)
    TimelineKind = _open_choice(vocab.TIMELINE_KINDS)
    Outlet = Literal[tuple(vocab.OUTLETS)]


_FIELDS_SETS: dict[frozenset, set[str]] = {}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    def model_post_init(self, context: Any, /) -> None:
        # pydantic gives each record a set of the fields it was given: a tenth of a big event's memory.
        # Records given the same fields share one; a frozen record never changes it (model_copy copies it).
        given = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(given), given))


class SourceCopy(Record):
    publisher: Short
    url: Url
    kind: Literal["syndicated", "mirror"]


class Archive(Record):
    url: Url
    date: Date


class Source(Record):
    id: Id
    publisher: Short
    outlet: Outlet | None = None  # the publisher's kind
    state_owned: bool = False  # only where a cited source says so
    title: Short
    title_kind: Literal["headline", "description"] = "headline"  # description: the headline is not known
    authors: list[Short] = []
    published: Partial | None = None  # leave out when no source says; never guess
    url: Url | None = None
    language: Lang
    accessed: Date
    copy_: SourceCopy | None = Field(None, alias="copy")  # `copy` would shadow BaseModel.copy
    archive: Archive | None = None
    note: Long | None = None
    further_reading: bool = False  # kept on purpose although nothing cites it; listed apart


class Actor(Record):
    id: Id
    name: Short
    kind: ActorKind
    role: Short
    affiliation: Id | None = None
    country: Short | None = None  # omit when no source says
    description: Long
    sources: Ids


class Related(Record):
    statement: Id
    relation: Relation


class Statement(Record):
    id: Id
    actor: Id
    date: Partial
    venue: Venue
    venue_detail: Short | None = None
    quote: Long | None = None
    paraphrase: Long | None = None
    translated_from: Lang | None = None
    original_text: Long | None = None
    context: Long
    topics: Annotated[list[Id], Field(min_length=1)]
    sources: Ids
    related: list[Related] = []


class TimelineEntry(Record):
    id: Id
    start: When
    end: When | None = None
    title: Short
    description: Long
    actors: list[Id] = []
    kind: TimelineKind
    sources: Ids


class KeyFact(Record):
    id: Id
    text: Long
    sources: Ids


class Side(Record):
    claim: Long
    sources: Ids
    actors: list[Id] = []


class Dispute(Record):
    id: Id
    question: Short
    sides: Annotated[list[Side], Field(min_length=2)]
    note: Long | None = None


class Update(Record):
    date: Date
    kind: Literal["update", "correction"]
    text: Long
    records: list[Id] = []  # the records it concerns, by id; a correction's records say they were corrected


class Vocabulary(Record):
    """The event's own timeline kinds and statement venues, each with the words readers see."""

    venues: dict[Id, Short] = {}
    timeline_kinds: dict[Id, Short] = {}


class Event(Record):
    title: Short
    summary: Short
    place: Short
    timezone: TimeZoneName
    start: Date
    end: Date | None = None
    status: Literal["developing", "ongoing", "concluded"]
    status_note: Short | None = None
    key_facts: Annotated[list[KeyFact], Field(min_length=1)]
    disputes: list[Dispute] = []
    updates: Annotated[list[Update], Field(min_length=1)]
    vocabulary: Vocabulary = Vocabulary()
    language: SiteLanguage = languages.DEFAULT  # the site's language: every label, date and number follows it


# A quote's SHA-256, as lowercase hex: data/verified.yml stores it, so an edited quote no longer counts as checked.
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


def quote_sha256(text: str) -> str:
    """The hash `make verify-record` stores for a quote: of its exact text, as the editor wrote it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CheckedSource(Record):
    source: Id
    url: Url  # the address that was read: the archived copy, the source's own address or its copy's
    checked: Date


class Verification(Record):
    """What `make verify-record` found verbatim: machine-written into data/verified.yml, never by hand."""

    id: Id  # the statement's id
    quote_sha256: Sha256
    sources: Annotated[list[CheckedSource], Field(min_length=1)]
