"""Stage 3: rules that span records and files.

The model checks each record's shape; these rules check what only the whole
dataset can tell: that every id referred to exists, that ids are unique, and
that dates, quotations and addresses agree with each other. Ids and references
are read from the raw data, so a record with a typo elsewhere still counts.
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


# Where records refer to other records: (file, path, kind). "*" stands for every item of a list.
REFS = (
    ("event", ("event", "key_facts", "*", "sources", "*"), "sources"),
    ("event", ("event", "disputes", "*", "sides", "*", "sources", "*"), "sources"),
    ("event", ("event", "disputes", "*", "sides", "*", "actors", "*"), "actors"),
    ("actors", ("actors", "*", "sources", "*"), "sources"),
    ("actors", ("actors", "*", "affiliation"), "actors"),
    ("statements", ("statements", "*", "actor"), "actors"),
    ("statements", ("statements", "*", "sources", "*"), "sources"),
    ("statements", ("statements", "*", "related", "*", "statement"), "statements"),
    ("timeline", ("timeline", "*", "actors", "*"), "actors"),
    ("timeline", ("timeline", "*", "sources", "*"), "sources"),
)
# Lists whose items have ids that must be unique within the list.
ID_LISTS = {"event": (("event", "key_facts"), ("event", "disputes")), "sources": (("sources",),),
            "actors": (("actors",),), "statements": (("statements",),), "timeline": (("timeline",),)}


def _walk(value, pattern: tuple, path: tuple = ()):
    """Every (path, text) that `pattern` reaches in the raw data."""
    if not pattern:
        if isinstance(value, str):
            yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(value if isinstance(value, list) else []):
            yield from _walk(item, rest, path + (i,))
    elif isinstance(value, dict) and head in value:
        yield from _walk(value[head], rest, path + (head,))


def unique_ids(loaded: Loaded, list_path: tuple) -> list[Problem]:
    """Ids repeated within one list, read from the raw data so that broken records count too."""
    problems, seen, folded = [], {}, {}
    items = loaded.data
    for part in list_path:
        items = items.get(part) if isinstance(items, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        value = item.get("id") if isinstance(item, dict) else None
        if not isinstance(value, str) or loaded.is_flagged(list_path + (i, "id")):
            continue
        path = list_path + (i, "id")
        line = loaded.at(path)[0]
        if value in seen:
            problems.append(loaded.problem(path, f"the id '{value}' is already used on line {seen[value]}",
                                           "ids must be unique: rename one of the two records"))
        elif value.lower() in folded:
            other, other_line = folded[value.lower()]
            problems.append(loaded.problem(path, f"the id '{value}' differs from '{other}' (line {other_line}) "
                                                 "only in capital letters",
                                           "ids are lowercase and must be unique: rename or merge the records"))
        seen.setdefault(value, line)
        folded.setdefault(value.lower(), (value, line))
    return problems


def known_ids(files: dict[str, Loaded]) -> dict[str, set]:
    """The ids each readable list file defines, broken records included."""
    return {stem: {v for _, v in _walk(files[stem].data, (stem, "*", "id"))}
            for stem in ("sources", "actors", "statements", "timeline") if stem in files}


def references(files: dict[str, Loaded]) -> list[Problem]:
    """Every reference to an id that no record has; files that could not be read are not held against."""
    problems, known = [], known_ids(files)
    for stem, pattern, kind in REFS:
        loaded = files.get(stem)
        if loaded is None or kind not in known:
            continue
        what = kind[:-1]
        for path, ref in _walk(loaded.data, pattern):
            if ref not in known[kind] and not loaded.is_flagged(path):
                problems.append(loaded.problem(path, f"unknown {what} '{ref}'",
                                               did_you_mean(ref, known[kind], f"{what.capitalize()}s are defined "
                                                                              f"in {_WHERE[kind]}.", f"known {kind}")))
    return problems


def cross_file(records: dict, files: dict[str, Loaded]) -> list[Problem]:
    """Rules on valid records that need more than one field or record."""
    problems: list[Problem] = []
    event = records.get("event")
    if event is not None and event.end and event.end < event.start:
        problems.append(files["event"].problem(("event", "end"), f"the event ends ({event.end}) before it starts "
                                                                 f"({event.start})", "check both dates"))

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
                differ = [name for name, attr in (("publisher", "publisher"), ("title", "title"),
                                                  ("publication date", "published"))
                          if getattr(other, attr) != getattr(src, attr)]
                problems.append(f.problem(where, f"this address is already used by source '{other.id}' (line {line})"
                                          + (f", whose {_and(differ)} differ{'s' if len(differ) == 1 else ''}"
                                             if differ else ""),
                                          "use one source per address: merge the two records, keeping the "
                                          "details that match the page"))
            else:
                by_url.setdefault(key, (src, f.at(base)[0]))

    f = files.get("actors")
    for i, actor in records.get("actors", []):
        if actor.affiliation == actor.id:
            problems.append(f.problem(("actors", i, "affiliation"), "an actor cannot be affiliated with itself",
                                      "name the organisation the actor belongs to, or remove the field"))

    f = files.get("statements")
    for i, st in records.get("statements", []):
        base = ("statements", i)
        for j, rel in enumerate(st.related):
            if rel.statement == st.id:
                problems.append(f.problem(base + ("related", j, "statement"), "a statement cannot relate to itself",
                                          "name another statement's id"))
        problems += _quote_rules(f, base, st)

    f = files.get("timeline")
    for i, entry in records.get("timeline", []):
        if entry.end and entry.end.utc_sort < entry.start.utc_sort:
            problems.append(f.problem(("timeline", i, "end"), f"the entry ends ({entry.end}) before it starts "
                                                              f"({entry.start})",
                                      "check 'start' and 'end'; 'end' must not be earlier"))
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


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _normal_url(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"
