"""The escaping of printed values takes a shortcut for values with nothing to escape (pages/render.py);
it must write every value exactly as the full rewriting does."""

from __future__ import annotations

import itertools
import random

from markupsafe import Markup

from macros.pages import render


def rewritten(value) -> Markup:
    """The full rewriting, with no shortcut: as every value was written before it."""
    text = str(value).translate(render._ESCAPES)
    text = render._LINE_START.sub(lambda m: m[1] + (f"&#{ord(m[2])};" if m[2] else f"{m[3]}&#46;"), text)
    return Markup(text.replace("\r", "").replace("\n", "&#10;"))


def test_every_value_is_written_as_the_full_rewriting_writes_it():
    alphabet = "ab 1-+=.\t\r\n&<>\"'\\`*_[]()!{}#|é\u2028\u00a0"
    every_short = ["".join(p) for n in range(3) for p in itertools.product(alphabet, repeat=n)]
    rng = random.Random(19)
    longer = ["".join(rng.choice(alphabet) for _ in range(rng.randint(3, 12))) for _ in range(20_000)]
    for value in every_short + longer + [0, 12, -3, 3.5, True, "12. x", " - a", "plain words"]:
        assert render._finalize(value) == rewritten(value), repr(value)
