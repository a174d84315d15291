"""Stage 2: the records, declared once.

These classes are the single source of truth for the data's shape: the loader
validates against them and `python -m macros schema` turns them into the JSON
Schemas that editors' tools use for completion. Field types (fields.py) raise
`PydanticCustomError`s whose text is already in an editor's words; `dataset.py`
translates pydantic's built-in errors the same way.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .fields import Date, Id, Ids, Lang, Long, Moment, Short, TimeZoneName, Url, When, describe  # noqa: F401


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


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
    title: Short
    title_kind: Literal["headline", "description"] = "headline"  # description: the headline is not known
    authors: list[Short] = []
    published: Date
    url: Optional[Url] = None
    language: Lang
    accessed: Date
    copy_: Optional[SourceCopy] = Field(None, alias="copy")  # `copy` would shadow BaseModel.copy
    archive: Optional[Archive] = None
    note: Optional[Long] = None


ActorKind = Literal["person", "government-body", "court", "legislature", "company", "organisation", "media"]


class Actor(Record):
    id: Id
    name: Short
    kind: ActorKind
    role: Short
    affiliation: Optional[Id] = None
    country: Optional[Short] = None  # omit when no source says
    description: Long
    sources: Ids


Venue = Literal["telegram-post", "tweet", "internal-memo", "internal-post", "press-statement", "interview",
                "news-agency", "blog-post", "email", "court-filing", "other"]
Relation = Literal["responds-to", "narrows", "contradicts", "repeats", "supports"]


class Related(Record):
    statement: Id
    relation: Relation


class Statement(Record):
    id: Id
    actor: Id
    date: Date
    date_precision: Literal["day", "month", "year"] = "day"
    venue: Venue
    venue_detail: Optional[Short] = None
    quote: Optional[Long] = None
    paraphrase: Optional[Long] = None
    translated_from: Optional[Lang] = None
    original_text: Optional[Long] = None
    context: Long
    topics: Annotated[list[Id], Field(min_length=1)]
    sources: Ids
    related: list[Related] = []


TimelineKind = Literal["announcement", "policy-change", "legal-action", "block-takes-effect", "measurement",
                       "report", "court-ruling", "statement"]


class TimelineEntry(Record):
    id: Id
    start: When
    end: Optional[When] = None
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
    note: Optional[Long] = None


class Update(Record):
    date: Date
    kind: Literal["update", "correction"]
    text: Long


class Event(Record):
    title: Short
    summary: Short
    place: Short
    timezone: TimeZoneName
    start: Date
    end: Optional[Date] = None
    status: Literal["developing", "ongoing", "concluded"]
    status_note: Optional[Short] = None
    key_facts: Annotated[list[KeyFact], Field(min_length=1)]
    disputes: list[Dispute] = []
    updates: Annotated[list[Update], Field(min_length=1)]


class EventFile(Record):
    event: Event


class SourcesFile(Record):
    sources: list[Source]


class ActorsFile(Record):
    actors: list[Actor]


class StatementsFile(Record):
    statements: list[Statement]


class TimelineFile(Record):
    timeline: list[TimelineEntry]


# file stem -> the model of the whole file; the order is the order of checking
FILES = {"event": EventFile, "sources": SourcesFile, "actors": ActorsFile,
         "statements": StatementsFile, "timeline": TimelineFile}
