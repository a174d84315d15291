"""Stage 2: the records, declared once.

These classes are the single source of truth for the data's shape: the loader
validates against them and `python -m macros schema` turns them into the JSON
Schemas that editors' tools use for completion. Field types raise
`PydanticCustomError`s whose text is already in an editor's words; `check.py`
translates pydantic's built-in errors the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Annotated, Literal, Optional
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, available_timezones

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$")


def _fail(kind: str, message: str, hint: str = ""):
    # Braces in editor input would be read as placeholders by pydantic.
    message = message.replace("{", "{{").replace("}", "}}")
    raise PydanticCustomError(kind, message, {"hint": hint})


def _shown(value) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _need_text(value, what: str, example: str) -> str:
    if not isinstance(value, str):
        _fail("type", f"expected {what}, found {describe(value)}", f"write it like {example}")
    return value


def describe(value) -> str:
    """Name a value's kind as an editor would."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "text"


def parse_id(value) -> str:
    value = _need_text(value, "an id", "adam-mosseri")
    if not re.match(ID_PATTERN, value):
        _fail("id", f"'{_shown(value)}' is not a valid id",
              "ids use lowercase letters, digits and single hyphens, like adam-mosseri")
    return value


def parse_date(value) -> date:
    value = _need_text(value, "a date", "2022-03-14")
    m = _DATE.match(value)
    if not m:
        _fail("date", f"'{_shown(value)}' is not a date", "expected a date like 2022-03-14")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        _fail("date", f"'{value}' is not a real date", "expected a date like 2022-03-14 (year-month-day)")


@dataclass(frozen=True, order=True)
class Moment:
    """A day, or an exact time with its UTC offset."""

    utc_sort: datetime  # for ordering: the moment in UTC, or the day's start in UTC
    day: date
    at: Optional[datetime] = None  # None means day precision

    @property
    def precision(self) -> str:
        return "day" if self.at is None else "time"


def parse_moment(value) -> Moment:
    value = _need_text(value, "a date or a date and time", "2022-03-14 or 2022-03-14T00:00+03:00")
    if _DATE.match(value):
        day = parse_date(value)
        return Moment(datetime(day.year, day.month, day.day, tzinfo=timezone.utc), day)
    m = _MOMENT.match(value)
    if not m:
        _fail("moment", f"'{_shown(value)}' is not a date or a date and time",
              "expected 2022-03-14, or 2022-03-14T00:00+03:00 for an exact time")
    if not m[5]:
        _fail("moment", f"the time '{value}' has no time zone",
              f"add the UTC offset, like {value}+03:00, or Z for UTC")
    day = parse_date(m[1])
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        _fail("moment", f"'{value}' is not a real time", "hours run 00-23 and minutes 00-59")
    return Moment(at.astimezone(timezone.utc), day, at)


BAD_SCHEMES = ("javascript", "data", "vbscript", "file")


def parse_url(value) -> str:
    value = _need_text(value, "a web address", "https://example.org/page")
    scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
    if scheme in BAD_SCHEMES or (scheme and scheme not in ("http", "https") and "/" not in scheme):
        _fail("url", f"'{scheme}:' addresses are not allowed", "only web addresses starting with https:// or http://")
    if value != value.strip() or any(c.isspace() or ord(c) < 32 for c in value):
        _fail("url", "the web address contains spaces", "remove spaces before, inside and after the address")
    if not value.startswith(("https://", "http://")):
        _fail("url", f"'{_shown(value)}' is not a full web address",
              "write the full address, starting with https://")
    if not urlsplit(value).hostname:
        _fail("url", f"'{_shown(value)}' has no host name", "write the full address, like https://example.org/page")
    return value


def parse_timezone(value) -> str:
    value = _need_text(value, "a time zone name", "Europe/Moscow")
    if value not in available_timezones():
        _fail("timezone", f"'{_shown(value)}' is not a known time zone",
              "use a name from the IANA time zone list, like Europe/Moscow or UTC")
    ZoneInfo(value)
    return value


def _text(limit: int, what: str = "text"):
    def parse(value) -> str:
        value = _need_text(value, what, '"some words"')
        if not value.strip():
            _fail("blank", "the text is empty", "write the text, or remove the field if it is optional")
        if len(value) > limit:
            _fail("long", f"the text is {len(value)} characters long; the limit is {limit}",
                  "shorten it, or split it into several records")
        return value

    return Annotated[str, PlainValidator(parse), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit})]


Id = Annotated[str, PlainValidator(parse_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
Date = Annotated[date, PlainValidator(parse_date), WithJsonSchema({"type": "string", "format": "date"})]
When = Annotated[Moment, PlainValidator(parse_moment), WithJsonSchema({
    "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?$"})]
Url = Annotated[str, PlainValidator(parse_url), WithJsonSchema({"type": "string", "pattern": "^https?://"})]
TimeZoneName = Annotated[str, PlainValidator(parse_timezone), WithJsonSchema({"type": "string"})]
Lang = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
Short = _text(300)
Long = _text(2000)
Ids = Annotated[list[Id], Field(min_length=1)]


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
