"""Problems found in the data, and how they are shown to editors.

Every problem names the file, line, column and field, says what is wrong in
an editor's words and, where it helps, how to fix it. Checks collect
problems instead of raising, so one run reports all of them at once.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # relative to the project, e.g. "data/statements.yml"
    line: int
    col: int
    field: str  # e.g. "statements[3].actor"; "" when the whole file is at fault
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        head = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return head + (f"\n  hint: {self.hint}" if self.hint else "")

    def annotation(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the diff."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line},col={self.col}::{text}"


class DataError(Exception):
    """Raised once, with every problem found, when the data cannot be used."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        lines = [p.format() for p in self.problems]
        lines.append(f"{n} problem{'s' if n != 1 else ''} found in the explainer's data and pages; nothing was built.")
        return "\n".join(lines)


def did_you_mean(word: str, choices, what: str = "", listed: str = "known values") -> str:
    """A hint naming the closest known choice, or listing the choices (as `listed`: …)."""
    choices = sorted(set(choices))
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    if close:
        return f"did you mean '{close[0]}'?" + (f" {what}" if what else "")
    if not choices:
        return what
    shown = ", ".join(f"'{c}'" for c in choices[:12]) + (", …" if len(choices) > 12 else "")
    return f"{listed}: {shown}." + (f" {what}" if what else "")


def github_annotations_enabled() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"
