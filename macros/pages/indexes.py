"""The explainer's records sorted and grouped once per build, so no template scans every record once
per record: the timeline in reading order, statements by date and by speaker, relations by target,
entries by actor, actors and sources in the groups their pages show.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from zoneinfo import ZoneInfo

from ..data.dataset import Dataset
from . import groups


class Indexes:
    data: Dataset

    def _index(self) -> None:
        """Sort and group once per build, so no template scans every record once per record."""
        d = self.data
        order = {entry_id: n for n, entry_id in enumerate(d.timeline)}  # the file's order breaks ties
        self._timeline = sorted(
            d.timeline.values(),
            key=lambda e: (self.local_day(e), e.start.at is not None, e.start.utc_sort, order[e.id]),
        )
        self._statements = sorted(d.statements.values(), key=lambda s: s.date)  # stable: file order breaks ties
        self._said: dict[str, list] = {a: [] for a in d.actors}
        self._involved: dict[str, list] = {a: [] for a in d.actors}
        self._incoming: dict[str, list] = {s: [] for s in d.statements}
        for st in self._statements:
            self._said[st.actor].append(st)
            for rel in st.related:
                self._incoming[rel.statement].append((rel.relation, st))
        for e in self._timeline:
            for a in dict.fromkeys(e.actors):
                self._involved[a].append(e)
        self._days = self.days_of(self._timeline)
        self._groups = groups.by_home_kind(d.actors)
        ordered = sorted(d.sources.values(), key=lambda s: (s.published is None, s.published))  # n.d. last
        self._cited = [s for s in ordered if not s.further_reading]
        self._further = [s for s in ordered if s.further_reading]

    def days_of(self, entries):
        """Entries (in reading order) grouped by their local day."""
        return [(day, list(group)) for day, group in groupby(entries, key=self.local_day)]

    def actor_groups(self):
        return self._groups

    def cited_sources(self):
        return self._cited

    def further_reading(self):
        return self._further

    def sources_in_order(self):
        """The sources as the sources page lists them: cited ones by outlet group, then further reading."""
        return [s for g in groups.by_outlet(self._cited) for s in g.records] + self._further

    def local_day(self, entry) -> date:
        """The day an entry falls on in the event's time zone."""
        at = entry.start.at
        return at.astimezone(ZoneInfo(self.data.event.timezone)).date() if at else entry.start.day

    def timeline(self):
        """Entries in reading order: by local day, whole-day entries before timed ones."""
        return self._timeline

    def statements_by_date(self):
        """Statements in date order; the file's order breaks ties, as on the timeline."""
        return self._statements

    def statements_by(self, actor_id: str):
        return self._said[actor_id]

    def related_to(self, statement_id: str):
        """Statements that name this one in their `related` list, with how they relate."""
        return self._incoming[statement_id]

    def involving(self, actor_id: str):
        """An actor's statements and timeline entries, each in date order."""
        return self._said[actor_id], self._involved[actor_id]

    def timeline_days(self):
        return self._days
