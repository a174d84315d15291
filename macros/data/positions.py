"""Where each value of a data file was written: the position map that every problem's file:line:col
comes from. `load.py` fills it while it builds the values; every rule asks it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .errors import Problem

Path_ = tuple  # a path into the data: ("statements", 3, "actor")


def field_name(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Loaded:
    """One file's values, with where each value and each key starts."""

    file: str
    data: object = None
    values: dict = field(default_factory=dict)  # path -> (line, col) of the value
    keys: dict = field(default_factory=dict)  # path -> (line, col) of the key naming it
    problems: list = field(default_factory=list)
    flagged: set = field(default_factory=set)  # paths with a problem already reported
    lost: set = field(default_factory=set)  # paths whose value was refused (read as nothing)
    # PyYAML's (line, col) to an editor's, when the two differ (see editor_lines); None when they agree.
    editor: Callable[[int, int], tuple[int, int]] | None = None
    # A file read without a problem keeps no positions: they took half the memory of a big event's data,
    # and only a problem needs them. This finds them again, by reading the same bytes (load.read).
    again: Callable[[], Loaded] | None = None

    def at(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """The best known position for a path: its key, its value or its parent."""
        if self.again is not None:
            found, self.again = self.again(), None
            self.values, self.keys = found.values, found.keys
        path = tuple(path)
        while True:
            table = (self.keys, self.values) if key else (self.values, self.keys)
            for t in table:
                if path in t:
                    return t[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def is_flagged(self, path: Path_) -> bool:
        """Whether a problem was already reported at this path or around it."""
        if not self.flagged:  # the common case, asked for every record and every reference
            return False
        path = tuple(path)
        return any(path[:n] in self.flagged for n in range(len(path) + 1))

    def problem(self, path: Path_, message: str, hint: str = "", key: bool = False) -> Problem:
        self.flagged.add(tuple(path))
        line, col = self.at(path, key=key)
        return Problem(self.file, line, col, field_name(path), message, hint)


def pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


# PyYAML and libyaml also end a line at U+2028 and U+2029; editors and `grep -n` do not. (U+0085, the
# third, is refused as a control character before parsing.)
_YAML_LINES = re.compile("\r\n|[\r\n\u2028\u2029]")
_EDITOR_LINES = re.compile("\r\n|[\r\n]")


def editor_lines(text: str) -> Callable[[int, int], tuple[int, int]] | None:
    """A map from PyYAML's (line, col) in `text` to the one an editor shows, or None when they agree."""
    if "\u2028" not in text and "\u2029" not in text:
        return None
    yaml_starts = [0] + [m.end() for m in _YAML_LINES.finditer(text)]
    starts = [0] + [m.end() for m in _EDITOR_LINES.finditer(text)]

    def editor(line: int, col: int) -> tuple[int, int]:
        index = yaml_starts[min(line, len(yaml_starts)) - 1] + col - 1
        n = bisect.bisect_right(starts, index)
        return n, index - starts[n - 1] + 1

    return editor


def to_editor(out: Loaded) -> None:
    """Move every position of `out` from PyYAML's lines to an editor's (load.py calls it once per file)."""
    fix = out.editor
    if fix is None:
        return
    out.values = {path: fix(*at) for path, at in out.values.items()}
    out.keys = {path: fix(*at) for path, at in out.keys.items()}
    out.problems = [replace(p, line=at[0], col=at[1]) for p in out.problems for at in [fix(p.line, p.col)]]
