"""Shapes of synthetic events shared by the chart's layout tests and its browser tests."""

from __future__ import annotations

from datetime import date

# A seven-month event: 26 entries in three bursts, with gaps of 10 and 181 days between them.
SEVEN_MONTHS_START = date(2021, 1, 4)
SEVEN_MONTHS_OFFSETS = (0, 0, 1, 2, 3, 3, 5, 16, 17, 18, 19, 201, 202, 203, 205, 206, 206, 207, 208, 208, 209, 210,
                        211, 212, 212, 213)  # fmt: skip
