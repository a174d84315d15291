"""The rules across records: small named functions in RULES, each run on the valid records and each
with a case of its own in tests/inputs/invalid/ (named by `case`). A new rule is one function here.
Ids and references, which are read from the raw data, are checked in refs.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from . import kinds, model, vocab
from .errors import Problem, did_you_mean
from .positions import Loaded
from .webhost import host as web_host

_QUOTE_MARKS = "\"'“”„«»‘’‚‹›"
_WAYBACK = re.compile(r"https?://web\.archive\.org/web/(\d{8})\d{0,6}/\S+")
_ARCHIVE_TODAY = ("archive.ph", "archive.today", "archive.is", "archive.li", "archive.md", "archive.vn")


@dataclass
class At:
    """Where a valid record is, so a rule can point at one of its fields."""

    loaded: Loaded
    path: tuple

    def problem(self, sub: tuple, message: str, hint: str = "") -> Problem:
        return self.loaded.problem(self.path + sub, message, hint)


@dataclass
class Checking:
    """The valid records, for the rules."""

    valid: dict[str, list[tuple[Loaded, int, Any]]]  # file stem -> [(file, index in it, record)]

    def each(self, kind: str) -> Iterator[tuple[At, Any]]:
        """Every valid record of a kind ("event" for the event), with where it is."""
        if kind == kinds.EVENT_FILE:
            for loaded, _, event in self.valid.get(kind, []):
                yield At(loaded, (kind,)), event
            return
        k = kinds.BY_NAME[kind]
        if k.own_file:
            for loaded, i, record in self.valid.get(k.file, []):
                yield At(loaded, k.where + (i,)), record
        else:  # records inside the event
            for at, event in self.each(kinds.EVENT_FILE):
                for i, record in enumerate(getattr(event, k.where[-1])):
                    yield At(at.loaded, k.where + (i,)), record


Rule = Callable[[Checking], Iterable[Problem]]
RULES: list[tuple[str, Rule]] = []  # (the corpus case that shows it, the rule)


def rule(case: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES.append((case, fn))
        return fn

    return register


def run_rules(c: Checking) -> list[Problem]:
    return [p for _, fn in RULES for p in fn(c)]


@rule("event_ends_before_it_starts")
def event_dates_in_order(c: Checking):
    for at, event in c.each("event"):
        if event.end and event.end < event.start:
            yield at.problem(
                ("end",), f"the event ends ({event.end}) before it starts ({event.start})", "check both dates"
            )


@rule("accessed_before_published")
def accessed_after_published(c: Checking):
    for at, src in c.each("source"):
        if src.published and src.accessed < src.published.first_day:
            yield at.problem(
                ("accessed",),
                f"the source was accessed ({src.accessed}) before it was published ({src.published})",
                "check both dates",
            )


@rule("archive_not_an_archive")
def archived_copies(c: Checking):
    for at, src in c.each("source"):
        if src.archive:
            yield from _archive(at, src)


@rule("same_url_two_sources")
def one_source_per_address(c: Checking):
    by_url: dict[str, tuple] = {}
    for at, src in c.each("source"):
        for addr, sub in ((src.url, ("url",)), (src.copy_.url if src.copy_ else None, ("copy", "url"))):
            if addr is None:
                continue
            key = _normal_url(addr)
            if key not in by_url:
                by_url[key] = (src, at)  # its line only if a second source has the address
                continue
            other, there = by_url[key]
            if other.id == src.id:
                continue
            line = there.loaded.at(there.path)[0]
            differ = [
                name
                for name, attr in (("publisher", "publisher"), ("title", "title"), ("publication date", "published"))
                if getattr(other, attr) != getattr(src, attr)
            ]
            yield at.problem(
                sub,
                f"this address is already used by source '{other.id}' (line {line})"
                + (f", whose {_and(differ)} differ{'s' if len(differ) == 1 else ''}" if differ else ""),
                "use one source per address: merge the two records, keeping the details that match the page",
            )


@rule("actor_affiliated_with_itself")
def not_affiliated_with_itself(c: Checking):
    for at, actor in c.each("actor"):
        if actor.affiliation == actor.id:
            yield at.problem(
                ("affiliation",),
                "an actor cannot be affiliated with itself",
                "name the organisation the actor belongs to, or remove the field",
            )


@rule("statement_relates_to_itself")
def not_related_to_itself(c: Checking):
    for at, st in c.each("statement"):
        for j, rel in enumerate(st.related):
            if rel.statement == st.id:
                yield at.problem(
                    ("related", j, "statement"), "a statement cannot relate to itself", "name another statement's id"
                )


@rule("quote_and_paraphrase")
def quote_or_paraphrase(c: Checking):
    for at, st in c.each("statement"):
        yield from _quote_rules(at, st)


@rule("timeline_end_before_start")
def entry_dates_in_order(c: Checking):
    for at, entry in c.each("entry"):
        if entry.end and entry.end.utc_sort < entry.start.utc_sort:
            yield at.problem(
                ("end",),
                f"the entry ends ({entry.end}) before it starts ({entry.start})",
                "check 'start' and 'end'; 'end' must not be earlier",
            )


@rule("unknown_venue")
def known_vocabulary(c: Checking):
    """Venues and timeline kinds: built in, or declared under `vocabulary:` in data/event.yml."""
    own = next((event.vocabulary for _, event in c.each("event")), None)
    if own is None:
        return
    for kind, field, name in (("statement", "venue", "venues"), ("entry", "kind", "timeline_kinds")):
        allowed = {**vocab.EXTENSIBLE[name], **getattr(own, name)}
        for at, record in c.each(kind):
            value = getattr(record, field)
            if value not in allowed:
                yield at.problem(
                    (field,),
                    f"'{value}' is not a known {field}",
                    did_you_mean(
                        value,
                        allowed,
                        f"To add it, declare it under 'vocabulary: {name}:' in data/event.yml "
                        f"with the words readers see.",
                        "known values",
                    ),
                )


def warnings(c: Checking) -> list[Problem]:
    """What `make check` reports without failing: a quote edited after `make verify-record` checked it.
    Its reader note is already hidden (the hash no longer matches); the editor should check it again."""
    quotes = {st.id: (at, st.quote) for at, st in c.each("statement")}
    out = []
    for _, record in c.each("verification"):
        at, quote = quotes.get(record.id, (None, None))
        if at is not None and (quote is None or model.quote_sha256(quote) != record.quote_sha256):
            out.append(
                at.problem(
                    ("quote",) if quote is not None else (),
                    "quote changed since it was verified; run make verify",
                    "then `make verify-record` records it again; until then the site shows no "
                    "'Checked against' note for it",
                )
            )
    return out


def _quote_rules(at: At, st) -> list[Problem]:
    problems = []
    if st.quote is None and st.paraphrase is None:
        problems.append(
            at.problem(
                (),
                "a statement needs either 'quote' (exact words) or 'paraphrase'",
                "add 'quote: \"…\"' with the exact words, or 'paraphrase: …'",
            )
        )
    if st.quote is not None and st.paraphrase is not None:
        problems.append(
            at.problem(
                ("paraphrase",),
                "a statement has either a quote or a paraphrase, not both",
                "keep 'quote' for exact words, or 'paraphrase' for your summary",
            )
        )
    if st.paraphrase is not None:
        text = st.paraphrase.strip()
        if len(text) > 1 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS:
            problems.append(
                at.problem(
                    ("paraphrase",),
                    "the paraphrase is written as a quotation",
                    "remove the quotation marks; if these are the exact words, use 'quote:'",
                )
            )
    if st.original_text is not None and st.translated_from is None:
        problems.append(
            at.problem(
                ("original_text",),
                "the original text is given but not its language",
                "add 'translated_from: ru' (the original's language code)",
            )
        )
    if st.translated_from is not None and st.quote is None:
        problems.append(
            at.problem(
                ("translated_from",),
                "only a quote can be a translation",
                "remove 'translated_from', or give the exact words under 'quote'",
            )
        )
    return problems


def _archive(at: At, src) -> list[Problem]:
    url, problems = src.archive.url, []
    path = ("archive", "url")
    host = web_host(url)  # the host a browser opens, which `urlsplit` can get wrong
    wayback = _WAYBACK.fullmatch(url) if host == "web.archive.org" else None
    if not wayback and host not in _ARCHIVE_TODAY:
        return [
            at.problem(
                path,
                "this is not the address of an archived copy",
                "use a Wayback Machine snapshot (https://web.archive.org/web/20220314…/…) or an "
                "archive.today address; leave 'archive' out when there is none",
            )
        ]
    snap = wayback[1] if wayback else None
    if snap and src.published and f"{snap[:4]}-{snap[4:6]}-{snap[6:]}" < src.published.first_day.isoformat():
        problems.append(
            at.problem(
                path,
                f"the snapshot is dated {snap[:4]}-{snap[4:6]}-{snap[6:]}, before the "
                f"source was published ({src.published})",
                "an archived copy cannot predate the source: check the address",
            )
        )
    if src.published and src.archive.date < src.published.first_day:
        problems.append(
            at.problem(
                ("archive", "date"),
                f"the archive date ({src.archive.date}) is before the source was published ({src.published})",
                "check both dates",
            )
        )
    return problems


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _normal_url(url: str) -> str:
    parts = urlsplit(url)
    host = (web_host(url) or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"
