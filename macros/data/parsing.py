"""What every field type says when a value cannot be read: the failure, in an editor's words, that
pydantic passes on as the problem's message and hint. Shared by `fields.py` and `dates.py`, so neither
needs the other's helpers.
"""

from __future__ import annotations

from typing import NoReturn

from pydantic_core import PydanticCustomError


def fail(kind: str, message: str, hint: str = "") -> NoReturn:
    # Braces in editor input would be read as placeholders by pydantic.
    message = message.replace("{", "{{").replace("}", "}}")
    raise PydanticCustomError(kind, message, {"hint": hint})


def shown(value) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def need_text(value, what: str, example: str, quote: bool = False) -> str:
    """`value` if it is text; `quote`: a number or yes/no here is text that needs quotes."""
    if value is None:
        fail("type", f"the field is empty; expected {what}", f"write it after the colon, like {example}")
    if not isinstance(value, str):
        scalar = isinstance(value, (int, float))
        hint = (
            f'put it in quotes: "{str(value).lower() if isinstance(value, bool) else value}"'
            if quote and scalar
            else f"write it like {example}"
        )
        fail("type", f"expected {what}, found {describe(value)}", hint)
    return value


def describe(value) -> str:
    """Name a value's kind as an editor would."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "text"
