"""Every place that cites each source, for the sources page's back-links ("Cited in")."""

from __future__ import annotations

from dataclasses import dataclass

from ..data import kinds
from .links import anchor


@dataclass(frozen=True, slots=True)
class Place:
    page: str  # src path of the page
    anchor: str
    label: str


def places_of(ex) -> dict[str, list[Place]]:
    """`ex`: the explainer (site.Explainer), whose pages, parts and records are read."""
    out: dict[str, list[Place]] = {s: [] for s in ex.data.sources}
    titles = {src: ex.page_title(src) for src in ex.pages.pages}
    lang, _ = ex.lang, ex.lang.gettext

    def add(kind: str, record_id: str, text: str, ids):
        host = ex.pages.host(kinds.BY_NAME[kind].block)
        if host is not None:
            page = ex.plan.holder.get((kinds.BY_NAME[kind].block, record_id), host)
            # One place, listed under each source the record cites: the list lives to the end of the build.
            place = Place(
                page, anchor(kind, record_id), _("%(page)s: %(place)s") % {"page": titles[host], "place": text}
            )
            for s in dict.fromkeys(ids):
                out[s].append(place)

    for src, info in ex.pages.pages.items():
        for s in dict.fromkeys(info.cited):
            out[s].append(Place(src, f"ref-{s}", _("%(page)s: main text") % {"page": titles[src]}))
    ev, data = ex.data.event, ex.data
    for n, fact in enumerate(ev.key_facts, 1):
        add("fact", fact.id, _("key fact %(number)s") % {"number": lang.number(n)}, fact.sources)
    for d in ev.disputes:
        add("dispute", d.id, d.question, [s for side in d.sides for s in side.sources])
    for e in ex.timeline():
        add("entry", e.id, _("%(date)s, %(title)s") % {"date": lang.date(e.start.day), "title": e.title}, e.sources)
    for st in data.statements.values():
        said = {"name": data.actors[st.actor].name, "date": lang.date(st.date)}
        add("statement", st.id, _("%(name)s, %(date)s") % said, st.sources)
    for a in data.actors.values():
        add("actor", a.id, a.name, a.sources)
    return out
