"""Dates an editor may know only in part: a year, a month, or a day.

Citation styles show what is known ("2021", "June 2021", "3 June 2021") and
never pad it with an invented day; `isoformat()` gives the same precision for
`<time datetime>`, so a page never claims a day it does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .parsing import fail, need_text, shown

PARTIAL_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int = 0  # 0: not known
    day: int = 0

    @property
    def precision(self) -> str:
        return "day" if self.day else ("month" if self.month else "year")

    @property
    def first_day(self) -> date:
        """The earliest day it can mean, for ordering and placing on a chart."""
        return date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        return (
            f"{self.year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.day else "")
        )

    def __str__(self) -> str:
        return self.isoformat()

    @classmethod
    def of(cls, d: date) -> PartialDate:
        return cls(d.year, d.month, d.day)


def split_partial(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) with 0 for the parts not given, or None when `text` is not of that shape."""
    m = _PARTIAL.fullmatch(text)
    if not m:
        return None
    return int(m[1]), int(m[2] or 0), int(m[3] or 0)


def long_date(d, precision: str = "day") -> str:
    """A date as readers see it, at the precision known."""
    if isinstance(d, PartialDate):
        precision, d = d.precision, d.first_day
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return d.strftime("%B %Y")
    return f"{d.day} {d.strftime('%B %Y')}"


def iso(d, precision: str = "day") -> str:
    """The `datetime` attribute for a date, at the precision known."""
    if isinstance(d, PartialDate):
        return d.isoformat()
    return {"year": f"{d.year:04d}", "month": d.isoformat()[:7]}.get(precision, d.isoformat())


MIN_YEAR, MAX_YEAR = 1900, 2100  # news events; keeps date arithmetic far from Python's limits


def parse_partial(value) -> PartialDate:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        value = str(value)  # a year alone reads as a number in YAML
    value = need_text(value, "a date", "2022-03-14, 2022-03 or 2022")
    parts = split_partial(value)
    if parts is None:
        raise fail(
            "date",
            f"'{shown(value)}' is not a date",
            "write the date as far as you know it: 2022-03-14, or 2022-03 for a month, or 2022 for a year",
        )
    year, month, day = parts
    if not MIN_YEAR <= year <= MAX_YEAR:
        fail(
            "date",
            f"the year {year} is outside {MIN_YEAR}-{MAX_YEAR}",
            f"news events here are dated between {MIN_YEAR} and {MAX_YEAR}; check the year",
        )
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        fail("date", f"'{value}' is not a real date", "check the month (01-12) and the day")
    return PartialDate(year, month, day)
