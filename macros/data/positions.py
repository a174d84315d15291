"""Where each value of a data file was written: the position map that every problem's file:line:col
comes from. `load.py` fills it while it builds the values; every rule asks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def at(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """The best known position for a path: its key, its value or its parent."""
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
        path = tuple(path)
        return any(path[:n] in self.flagged for n in range(len(path) + 1))

    def problem(self, path: Path_, message: str, hint: str = "", key: bool = False) -> Problem:
        self.flagged.add(tuple(path))
        line, col = self.at(path, key=key)
        return Problem(self.file, line, col, field_name(path), message, hint)


def pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)
