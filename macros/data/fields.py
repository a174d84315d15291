"""Stage 2a: the field types. Each parses what an editor wrote and, when it is wrong, raises a
`PydanticCustomError` whose message and hint are already in an editor's words; `model.py`
builds the records from these types.
"""

from __future__ import annotations

import difflib
import functools
import re
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo, available_timezones

from pydantic import Field, PlainValidator, WithJsonSchema

from . import webhost
from .dates import MAX_YEAR, MIN_YEAR
from .parsing import fail, need_text, shown
from .webhost import host

# Patterns are used with fullmatch (a `$` alone would let a final newline through) and ASCII digits only.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)  # compiled once: ids are the values checked most often
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?", re.ASCII)
MAX_URL = 2000


def parse_id(value) -> str:
    value = need_text(value, "an id", "jane-doe", quote=True)
    if not _ID.fullmatch(value):
        fail(
            "id",
            f"'{shown(value)}' is not a valid id",
            "ids use lowercase letters, digits and single hyphens, like jane-doe",
        )
    return _shared(value)


def _shared(value: str) -> str:
    """One string for all the records that name the same id or language: every reference repeats one,
    and the records live to the end of the build."""
    return sys.intern(value) if type(value) is str else value


def parse_date(value) -> date:
    value = need_text(value, "a date", "2022-03-14")
    m = _DATE.fullmatch(value)
    if not m:
        fail("date", f"'{shown(value)}' is not a date", "write dates as year-month-day, like 2022-03-14")
    if not MIN_YEAR <= int(m[1]) <= MAX_YEAR:  # also keeps date arithmetic far from Python's limits
        fail(
            "date",
            f"the year {int(m[1])} is outside {MIN_YEAR}-{MAX_YEAR}",
            f"news events here are dated between {MIN_YEAR} and {MAX_YEAR}; check the year",
        )
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        fail(
            "date",
            f"'{value}' is not a real date",
            "check the month (01-12) and the day; dates are written year-month-day, like 2022-03-14",
        )


@dataclass(frozen=True, order=True)
class Moment:
    """A day, or an exact time with its UTC offset."""

    utc_sort: datetime  # for ordering: the moment in UTC, or the day's start in UTC
    day: date
    at: datetime | None = None  # None means day precision

    def __str__(self) -> str:  # as an editor writes it
        if self.at is None:
            return self.day.isoformat()
        return self.at.isoformat(timespec="seconds" if self.at.second else "minutes").replace("+00:00", "Z")

    @property
    def precision(self) -> str:
        return "day" if self.at is None else "time"


def parse_moment(value) -> Moment:
    value = need_text(value, "a date or a date and time", "2022-03-14 or 2022-03-14T00:00+03:00")
    if _DATE.fullmatch(value):
        day = parse_date(value)
        return Moment(datetime(day.year, day.month, day.day, tzinfo=UTC), day)
    m = _MOMENT.fullmatch(value)
    if not m:
        fail(
            "moment",
            f"'{shown(value)}' is not a date or a date and time",
            "expected 2022-03-14, or 2022-03-14T00:00+03:00 for an exact time",
        )
    if not m[5]:
        fail(
            "moment",
            f"the time '{shown(value)}' has no time zone",
            f"add the UTC offset, like {value}+03:00, or Z for UTC",
        )
    day = parse_date(m[1])
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        fail("moment", f"'{value}' is not a real time", "hours run 00-23 and minutes 00-59")
    return Moment(at.astimezone(UTC), day, at)


BAD_SCHEMES = ("javascript", "data", "vbscript", "file")
_SPACE = re.compile(r"\s")  # what str.isspace() calls a space, every one of them
_HTTP = re.compile(r"(?i)https?://")


