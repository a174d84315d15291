"""Where the chart's key events get their text labels: in rows above the lanes, so that no label
covers another and no leader line crosses a label. Works on any items with `x`, `title` and
`record_id`; chart.py decides which entries are key and where their marks are.
"""

from __future__ import annotations

from collections.abc import Sequence

KEY_ROWS = 3  # rows of labels above the lanes
LABEL_CHAR_W = 6.4  # rough width of one character of a 12px label
LABEL_MAX_W = 170  # longer titles are shortened on screen (CSS), kept whole in the link's name
LABEL_GAP = 10


def place_labels(keys: Sequence, plot_left: float, plot_right: float) -> dict[str, tuple[float, float, int, bool]]:
    """(left, width, row, flipped) for each key entry whose label fits; rows count up from the lanes.

    A label takes its own span in its row, and its leader a thin span in every
    row below; nothing may overlap. Going left to right and trying the top row
    first makes a staircase, so a label's text never hides a later leader.
    """
    taken: list[list[tuple[float, float]]] = [[] for _ in range(KEY_ROWS)]
    placed = {}
    for it in sorted(keys, key=lambda k: k.x):
        width = min(LABEL_MAX_W, 8 + LABEL_CHAR_W * len(it.title))
        leader = (it.x - 3, it.x + 3)
        # Text to the right of the leader if it fits in the chart, else to the left.
        sides = [
            flip for flip in (False, True) if ((it.x - width >= plot_left) if flip else (it.x + width <= plot_right))
        ]
        for row, flipped in ((row, flip) for row in reversed(range(KEY_ROWS)) for flip in sides):
            span = (it.x - width, it.x + 1) if flipped else (it.x - 1, it.x + width)
            wanted = [(r, span if r == row else leader) for r in range(row + 1)]
            if all(_free(taken[r], s) for r, s in wanted):
                for r, s in wanted:
                    taken[r].append(s)
                placed[it.record_id] = (span[0], width, row, flipped)
                break
    used = sorted({row for _, _, row, _ in placed.values()})  # drop empty rows, keep the order
    return {rid: (left, width, used.index(row), flip) for rid, (left, width, row, flip) in placed.items()}


def _free(spans, span) -> bool:
    return all(span[1] + LABEL_GAP <= a or b + LABEL_GAP <= span[0] for a, b in spans)
