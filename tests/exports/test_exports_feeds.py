"""The timeline as iCalendar (read back with icalendar) and the updates log as Atom (read back
with feedparser)."""

from __future__ import annotations

import calendar
import copy
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest

from macros.data import vocab
from macros.data.dataset import load_dataset
from macros.exports import atom, ics
from macros.pages.site import Explainer
from support.exports import valid_site
from support.project import VALID, event_data, make_project

SITE = valid_site("An example site")


@pytest.fixture(scope="module")
def ds():
    return load_dataset(VALID)


def _events(text: str) -> dict:
    cal = icalendar.Calendar.from_ical(text)
    return {str(ev["SUMMARY"]): ev for ev in cal.walk("VEVENT")}


def test_ics_has_every_entry_with_its_dates(ds):
    events = _events(ics.render(ds))
    assert len(events) == len(ds.timeline)
    for entry in ds.timeline.values():
        ev = events[entry.title]
        start = ev.decoded("DTSTART")
        if entry.start.at is None:  # all-day: a DATE, the end exclusive
            assert type(start) is date and start == entry.start.day
            assert ev.decoded("DTEND") == (entry.end or entry.start).day + timedelta(days=1)
        else:  # the same instant, shown in the event's zone
            assert start == entry.start.at and str(start.tzinfo) == ds.event.timezone
            assert ev["DTSTART"].params["TZID"] == ds.event.timezone
            if entry.end:
                assert ev.decoded("DTEND") == entry.end.at


def test_ics_describes_the_zone_and_the_sources(ds):
    text = ics.render(ds)
    cal = icalendar.Calendar.from_ical(text)
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == [ds.event.timezone]
    events = _events(text)
    for entry in ds.timeline.values():
        description = str(events[entry.title]["DESCRIPTION"])
        assert description.startswith(entry.description)
        for sid in entry.sources:
            src = ds.sources[sid]
            assert (src.url or src.copy_.url) in description


