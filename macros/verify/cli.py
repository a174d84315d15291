"""`python -m macros verify [--record] [--refresh] [--strict]`: every quote against its sources.

Each statement with a quote is looked for in each source it cites, read from the source's archived
copy where one is recorded, else its address, else its copy's (the next is tried when one cannot be
read). A quote is verbatim when any of its sources prints it; otherwise each source's result is
reported like the check's problems, at the quote's line. Exit status: 1 when a quote differs or is
not found (or, with --strict, could not be read), else 0. --record writes data/verified.yml.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..data import vocab
from ..data.dataset import Dataset, load_dataset
from ..data.errors import DataError, Problem
from . import extract, record
from .fetch import DEFAULT_LIMITS, Limits, Unreadable, fetch
from .match import Verdict, verdict

CACHE = ".cache/verify"
ORDER = ("verbatim", "differs", "not found", "unreadable")  # a quote's verdict: the best of its sources'


@dataclass(frozen=True)
class Result:
    statement: str
    source: str
    url: str  # the address read, or the first one tried when none could be
    verdict: Verdict


def addresses(src) -> list[str]:
    return [u for u in (src.archive.url if src.archive else None, src.url, src.copy_.url if src.copy_ else None) if u]


def check_source(st, src, pages: dict, cache: Path, refresh: bool, limits: Limits) -> Result:
    """The quote against one source; `pages` remembers each address's texts (or reason) for this run."""
    tried = addresses(src)
    if not tried:
        return Result(st.id, src.id, "", Verdict("unreadable", reason="no web address known"))
    reason = ""
    for url in tried:
        if url not in pages:
            try:
                pages[url] = extract.texts(fetch(url, cache, refresh, limits).text())
            except Unreadable as err:
                pages[url] = str(err)
        if isinstance(pages[url], str):
            reason = reason or pages[url]
            continue
        return Result(st.id, src.id, url, verdict(st.quote, pages[url]))
    return Result(st.id, src.id, tried[0], Verdict("unreadable", reason=reason))


def run(ds: Dataset, cache: Path, refresh: bool = False, limits: Limits = DEFAULT_LIMITS) -> dict[str, list[Result]]:
    """statement id -> one result per cited source, for every quote."""
    pages: dict = {}
    return {
        st.id: [check_source(st, ds.sources[s], pages, cache, refresh, limits) for s in st.sources]
        for st in ds.statements.values()
        if st.quote is not None
    }


def overall(results: list[Result]) -> str:
    return min((r.verdict.kind for r in results), key=ORDER.index) if results else "unreadable"


def problems(ds: Dataset, results: dict[str, list[Result]]) -> tuple[list[Problem], list[Problem]]:
    """(failures, warnings): each source's result for a quote that no source prints verbatim."""
    where = {}
    for loaded in ds.files.get("statements", []):
        items = loaded.data.get("statements") if isinstance(loaded.data, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                where[item["id"]] = (loaded, i)
    failures: list[Problem] = []
    warnings: list[Problem] = []
    for sid, rs in results.items():
        if overall(rs) == "verbatim":
            continue
        st = ds.statements[sid]
        loaded, i = where[sid]
        tr = f", as a translation from {vocab.language(st.translated_from)}" if st.translated_from else ""
        for r in rs:
            v, at = r.verdict, f"'{r.source}'" + (f" ({r.url})" if r.url else "")
            if v.kind == "differs":
                msg = f"differs from {at}{tr}: {v.diff}"
                hint = (
                    f'the closest passage reads "{v.passage}"; [-…-] is only in the quote, {{+…+}} only in the '
                    "source. Copy the words exactly as the source prints them, or make it a paraphrase"
                )
            elif v.kind == "not found":
                msg = f"not found in {at}{tr}"
                hint = "open the page: it may be behind a paywall or have changed since the quote was taken"
            else:
                msg = f"could not be read from {at}: {v.reason}"
                hint = "check this source by hand; make verify --strict counts this as a failure"
            p = loaded.problem(("statements", i, "quote"), msg, hint)
            (warnings if v.kind == "unreadable" else failures).append(p)
    return failures, warnings


def summary(results: dict[str, list[Result]]) -> str:
    counts = {k: 0 for k in ORDER}
    for rs in results.values():
        counts[overall(rs)] += 1
    n = len(results)
    return f"{n} quote{'' if n == 1 else 's'}: " + ", ".join(f"{counts[k]} {k}" for k in ORDER)


def main(root: Path, argv: list[str], today: date | None = None, limits: Limits = DEFAULT_LIMITS) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros verify", description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", action="store_true", help="write what was found verbatim to data/verified.yml")
    parser.add_argument("--refresh", action="store_true", help=f"fetch every page again instead of using {CACHE}/")
    parser.add_argument("--strict", action="store_true", help="fail when a source cannot be read")
    args = parser.parse_args(argv)
    try:
        ds = load_dataset(root)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    results = run(ds, root / CACHE, args.refresh, limits)
    failures, warnings = problems(ds, results)
    for p in sorted(failures + warnings):
        print(p.format() if p in failures else f"warning: {p.format()}")
    print(summary(results))
    if args.record:
        found = {s: {r.source: r.url for r in rs if r.verdict.kind == "verbatim"} for s, rs in results.items()}
        unreadable = {s: {r.source for r in rs if r.verdict.kind == "unreadable"} for s, rs in results.items()}
        path = record.write(root, record.merged(ds, found, unreadable, today or date.today()))
        print(f"recorded {sum(bool(v) for v in found.values())} verified quotes in {path.relative_to(root)}")
    return 1 if failures or (args.strict and warnings) else 0
