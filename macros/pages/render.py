"""Stage 4b: one Jinja environment over macros/templates/.

Autoescape is on and undefined names are errors. Text from the data never
carries markup: `finalize` escapes every value and writes its newlines as
`&#10;`, so the HTML handed to Markdown has no blank line that Markdown
could treat as the end of a raw HTML block. The title and the citations land
inside Markdown (a heading, a paragraph), where Python-Markdown reads links,
images, emphasis, code and attribute lists (`{: onclick=… }`) even between
HTML tags, so `finalize` also writes every character that syntax is made of
as a character reference: Markdown leaves those alone, browsers show the
character.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..data import vocab
from ..data.dates import iso, long_date

TEMPLATES = Path(__file__).parent / "templates"


# HTML's five, then what Python-Markdown and attr_list read inside a line: escapes, code, emphasis,
# links and images, attribute lists, a heading's closing hashes, tables. One pass, so nothing is
# escaped twice.
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_[]()!{}#|"}
# What makes a list, a rule or a setext heading when a value starts a line ({{ title() }} on its own).
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)\.)")
# Most values hold none of that: one search finds them, so they skip the rewriting (Jinja prints tens of
# thousands of values per build).
_PLAIN = re.compile(r"[^&<>\"'\\`*_\[\]()!{}#|\r\n]*")


def _finalize(value):
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed a missing value")
    text = str(value)
    if _PLAIN.fullmatch(text) and not _LINE_START.match(text):
        return Markup(text)
    text = text.translate(_ESCAPES)
    text = _LINE_START.sub(lambda m: m[1] + (f"&#{ord(m[2])};" if m[2] else f"{m[3]}&#46;"), text)
    return Markup(text.replace("\r", "").replace("\n", "&#10;"))


def made_by_code(value: str | None) -> Markup | None:
    """A link or id the code made from ids: HTML-escaped, but not written as character references as
    the data's text is (ids hold nothing Markdown reads), so links stay as engines expect to find them."""
    return None if value is None else escape(value)


def excerpt(text: str, words: int = 8) -> str:
    """The first few words of a text, to tell statements apart in lists of links."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


@pass_context
def label(ctx, value: str) -> str:
    """An enum value as readers see it: the event's own vocabulary first, then the built-in one."""
    own = ctx["event"].vocabulary if "event" in ctx else None
    for table in ((own.venues, own.timeline_kinds) if own else ()) + (
        vocab.VENUES,
        vocab.TIMELINE_KINDS,
        vocab.ACTOR_KINDS,
    ):
        if value in table:
            return table[value]
    if value in vocab.RELATIONS:
        return vocab.RELATIONS[value][0]
    return value.replace("-", " ")


def clock(at: datetime, zone: str) -> dict:
    """An exact time as the event's local time and as UTC, for display."""
    local = at.astimezone(ZoneInfo(zone))
    utc = at.astimezone(UTC)
    return {
        "local_iso": local.isoformat(timespec="minutes"),
        "local": f"{long_date(local.date())}, {local:%H:%M} {local.tzname()}",
        "utc_iso": utc.isoformat(timespec="minutes").replace("+00:00", "Z"),
        "utc": (f"{utc:%H:%M} UTC" if utc.date() == local.date() else f"{long_date(utc.date())}, {utc:%H:%M} UTC"),
    }


_ENVIRONMENTS: dict[Path, Environment] = {}


def environment(templates: Path = TEMPLATES) -> Environment:
    """One environment per template folder, so each template is compiled once per process.

    Jinja re-reads a template whose file changed, and `mkdocs serve` reloads
    this module on every rebuild, so edits still show at once.
    """
    if templates not in _ENVIRONMENTS:
        env = Environment(
            loader=FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=StrictUndefined,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters.update(
            long_date=long_date,
            iso=iso,
            label=label,
            language=vocab.language,
            zone_name=vocab.zone_name,
            outlet=vocab.OUTLETS.get,
            excerpt=excerpt,
            reverse_label=lambda r: vocab.RELATIONS[r][1],
        )
        env.globals.update(clock=clock)
        _ENVIRONMENTS[templates] = env
    return _ENVIRONMENTS[templates]


class Renderer:
    def __init__(self, templates: Path = TEMPLATES):
        self.env = environment(templates)

    def render(self, name: str, **context) -> str:
        html = self.env.get_template(name).render(**context)
        # Template indentation and blank lines would make Markdown read the
        # block as code or end it early; data newlines are already entities.
        # Only "\n" ends a line: splitlines() would also break at a U+2028 from the data.
        return "\n".join(line.strip() for line in html.split("\n") if line.strip())