@pytest.mark.parametrize("zone_name", ["Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "UTC"])
def test_ics_vtimezone_matches_the_zone_database(zone_name):
    """Each change the VTIMEZONE spells out happens when the zone database says, from and to the
    offsets it says."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(zone_name)
    lines = ics.vtimezone(zone_name, 2017, 2019)
    fields = [
        dict(line.split(":", 1) for line in block.split("\n") if ":" in line)
        for block in "\n".join(lines).split("BEGIN:")[2:]
    ]
    assert fields, "no observance"

    def offset(text):
        sign = -1 if text[0] == "-" else 1
        return sign * timedelta(hours=int(text[1:3]), minutes=int(text[3:5]))

    for change in fields[1:]:
        onset = datetime.strptime(change["DTSTART"], "%Y%m%dT%H%M%S") - offset(change["TZOFFSETFROM"])
        onset = onset.replace(tzinfo=UTC)
        assert onset.astimezone(zone).utcoffset() == offset(change["TZOFFSETTO"])
        assert (onset - timedelta(seconds=1)).astimezone(zone).utcoffset() == offset(change["TZOFFSETFROM"])
    changes = {"Europe/Berlin": 6, "America/Sao_Paulo": 5, "Australia/Lord_Howe": 6, "UTC": 0}[zone_name]
    assert len(fields) - 1 == changes


def test_ics_uids_are_stable_and_unique(ds):
    first, second = ics.render(ds, SITE), ics.render(ds, SITE)
    uids = [str(ev["UID"]) for ev in icalendar.Calendar.from_ical(first).walk("VEVENT")]
    assert len(set(uids)) == len(uids) == len(ds.timeline)
    assert first == second
    events = _events(first)
    entry = next(iter(ds.timeline.values()))
    assert str(events[entry.title]["URL"]) == f"{SITE.url}timeline/#t-{entry.id}"


def test_ics_lines_fit_75_octets_and_end_in_crlf(ds):
    text = ics.render(ds)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_fold_never_splits_a_character():
    line = "DESCRIPTION:" + "Ж" * 100 + "😀" * 30
    folded = ics.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line


def test_atom_feed_reads_back(ds):
    parsed = feedparser.parse(atom.render(ds, SITE))
    assert not parsed.bozo, parsed.get("bozo_exception")
    newest = max(u.date for u in ds.event.updates)
    assert parsed.feed.updated_parsed[:3] == (newest.year, newest.month, newest.day)
    assert parsed.feed.title == ds.event.title
    assert parsed.feed.author == SITE.name
    assert len(parsed.entries) == len(ds.event.updates)
    for entry in parsed.entries:
        update = next(u for u in ds.event.updates if u.text == entry.content[0].value)
        stamp = calendar.timegm(entry.updated_parsed)
        assert datetime.fromtimestamp(stamp, UTC) == datetime(
            update.date.year, update.date.month, update.date.day, tzinfo=UTC
        )
        assert entry.link == f"{SITE.url}#u-{update.date.isoformat()}"  # the update in the log


def _with_updates(tmp_path: Path, updates: list[tuple[str, str, str]]) -> Path:
    root = tmp_path / "p"
    shutil.copytree(VALID, root)
    path = root / "data" / "event.yml"
    text = path.read_text()
    head = text[: text.index("  updates:")]
    body = "".join(f'    - date: {d}\n      kind: {k}\n      text: "{t}"\n' for d, k, t in updates)
    path.write_text(head + "  updates:\n" + body)
    return root


def test_atom_ids_stay_when_a_later_update_is_added(tmp_path):
    before = [("2021-05-11", "update", "First version."), ("2021-05-12", "correction", "Fixed a date.")]
    after = before + [("2021-05-12", "update", "Added a source."), ("2021-05-20", "update", "Added more.")]
    one = feedparser.parse(atom.render(load_dataset(_with_updates(tmp_path / "a", before)), SITE))
    two = feedparser.parse(atom.render(load_dataset(_with_updates(tmp_path / "b", after)), SITE))
    ids_one = {e.content[0].value: e.id for e in one.entries}
    ids_two = {e.content[0].value: e.id for e in two.entries}
    assert all(ids_two[text] == ident for text, ident in ids_one.items())
    assert len(set(ids_two.values())) == 4
    assert [e.content[0].value for e in two.entries] == [
        "Added more.",
        "Added a source.",
        "Fixed a date.",
        "First version.",
    ]
    assert two.feed.updated_parsed[:3] == (2021, 5, 20)
    assert one.feed.id == two.feed.id
    assert two.entries[2].title.startswith("Correction: ")


def test_atom_ids_stay_when_an_update_is_inserted_among_those_of_its_date(tmp_path):
    """Feed readers key entries by id: an insertion must not make old entries look new."""
    before = [
        ("2021-05-11", "update", "First."),
        ("2021-05-12", "correction", "Second."),
        ("2021-05-12", "update", "Third."),
    ]
    after = before[:2] + [("2021-05-12", "update", "Inserted.")] + before[2:]
    after = [("2021-05-12", "correction", "Put first.")] + after
    ids = [
        {
            e.content[0].value: e.id
            for e in feedparser.parse(atom.render(load_dataset(_with_updates(tmp_path / n, u)), SITE)).entries
        }
        for n, u in (("a", before), ("b", after))
    ]
    assert {text: ids[1][text] for text in ids[0]} == ids[0]
    assert len(set(ids[1].values())) == len(after)


def test_ics_categories_use_the_readers_words_for_kinds(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(VALID, root)
    event = root / "data" / "event.yml"
    event.write_text(event.read_text() + "  vocabulary:\n    timeline_kinds:\n      site-visit: visit, on site\n")
    timeline = root / "data" / "timeline.yml"
    timeline.write_text(timeline.read_text().replace("kind: announcement", "kind: site-visit", 1))
    ds = load_dataset(root)
    cats = [
        [str(c) for c in ev["CATEGORIES"].cats] for ev in icalendar.Calendar.from_ical(ics.render(ds)).walk("VEVENT")
    ]
    assert cats[0] == ["visit, on site"]  # one category, its comma escaped
    builtin = list(ds.timeline.values())[1].kind
    assert cats[1] == [vocab.TIMELINE_KINDS[builtin]]


# Both sides of both of Berlin's clock changes in 2021: 28 March 02:00 -> 03:00, 31 October 03:00 -> 02:00.
# The two 02:30s of 31 October are an hour apart; local time alone cannot tell them apart.
DST_EDGES = [
    ("2021-03-28T01:59+01:00", "2021-03-28T03:00+02:00"),
    ("2021-03-28T00:59Z", "2021-03-28T01:00Z"),
    ("2021-10-31T01:59+02:00", "2021-10-31T02:30+02:00"),
    ("2021-10-31T02:30+02:00", "2021-10-31T02:30+01:00"),
    ("2021-10-31T02:59+01:00", "2021-10-31T03:00+01:00"),
]


def _with_timeline(tmp_path: Path, zone: str, moments: list[tuple[str, str | None]]) -> Path:
    """The valid input with one timeline entry per (start, end), in `zone`, each like its first entry."""
    data = event_data(VALID)
    data["event"]["event"]["timezone"] = zone
    like = data["timeline"]["timeline"][0]
    entries = []
    for n, (start, end) in enumerate(moments):
        entry = dict(copy.deepcopy(like), id=f"entry-{n}", title=f"Entry {n}", start=start)
        entry.pop("end", None)
        entries.append(entry if end is None else dict(entry, end=end))
    data["timeline"] = {"timeline": entries}
    return make_project(tmp_path / "p", VALID, data=data, code=False)


def test_ics_times_at_both_clock_changes_read_back_as_the_same_instants(tmp_path):
    root = _with_timeline(tmp_path, "Europe/Berlin", DST_EDGES + [(e, None) for _, e in DST_EDGES])
    ds = load_dataset(root)
    events = _events(ics.render(ds))
    for entry in ds.timeline.values():
        ev = events[entry.title]
        assert ev.decoded("DTSTART") == entry.start.at, (entry.title, str(entry.start))
        if entry.end is not None:
            assert ev.decoded("DTEND") == entry.end.at, (entry.title, str(entry.end))


def test_ics_all_day_entries_fall_on_the_days_the_page_shows(tmp_path):
    # Times whose day in the event's zone is not the day written: the page files them by the zone's day.
    moments = [("2021-03-13T23:00-05:00", "2021-03-15"), ("2021-05-03", "2021-05-04T23:30-03:00")]
    root = _with_timeline(tmp_path, "Europe/Berlin", moments)
    ex = Explainer.load(root)
    events = _events(ics.render(ex.data))
    zone = ex.data.event.timezone
    for entry in ex.data.timeline.values():
        ev = events[entry.title]
        assert ev.decoded("DTSTART") == ex.local_day(entry)
        end = entry.end.at.astimezone(ZoneInfo(zone)).date() if entry.end.at else entry.end.day
        assert ev.decoded("DTEND") == end + timedelta(days=1)
