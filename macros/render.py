"""Stage 4b: one Jinja environment over macros/templates/.

Autoescape is on and undefined names are errors. Text from the data never
carries markup: `finalize` escapes every value and writes its newlines as
`&#10;`, so the HTML handed to Markdown has no blank line that Markdown
could treat as the end of a raw HTML block.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
LANGUAGES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "de": "German", "fr": "French",
             "es": "Spanish", "zh": "Chinese", "ar": "Arabic"}
LABELS = {  # enum values as readers see them
    "government-body": "government body", "telegram-post": "Telegram post", "tweet": "tweet",
    "internal-memo": "internal memo", "internal-post": "internal post", "press-statement": "press statement",
    "news-agency": "remarks to a news agency", "blog-post": "blog post", "court-filing": "court filing",
    "block-takes-effect": "block takes effect", "policy-change": "policy change", "legal-action": "legal action",
    "court-ruling": "court ruling", "responds-to": "Responds to", "narrows": "Narrows",
    "contradicts": "Contradicts", "repeats": "Repeats", "supports": "Supports",
}
REVERSE = {"responds-to": "Responded to by", "narrows": "Narrowed by", "contradicts": "Contradicted by",
           "repeats": "Repeated by", "supports": "Supported by"}  # how a relation reads from its target


def _finalize(value):
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed a missing value")
    return Markup(str(escape(value)).replace("\r", "").replace("\n", "&#10;"))


def long_date(d: date, precision: str = "day") -> str:
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return d.strftime("%B %Y")
    return f"{d.day} {d.strftime('%B %Y')}"


def excerpt(text: str, words: int = 8) -> str:
    """The first few words of a text, to tell statements apart in lists of links."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def label(value: str) -> str:
    return LABELS.get(value, value.replace("-", " "))


def language(code: str) -> str:
    return LANGUAGES.get(code.split("-")[0], code)


def clock(at: datetime, zone: str) -> dict:
    """An exact time as the event's local time and as UTC, for display."""
    local = at.astimezone(ZoneInfo(zone))
    utc = at.astimezone(timezone.utc)
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
        env = Environment(loader=FileSystemLoader(str(templates)), autoescape=True, undefined=StrictUndefined,
                          finalize=_finalize, trim_blocks=True, lstrip_blocks=True)
        env.filters.update(long_date=long_date, label=label, language=language, excerpt=excerpt,
                           reverse_label=lambda r: REVERSE.get(r, r))
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
        return "\n".join(line.strip() for line in html.splitlines() if line.strip())
