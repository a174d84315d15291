"""What changed, as an account for the reviewer: plain text for the terminal, Markdown for a job summary.

A story-altering change to a record that was already published (present at
BASE) must be logged: a new `correction` in the updates log that names the
record under `records:`. Those that are not are listed with the entry to add.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..data import kinds
from ..data.dataset import Dataset
from ..data.errors import escaped
from . import prose, records

LONG = 60  # characters: longer text is shown as a word diff, shorter as old → new
CONTEXT = 4  # words kept either side of a change in a word diff
GIST_WORDS = 12
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")  # what could start markup or HTML inside a line


def _entry(u) -> tuple:
    return (u.date.isoformat(), u.kind, u.text, tuple(u.records))


@dataclass
class Review:
    base: str  # how the base is named to editors
    changes: list[records.RecordChange]
    event: list[records.FieldChange]
    logged: list[Any]  # updates new since BASE
    dropped: list[Any]  # updates at BASE that are gone or were rewritten
    unlogged: list[records.RecordChange]  # story-altering changes to published records, no correction names
    citations: list[prose.CitationChange]
    cited_at_base: dict[str, list[str]] = field(default_factory=dict)  # source id -> pages citing it at BASE

    @property
    def flagged(self) -> list[records.RecordChange]:
        """What --strict fails on: corrections not logged, and removals that alter the story."""
        return self.unlogged + [c for c in self.changes if c.how == "removed" and c.alters_story]


def review(label: str, base: Dataset, now: Dataset, base_pages: dict, now_pages: dict) -> Review:
    changes = records.compare(base, now)
    old_log = {_entry(u) for u in base.event.updates}
    new_updates = [u for u in now.event.updates if _entry(u) not in old_log]
    kept = {_entry(u) for u in now.event.updates}
    dropped = [u for u in base.event.updates if _entry(u) not in kept]
    corrected = {r for u in new_updates if u.kind == kinds.LOG.correction for r in u.records}
    unlogged = [c for c in changes if c.how in ("changed", "renamed") and c.alters_story and c.id not in corrected]
    cited: dict[str, list[str]] = {}
    for page, found in base_pages.items():
        for source in dict.fromkeys(s for c in found for s in c.sources):
            cited.setdefault(source, []).append(page)
    return Review(
        label, changes, records.event_fields(base, now), new_updates, dropped, unlogged,
        prose.compare(base_pages, now_pages), cited,
    )  # fmt: skip


def _excerpt(text: str, words: int = GIST_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


class Style:
    """Plain text; `Markdown` overrides the marks."""

    def text(self, value: Any) -> str:
        return escaped(str(value))

    def code(self, value: str) -> str:
        return self.text(value)

    def heading(self, title: str) -> str:
        return f"\n{title}"

    def item(self, depth: int, line: str) -> str:
        return "  " * depth + ("- " if depth == 0 else "") + line

    def old_new(self, old: str, new: str) -> str:
        return f"{old} → {new}"

    def cut(self, words: str) -> str:
        return f"[-{words}-]"

    def put(self, words: str) -> str:
        return f"{{+{words}+}}"

    def strong(self, words: str) -> str:
        return f"[{words}]"

    def block(self, lines: list[str], depth: int) -> list[str]:
        return ["  " * depth + line for line in lines]


class Markdown(Style):
    def text(self, value: Any) -> str:
        plain = " ".join(escaped(str(value)).split())
        return _MARKDOWN_SPECIAL.sub(r"\\\1", plain)

    def code(self, value: str) -> str:
        return f"`{escaped(value).replace('`', '')}`"

    def heading(self, title: str) -> str:
        return f"\n### {title}\n"

    def item(self, depth: int, line: str) -> str:
        return "  " * depth + "- " + line

    def cut(self, words: str) -> str:
        return f"~~{words}~~"

    def put(self, words: str) -> str:
        return f"**{words}**"

    def strong(self, words: str) -> str:
        return f"**{words}**"

    def block(self, lines: list[str], depth: int) -> list[str]:
        pad = "  " * depth
        return [pad + "```yaml", *(pad + line for line in lines), pad + "```"]


def word_diff(old: str, new: str, s: Style) -> str:
    """The words cut and put, with a few unchanged words either side of each change."""
    a, b = old.split(), new.split()
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    out: list[str] = []
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        if op != "equal":
            out += [s.cut(s.text(" ".join(a[i1:i2])))] * (i2 > i1) + [s.put(s.text(" ".join(b[j1:j2])))] * (j2 > j1)
            continue
        same = a[i1:i2]
        head = [] if n == 0 else same[:CONTEXT]
        tail = [] if n == len(ops) - 1 else same[-CONTEXT:]
        if len(same) <= max(len(head) + len(tail), CONTEXT):
            out.append(s.text(" ".join(same)))
        else:
            out += [s.text(" ".join(head))] * bool(head) + ["…"] + [s.text(" ".join(tail))] * bool(tail)
    return " ".join(out)


def _value(v: Any, s: Style) -> str:
    if v is None:
        return "(not given)"
    if isinstance(v, tuple):
        return ", ".join(s.code(str(x)) for x in v) or "(none)"
    return s.code(str(v)) if len(str(v)) <= LONG else s.text(_excerpt(str(v)))


def field_line(f: records.FieldChange, s: Style) -> str:
    mark = " " + s.strong("alters the story") if f.story else ""
    old, new = f.old, f.new
    if isinstance(old, tuple) and isinstance(new, tuple):
        added = [x for x in new if x not in old]
        dropped = [x for x in old if x not in new]
        parts = ([f"added {_value(tuple(added), s)}"] if added else []) + (
            [f"removed {_value(tuple(dropped), s)}"] if dropped else []
        )
        what = "; ".join(parts) or f"reordered: {_value(new, s)}"
    elif isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG:
        what = word_diff(old, new, s)
    else:
        what = s.old_new(_value(old, s), _value(new, s))
    return f"{s.code(f.name)}{mark}: {what}"


def _record_lines(c: records.RecordChange, review_: Review, s: Style) -> list[str]:
    gist = f": {s.text(_excerpt(c.gist))}" if c.gist else ""
    mark = " " + s.strong("alters the story") if c.how == "removed" and c.alters_story else ""
    head = f"{c.how} {s.code(c.id)}" + (f" (was {s.code(c.old_id)})" if c.how == "renamed" else "")
    lines = [s.item(0, head + gist + mark)]
    lines += [s.item(1, field_line(f, s)) for f in c.fields]
    if c.how != "removed" and c.alters_story and c not in review_.unlogged:
        lines.append(s.item(1, "logged as a correction"))
    if c.lost_sources:
        lost = ", ".join(s.code(x) for x in c.lost_sources)
        lines.append(s.item(1, f"{s.strong('alters the story')}: none of the sources it rested on remain ({lost})"))
    users = c.used_by + review_.cited_at_base.get(c.id, []) * (c.kind.name == "source")
    if c.how == "removed" and users:
        lines.append(s.item(1, "used at BASE by " + ", ".join(s.text(u) for u in users)))
    return lines


def _why(c: records.RecordChange, s: Style) -> str:
    fields = [s.code(f.name) for f in c.fields if f.story]
    return ", ".join(fields + ["its sources"] * bool(c.lost_sources))


def correction_entry(ids: list[str], today: date) -> list[str]:
    """The updates-log entry that logs these records as corrected, as an editor would write it."""
    return [
        f"- date: {today.isoformat()}",
        f"  kind: {kinds.LOG.correction}",
        '  text: "REPLACE: what was wrong, and what it says now"',
        f"  {kinds.LOG.records[0]}: [{', '.join(ids)}]",
    ]


def _records(r: Review, s: Style) -> list[str]:
    lines = []
    for kind in kinds.KINDS:
        mine = [c for c in r.changes if c.kind is kind]
        if mine:
            lines.append(s.heading(kind.plural.capitalize()))
            lines += [line for c in mine for line in _record_lines(c, r, s)]
    if r.event:
        lines.append(s.heading("The event"))
        lines += [s.item(0, field_line(f, s)) for f in r.event]
    return lines


def _log(r: Review, s: Style) -> list[str]:
    lines = [s.heading("Updates log")] if r.logged or r.dropped else []
    for how, updates in (("new", r.logged), ("removed or rewritten", r.dropped)):
        for u in updates:
            named = f" (records: {', '.join(s.code(i) for i in u.records)})" if u.records else ""
            lines.append(s.item(0, f"{how} {u.kind} of {u.date.isoformat()}: {s.text(_excerpt(u.text))}{named}"))
    return lines


def _citations(r: Review, s: Style) -> list[str]:
    lines = [s.heading("Citations in docs/")] if r.citations else []
    for c in r.citations:
        what = [f"now cites {', '.join(map(s.code, c.added))}"] * bool(c.added)
        what += [f"no longer cites {', '.join(map(s.code, c.removed))}"] * bool(c.removed)
        lines.append(s.item(0, f"{s.code(c.page)}: “{s.text(_excerpt(c.sentence))}” {' and '.join(what)}"))
    return lines


def _unlogged(r: Review, s: Style, today: date) -> list[str]:
    if not r.unlogged:
        return []
    lines = [s.heading("Corrections not logged")]
    for c in r.unlogged:
        lines.append(s.item(0, f"{c.kind.name} {s.code(c.id)}: {_why(c, s)} changed, and it was published"))
    lines.append(s.item(0, f"hint: log the correction: add to the updates in {kinds.LOG.label}"))
    return lines + s.block(correction_entry([c.id for c in r.unlogged], today), 2)


def render(r: Review, s: Style, today: date) -> str:
    title = f"Changes since {s.text(r.base)}"
    lines = [f"## {title}" if isinstance(s, Markdown) else title]
    lines += _records(r, s) + _log(r, s) + _citations(r, s) + _unlogged(r, s, today)
    return "\n".join([*lines, "", summary(r)]) + "\n"


def summary(r: Review) -> str:
    story = sum(c.alters_story for c in r.changes)
    n = len(r.changes) + bool(r.event) + len(r.citations)
    if not n and not r.logged and not r.dropped:
        return "No change to the records, the event or the citations."
    return (
        f"{len(r.changes)} record{'s' * (len(r.changes) != 1)} added, removed or changed, "
        f"{story} of them altering the story; "
        f"{len(r.citations)} citation change{'s' * (len(r.citations) != 1)} in docs/; "
        f"{len(r.unlogged)} correction{'s' * (len(r.unlogged) != 1)} not logged."
    )
