"""Problems found in the data, and how they are shown to editors.

Every problem names the file, line, column and field, says what is wrong in
an editor's words and, where it helps, how to fix it. Checks collect
problems instead of raising, so one run reports all of them at once.
"""

from __future__ import annotations

import bisect
import difflib
import operator
import os
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

# A report lists this many problems per file; the rest are counted. Hundreds of lines help no one,
# and a hostile file could otherwise write hundreds of megabytes.
SHOWN_PER_FILE = 20
# Characters never written raw to a terminal or a CI log: controls (ESC, BEL, newlines), invisible
# format characters (bidi overrides), line separators, surrogates and private-use characters.
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
BLANK_LETTERS = {0x115F, 0x1160, 0x3164, 0xFFA0}  # Hangul fillers: letters that show as nothing


def escaped(text: str) -> str:
    """`text` with every unsafe character written as an escape, like \\x1b or \\u202e."""
    if text.isprintable() and text.isascii():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if unicodedata.category(ch) not in _UNSAFE_CATEGORIES and code not in BLANK_LETTERS:
            out.append(ch)
        elif ch in _NAMED:
            out.append(_NAMED[ch])
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out)


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # relative to the project, e.g. "data/statements.yml"
    line: int
    col: int
    field: str  # e.g. "statements[3].actor"; "" when the whole file is at fault
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{escaped(self.file)}:{self.line}:{self.col}"
        field, message = escaped(self.field), escaped(self.message)
        head = f"{where}: {field}: {message}" if self.field else f"{where}: {message}"
        return head + (f"\n  hint: {escaped(self.hint)}" if self.hint else "")

    def annotation(self, level: str = "error") -> str:
        """A GitHub Actions workflow command (::error or ::warning), so the problem shows on the diff."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        text = escaped(text).replace("%", "%25")
        file = escaped(self.file).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{level} file={file},line={self.line},col={self.col}::{text}"


_ORDER = operator.attrgetter("file", "line", "col", "field", "message", "hint")


class DataError(Exception):
    """Raised once, with every problem found, when the data cannot be used."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_ORDER)  # tuples compare in C: fast for many problems
        super().__init__(self.report())

    def shown(self) -> list[Problem | str]:
        """The problems a report lists, with a line "… and N more problems in FILE" after a long file."""
        out: list[Problem | str] = []
        per_file: dict[str, int] = {}
        for p in self.problems:
            per_file[p.file] = per_file.get(p.file, 0) + 1
            if per_file[p.file] <= SHOWN_PER_FILE:
                out.append(p)
        for file, n in per_file.items():
            if n > SHOWN_PER_FILE:
                at = max(i for i, p in enumerate(out) if isinstance(p, Problem) and p.file == file)
                out.insert(
                    at + 1,
                    f"… and {n - SHOWN_PER_FILE:,} more problems in {escaped(file)}; fix these first, then check again",
                )
        return out

    def report(self) -> str:
        n = len(self.problems)
        lines = [p.format() if isinstance(p, Problem) else p for p in self.shown()]
        lines.append(
            f"{n:,} problem{'s' if n != 1 else ''} found in the explainer's data and pages; nothing was built."
        )
        return "\n".join(lines)


# "Did you mean" compares a word with every choice, which is quadratic when a file holds thousands of
# unknown ids. Big sets of choices are indexed once by length (a close match has a similar length),
# each word is compared with at most _COMPARED of them, and only _SUGGESTED words per set get a guess.
_COMPARED, _SUGGESTED, _BIG = 400, 200, 1000
_indexes: OrderedDict = OrderedDict()  # id(choices) -> [choices, sorted by length, lengths, guesses made]


def _index(choices) -> list:
    key = id(choices)
    entry = _indexes.get(key)
    if entry is None or entry[0] is not choices:
        by_len = sorted(set(choices), key=lambda c: (len(c), c))
        entry = _indexes[key] = [choices, by_len, [len(c) for c in by_len], 0]  # holding `choices` pins its id
        while len(_indexes) > 8:
            _indexes.popitem(last=False)
    return entry


def _closest(word: str, choices) -> list[str]:
    if len(choices) < _BIG:
        return difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    entry = _index(choices)
    entry[3] += 1
    if entry[3] > _SUGGESTED:
        return []
    by_len, lengths = entry[1], entry[2]
    # A ratio of 0.6 needs the shorter word to be at least 3/7 of the longer; take the nearest lengths first.
    lo, hi = bisect.bisect_left(lengths, len(word) * 3 // 7), bisect.bisect_right(lengths, len(word) * 7 // 3 + 1)
    mid = bisect.bisect_left(lengths, len(word), lo, hi)
    near = by_len[max(lo, mid - _COMPARED // 2) : min(hi, mid + _COMPARED // 2)]
    return difflib.get_close_matches(word, near, n=1, cutoff=0.6)


def did_you_mean(word: str, choices, what: str = "", listed: str = "known values") -> str:
    """A hint naming the closest known choice, or listing the choices (as `listed`: …)."""
    # Case folded first: 'ENGADGET-2022-03-11' means 'engadget-2022-03-11', however close another id is.
    lowered = {c.lower(): c for c in choices} if len(choices) < _BIG else {}
    if word.lower() in lowered:
        close = [lowered[word.lower()]]
    else:
        close = _closest(word.lower(), lowered or choices)
        close = [lowered.get(c, c) for c in close]
    if close:
        return f"did you mean '{close[0]}'?" + (f" {what}" if what else "")
    if not choices:
        return what
    if len(choices) >= _BIG:
        return what or f"{listed}: too many to list."
    choices = sorted(set(choices))
    shown = ", ".join(f"'{c}'" for c in choices[:12]) + (", …" if len(choices) > 12 else "")
    return f"{listed}: {shown}." + (f" {what}" if what else "")


def github_annotations_enabled() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"
