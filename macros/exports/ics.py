"""The timeline as an iCalendar file (`text/calendar`, RFC 5545) that calendar apps can import or
subscribe to.

Format: UTF-8, CRLF line ends, one VEVENT per timeline entry in the order of `data/timeline.yml`.

- An entry dated to the day is an all-day event: DTSTART;VALUE=DATE, and DTEND the day after its
  last day (iCalendar's end is exclusive). Its days are those the timeline page files it under:
  a time's day in the event's time zone.
- An entry with a time is shown in the event's time zone (`timezone` in `data/event.yml`):
  DTSTART;TZID=<zone>, with a VTIMEZONE that spells out the zone's UTC offsets and their changes
  over the years the timeline covers, so apps need no zone database. A time in the hour the
  clocks go back, which happens twice and so cannot be named by local time alone, is written in
  UTC instead (DTSTART:…Z). An entry with a time and
  no end has no DTEND (a moment). If one end is a day and the other a time, the entry is all-day.
- SUMMARY, DESCRIPTION and CATEGORIES carry LANGUAGE, the site's language, whose words they use.
- SUMMARY is the title; DESCRIPTION is the description, then "Sources:" and one line per source
  ("Publisher: Title <address>", or "no web address known"); CATEGORIES is the entry's kind in readers' words
  ("policy change");
  URL is the entry on the timeline page when the site's address is known.
- UID is derived from the site's address (or the event's title and start date) and the entry's
  id, so it stays the same across builds; DTSTAMP is the date of the latest update, not the
  build time, so every build writes the same bytes.
- Text is escaped as RFC 5545 says (backslash, ";", "," and line breaks) and lines longer than
  75 octets are folded without splitting a UTF-8 character.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..data.dataset import Dataset
from .common import Site, _date_parts, kind_words, last_update, source_address, source_label, stable_uuid

PRODID = "-//Explainer site generator//Timeline//EN"


def escape_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets; each continuation starts with a space.
    Cut in the UTF-8 bytes, moved back to the start of the character it would split."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    out, start, width = [], 0, 75
    while len(data) - start > width:
        end = start + width
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the character starts before it
            end -= 1
        out.append(data[start:end])
        start, width = end, 74  # the space that starts each continuation line is one of its 75
    out.append(data[start:])
    return b"\r\n ".join(out).decode("utf-8")


def _day(d: date) -> str:
    year, month, day = _date_parts(d)
    return f"{year:04d}{month:02d}{day:02d}"


def _local(dt: datetime) -> str:
    return dt.strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def _transitions(zone: ZoneInfo, first: int, last: int) -> list[datetime]:
    """The UTC instants in the years first..last at which the zone's offset changes."""
    found = []
    day = datetime(first, 1, 1, tzinfo=UTC)
    end = datetime(last + 1, 1, 1, tzinfo=UTC)
    while day < end:
        nxt = day + timedelta(days=1)
        if day.astimezone(zone).utcoffset() != nxt.astimezone(zone).utcoffset():
            low, high = day, nxt  # the change lies in (low, high]: narrow it to the second
            while high - low > timedelta(seconds=1):
                mid = low + (high - low) / 2
                if mid.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                    low = mid
                else:
                    high = mid
            found.append(high.replace(microsecond=0))
        day = nxt
    return found


def vtimezone(name: str, first: int, last: int) -> list[str]:
    """A VTIMEZONE for `name` valid from the start of year `first` to the end of year `last`."""
    zone = ZoneInfo(name)

    def observance(at: datetime, before: timedelta | None) -> list[str]:
        before = before or timedelta(0)
        local = at.astimezone(zone)
        kind = "DAYLIGHT" if local.dst() else "STANDARD"
        return [
            f"BEGIN:{kind}",
            f"DTSTART:{_local((at + before).replace(tzinfo=None))}",
            f"TZOFFSETFROM:{_offset(before)}",
            f"TZOFFSETTO:{_offset(local.utcoffset() or timedelta(0))}",
            f"TZNAME:{escape_text(local.tzname() or name)}",
            f"END:{kind}",
        ]

    start = datetime(first, 1, 1, tzinfo=UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    lines += observance(start, start.astimezone(zone).utcoffset())
    for at in _transitions(zone, first, last):
        lines += observance(at, (at - timedelta(seconds=1)).astimezone(zone).utcoffset())
    return lines + ["END:VTIMEZONE"]


def _local_day(moment, zone: ZoneInfo) -> date:
    """The day the timeline page files a moment under: a time's day in the event's zone."""
    return moment.at.astimezone(zone).date() if moment.at else moment.day


def _time(name: str, at: datetime, zone: ZoneInfo, tzid: str) -> str:
    local = at.astimezone(zone)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        # The hour the clocks go back happens twice, and a local time there names either: write it in UTC.
        return f"{name}:{_local(at.astimezone(UTC))}Z"
    return f"{name};TZID={tzid}:{_local(local)}"


def _when(entry, zone: ZoneInfo, tzid: str) -> list[str]:
    start, end = entry.start, entry.end
    if start.at is None or (end is not None and end.at is None):
        first = _local_day(start, zone)
        last = max(first, _local_day(end or start, zone))
        return [f"DTSTART;VALUE=DATE:{_day(first)}", f"DTEND;VALUE=DATE:{_day(last + timedelta(days=1))}"]
    lines = [_time("DTSTART", start.at, zone, tzid)]
    if end is not None:
        lines.append(_time("DTEND", end.at, zone, tzid))
    return lines


def _description(ds: Dataset, entry, site: Site = Site()) -> str:
    lines = [entry.description, "", site.pgettext("calendar", "Sources:")]
    for sid in entry.sources:
        src = ds.sources[sid]
        address = source_address(src)
        lines.append(
            f"- {source_label(src)} "
            + (f"<{address}>" if address else site.pgettext("calendar", "(no web address known)"))
        )
    return "\n".join(lines)


def render(ds: Dataset, site: Site = Site()) -> str:
    tzid = ds.event.timezone
    zone = ZoneInfo(tzid)
    stamp = _day(last_update(ds).date) + "T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(ds.event.title)}",
        f"X-WR-CALDESC:{escape_text(ds.event.summary)}",
        f"X-WR-TIMEZONE:{tzid}",
    ]
    timed = [
        m.at.astimezone(zone).year
        for e in ds.timeline.values()
        for m in (e.start, e.end)
        if m is not None and m.at is not None
    ]
    if timed:
        lines += vtimezone(tzid, min(timed), max(timed))
    for entry in ds.timeline.values():
        uid = stable_uuid(ds, site, "timeline", entry.id).removeprefix("urn:uuid:")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp}",
            *_when(entry, zone, tzid),
            f"SUMMARY;LANGUAGE={site.language}:{escape_text(entry.title)}",
            f"DESCRIPTION;LANGUAGE={site.language}:{escape_text(_description(ds, entry, site))}",
            f"CATEGORIES;LANGUAGE={site.language}:{escape_text(kind_words(ds, entry.kind, site))}",
        ]
        if site.url:
            lines.append(f"URL:{site.link('timeline', entry.id)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
