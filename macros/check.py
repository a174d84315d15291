"""Stage 3: rules that span records and files.

The model checks each record's shape; these rules check what only the whole
dataset can tell: that every id referred to exists, that ids are unique, that
every claim cites a source, and that dates and addresses agree with each other.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .errors import Problem, did_you_mean
from .load import Loaded

_QUOTE_MARKS = "\"'“”„«»‘’‚‹›"
_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/(\d{8})\d{0,6}/\S+$")
_ARCHIVE_TODAY = ("archive.ph", "archive.today", "archive.is", "archive.li", "archive.md", "archive.vn")
_WHERE = {"sources": "data/sources.yml", "actors": "data/actors.yml", "statements": "data/statements.yml"}


def cross_file(records: dict, raw_ids: dict, files: dict[str, Loaded]) -> list[Problem]:
    problems: list[Problem] = []
    known = {stem: set() for stem in ("sources", "actors", "statements", "timeline")}
    for stem, ids in raw_ids.items():
        problems += _unique_ids(ids, files[stem])
        known[stem] = {i for i, _ in ids if isinstance(i, str)}

    def refs(loaded, path, ids, kind, what):
        for n, ref in enumerate(ids):
            _one(loaded, path + (n,), ref, kind, what)

    def _one(loaded, path, ref, kind, what):
        if ref not in known[kind]:
            problems.append(loaded.problem(path, f"unknown {what} '{ref}'",
                                           did_you_mean(ref, known[kind], f"{what.capitalize()}s are defined "
                                                                          f"in {_WHERE[kind]}.")))

    event = records.get("event")
    if event is not None:
        f = files["event"]
        for i, fact in enumerate(event.key_facts):
            refs(f, ("event", "key_facts", i, "sources"), fact.sources, "sources", "source")
        for i, dispute in enumerate(event.disputes):
            for j, side in enumerate(dispute.sides):
                base = ("event", "disputes", i, "sides", j)
                refs(f, base + ("sources",), side.sources, "sources", "source")
                refs(f, base + ("actors",), side.actors, "actors", "actor")
        if event.end and event.end < event.start:
            problems.append(f.problem(("event", "end"), f"the event ends ({event.end}) before it starts "
                                                        f"({event.start})", "check both dates"))
        problems += _unique_ids([(d.id, ("event", "disputes", i)) for i, d in enumerate(event.disputes)], f)
        problems += _unique_ids([(k.id, ("event", "key_facts", i)) for i, k in enumerate(event.key_facts)], f)

    f = files.get("sources")
    by_url: dict[str, tuple] = {}
    for i, src in records.get("sources", []):
        base = ("sources", i)
        if src.accessed < src.published:
            problems.append(f.problem(base + ("accessed",), f"the source was accessed ({src.accessed}) before it "
                                                            f"was published ({src.published})", "check both dates"))
        if src.archive:
            problems += _archive(f, base, src)
        for addr, where in ((src.url, base + ("url",)), (src.copy_.url if src.copy_ else None, base + ("copy", "url"))):
            if addr is None:
                continue
            key = _normal_url(addr)
            if key in by_url and by_url[key][0].id != src.id:
                other, line = by_url[key]
                same = (other.publisher, other.title, other.published) == (src.publisher, src.title, src.published)
                problems.append(f.problem(where, f"this address is already source '{other.id}' (line {line})"
                                          + ("" if same else " with different details"),
                                          "use one source id per address; merge the two records"))
            else:
                by_url.setdefault(key, (src, f.at(base)[0]))

    f = files.get("actors")
    for i, actor in records.get("actors", []):
        refs(f, ("actors", i, "sources"), actor.sources, "sources", "source")
        if actor.affiliation == actor.id:
            problems.append(f.problem(("actors", i, "affiliation"), "an actor cannot be affiliated with itself",
                                      "name the organisation the actor belongs to, or remove the field"))
        elif actor.affiliation:
            _one(f, ("actors", i, "affiliation"), actor.affiliation, "actors", "actor")

    f = files.get("statements")
    for i, st in records.get("statements", []):
        base = ("statements", i)
        _one(f, base + ("actor",), st.actor, "actors", "actor")
        refs(f, base + ("sources",), st.sources, "sources", "source")
        for j, rel in enumerate(st.related):
            if rel.statement == st.id:
                problems.append(f.problem(base + ("related", j, "statement"), "a statement cannot relate to itself",
                                          "name another statement's id"))
            else:
                _one(f, base + ("related", j, "statement"), rel.statement, "statements", "statement")
        problems += _quote_rules(f, base, st)

    f = files.get("timeline")
    for i, entry in records.get("timeline", []):
        base = ("timeline", i)
        refs(f, base + ("actors",), entry.actors, "actors", "actor")
        refs(f, base + ("sources",), entry.sources, "sources", "source")
        if entry.end and entry.end.utc_sort < entry.start.utc_sort:
            problems.append(f.problem(base + ("end",), "the entry ends before it starts",
                                      "check 'start' and 'end'; 'end' must not be earlier"))
    return problems


def _unique_ids(ids: list, loaded: Loaded) -> list[Problem]:
    problems, seen, folded = [], {}, {}
    for value, path in ids:
        if not isinstance(value, str):
            continue
        line = loaded.at(path + ("id",))[0]
        if value in seen:
            problems.append(loaded.problem(path + ("id",), f"the id '{value}' is already used on line {seen[value]}",
                                           "ids must be unique: rename one of the two records"))
        elif value.lower() in folded:
            other, other_line = folded[value.lower()]
            problems.append(loaded.problem(path + ("id",), f"the id '{value}' differs from '{other}' "
                                                           f"(line {other_line}) only in capital letters",
                                           "ids are lowercase and must be unique: rename or merge the records"))
        seen.setdefault(value, line)
        folded.setdefault(value.lower(), (value, line))
    return problems


def _quote_rules(f: Loaded, base: tuple, st) -> list[Problem]:
    problems = []
    if st.quote is None and st.paraphrase is None:
        problems.append(f.problem(base, "a statement needs either 'quote' (exact words) or 'paraphrase'",
                                  "add 'quote: \"…\"' with the exact words, or 'paraphrase: …'"))
    if st.quote is not None and st.paraphrase is not None:
        problems.append(f.problem(base + ("paraphrase",), "a statement has either a quote or a paraphrase, not both",
                                  "keep 'quote' for exact words, or 'paraphrase' for your summary"))
    if st.paraphrase is not None:
        text = st.paraphrase.strip()
        if len(text) > 1 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS:
            problems.append(f.problem(base + ("paraphrase",), "the paraphrase is written as a quotation",
                                      "remove the quotation marks; if these are the exact words, use 'quote:'"))
    if st.original_text is not None and st.translated_from is None:
        problems.append(f.problem(base + ("original_text",), "the original text is given but not its language",
                                  "add 'translated_from: ru' (the original's language code)"))
    if st.translated_from is not None and st.quote is None:
        problems.append(f.problem(base + ("translated_from",), "only a quote can be a translation",
                                  "remove 'translated_from', or give the exact words under 'quote'"))
    return problems


def _archive(f: Loaded, base: tuple, src) -> list[Problem]:
    url, problems = src.archive.url, []
    path = base + ("archive", "url")
    host = urlsplit(url).hostname or ""
    wayback = _WAYBACK.match(url)
    if not wayback and host not in _ARCHIVE_TODAY:
        return [f.problem(path, "this is not the address of an archived copy",
                          "use a Wayback Machine snapshot (https://web.archive.org/web/20220314…/…) or an "
                          "archive.today address; leave 'archive' out when there is none")]
    snap = wayback[1] if wayback else None
    if snap and f"{snap[:4]}-{snap[4:6]}-{snap[6:]}" < src.published.isoformat():
        problems.append(f.problem(path, f"the snapshot is dated {snap[:4]}-{snap[4:6]}-{snap[6:]}, before the "
                                        f"source was published ({src.published})",
                                  "an archived copy cannot predate the source: check the address"))
    if src.archive.date < src.published:
        problems.append(f.problem(base + ("archive", "date"), f"the archive date ({src.archive.date}) is before "
                                                              f"the source was published ({src.published})",
                                  "check both dates"))
    return problems


def _normal_url(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"
