"""How the sources and actors pages group their records, for readers scanning them.

Sources group by the kind of outlet, in the vocabulary's order, with sources
whose outlet is not recorded last. Actors group by the kind of body they are
or belong to: a person with an affiliation sits with the organisation named,
so a spokesperson appears beside the ministry, not among all people.
Groups keep the data file's order inside them and never come out empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..data import vocab


@dataclass(frozen=True)
class Group:
    key: str | None  # an outlet or actor kind; None: sources whose outlet is not recorded
    records: list


def by_outlet(sources: Iterable) -> list[Group]:
    sources = list(sources)
    order = list(vocab.OUTLETS) + [None]
    return [
        Group(key, [s for s in sources if s.outlet == key]) for key in order if any(s.outlet == key for s in sources)
    ]


def home_kind(actor, actors: dict) -> str:
    """The kind of the body an actor is, or belongs to when it names an affiliation (followed to its end)."""
    seen = {actor.id}
    while actor.affiliation in actors and actor.affiliation not in seen:
        actor = actors[actor.affiliation]
        seen.add(actor.id)
    return actor.kind


def by_home_kind(actors: dict) -> list[Group]:
    """Groups in the order the data file first names each kind, so editors' order leads."""
    groups: dict[str, list] = {}
    for a in actors.values():
        groups.setdefault(home_kind(a, actors), []).append(a)
    return [Group(kind, members) for kind, members in groups.items()]


def within(groups: list[Group], ids: set[str]) -> list[Group]:
    """The groups cut down to the records whose ids are given (one part of a split page), none empty."""
    cut = [Group(g.key, [r for r in g.records if r.id in ids]) for g in groups]
    return [g for g in cut if g.records]