def parse_url(value) -> str:
    value = need_text(value, "a web address", "https://example.org/page")
    if len(value) > MAX_URL:
        fail(
            "url",
            f"the web address is {len(value):,} characters long; the limit is {MAX_URL:,}",
            "use the page's short address, without tracking parameters",
        )
    scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
    if scheme in BAD_SCHEMES or (scheme and scheme not in ("http", "https") and not re.search(r"[/.]", scheme)):
        fail(
            "url",
            f"'{shown(scheme)}:' addresses are not allowed",
            "use the address of the web page, starting with https:// or http://",
        )
    if value != value.strip() or _SPACE.search(value):
        fail("url", "the web address contains spaces", "remove spaces before, inside and after the address")
    if not value.isprintable():
        fail(
            "url",
            "the web address contains an invisible character",
            "retype the address, or copy it again from the browser's address bar",
        )
    if "\\" in value:
        fail(
            "url",
            "the web address contains a backslash (\\)",
            "web addresses use forward slashes (/); copy the address again from the browser's address bar",
        )
    scheme = _HTTP.match(value)  # schemes and hosts are case-insensitive
    if not scheme:
        fail("url", f"'{shown(value)}' is not a full web address", "write the full address, starting with https://")
    userinfo, hostport = webhost.authority(value) or (None, "")
    if userinfo is not None:  # https://bbc.co.uk@evil.example/ opens evil.example
        fail(
            "url",
            f"the web address has '{shown(userinfo)}@' before its host: browsers open "
            f"'{shown(webhost.host(value) or hostport)}', whatever comes before the @",
            "remove everything between // and @: a web page's address never needs a user name or password",
        )
    written = webhost.port(hostport)
    if not webhost.port_ok(written):
        fail(
            "url",
            f"':{shown(written or '')}' is not a port: ports are numbers from 0 to 65535",
            f"remove ':{shown(written or '')}', or copy the address again from the browser's address bar",
        )
    if not host(value):
        fail("url", f"'{shown(value)}' has no valid host name", "write the full address, like https://example.org/page")
    return scheme[0].lower() + value[scheme.end() :]  # the scheme as every program reads it


# Names in the tz database that are not places: their meaning depends on the machine or is a placeholder.
_NOT_ZONES = {"localtime", "posixrules", "Factory"}


@functools.cache
def time_zones() -> frozenset:
    """The IANA zone names (slow to list: read once)."""
    return frozenset(z for z in available_timezones() if z not in _NOT_ZONES and not z.startswith(("posix/", "right/")))


_ZONE_NAME = re.compile(r"[A-Z][A-Za-z0-9_+-]*(/[A-Z][A-Za-z0-9_+-]*){0,2}", re.ASCII)


def _is_zone(name: str) -> bool:
    # Listing the zones takes a tenth of a second; a well-formed name that loads is one of them.
    if _ZONE_NAME.fullmatch(name) and name not in _NOT_ZONES:
        try:
            ZoneInfo(name)
            return True
        except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
            return False
    return name in time_zones()


def parse_timezone(value) -> str:
    value = need_text(value, "a time zone name", "Europe/London")
    if not _is_zone(value):
        close = difflib.get_close_matches(value, sorted(time_zones()), n=1) if len(value) < 60 else []
        fail(
            "timezone",
            f"'{shown(value)}' is not a known time zone",
            f"did you mean '{close[0]}'?"
            if close
            else "use a name from the IANA time zone list, like Europe/London or UTC",
        )
    return value


LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
_LANG = re.compile(LANG_PATTERN)


def parse_lang(value) -> str:
    value = need_text(value, "a language code", "en or ru")
    if not _LANG.fullmatch(value):
        fail("lang", f"'{shown(value)}' is not a language code", "use a code like en or ru")
    return _shared(value)


def _text(limit: int, what: str = "text"):
    def parse(value) -> str:
        value = need_text(value, what, '"some words"', quote=True)
        if not value.strip():
            fail("blank", "the text is empty", "write the text, or remove the field if it is optional")
        if len(value) > limit:
            fail(
                "long",
                f"the text is {len(value)} characters long; the limit is {limit}",
                "shorten it, or split it into several records",
            )
        return value

    return Annotated[str, PlainValidator(parse), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit})]


Id = Annotated[str, PlainValidator(parse_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
Date = Annotated[date, PlainValidator(parse_date), WithJsonSchema({"type": "string", "format": "date"})]
When = Annotated[
    Moment,
    PlainValidator(parse_moment),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?$"}),
]
Url = Annotated[
    str, PlainValidator(parse_url), WithJsonSchema({"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"})
]
TimeZoneName = Annotated[str, PlainValidator(parse_timezone), WithJsonSchema({"type": "string"})]
Lang = Annotated[str, PlainValidator(parse_lang), WithJsonSchema({"type": "string", "pattern": LANG_PATTERN})]
Short = _text(300)
Long = _text(2000)
Ids = Annotated[list[Id], Field(min_length=1)]
