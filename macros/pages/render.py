"""Stage 4b: one Jinja environment over macros/pages/templates/, per language.

Autoescape is on and undefined names are errors. Text from the data never
carries markup: `finalize` escapes every value and writes its newlines as
`&#10;`, so the HTML handed to Markdown has no blank line that Markdown
could treat as the end of a raw HTML block. The title and the citations land
inside Markdown (a heading, a paragraph), where Python-Markdown reads links,
images, emphasis, code and attribute lists (`{: onclick=… }`) even between
HTML tags, so `finalize` also writes every character that syntax is made of
as a character reference: Markdown leaves those alone, browsers show the
character.

The language's catalog is installed through `jinja2.ext.i18n` (new-style
gettext: `_("… %(name)s", name=…)` inserts each value through the same
escaping), and its CLDR forms are the filters, so a template never formats a
date or a number itself.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.ext import Extension
from jinja2.lexer import TOKEN_COMMA, TOKEN_DOT, TOKEN_LPAREN, TOKEN_NAME, TOKEN_RPAREN, TOKEN_STRING, Token
from markupsafe import Markup, escape

from ..data import languages
from ..data.dates import iso
from .i18n import Language, language, upper_first

TEMPLATES = Path(__file__).parent / "templates"


# HTML's five, then what Python-Markdown and attr_list read inside a line: escapes, code, emphasis,
# links and images, attribute lists, a heading's closing hashes, tables. One pass, so nothing is
# escaped twice.
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_[]()!{}#|"}
# What makes a list, a rule or a setext heading when a value starts a line ({{ title() }} on its own).
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)\.)")
# Most values hold none of that, nor start as _LINE_START does: one search finds them, so they skip the
# rewriting (Jinja prints hundreds of thousands of values per build).
_PLAIN = re.compile(r"(?!\s*(?:[-+=]|\d+\.))[^&<>\"'\\`*_\[\]()!{}#|\r\n]*")


def _finalize(value):
    kind = type(value)
    if kind is Markup:
        return value
    if kind is int and value >= 0:  # digits alone, the chart's thousands of coordinates among them
        return str(value)
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed a missing value")
    text = str(value)
    if _PLAIN.fullmatch(text):
        return text  # nothing to escape: Jinja's escape (or the message's %) makes it Markup, once
    text = text.translate(_ESCAPES)
    text = _LINE_START.sub(lambda m: m[1] + (f"&#{ord(m[2])};" if m[2] else f"{m[3]}&#46;"), text)
    return Markup(text.replace("\r", "").replace("\n", "&#10;"))


def _finalizing(gettext):
    """New-style gettext escapes what it inserts with MarkupSafe alone, which leaves Markdown's characters
    live; every value goes through the one escaping path first."""

    @pass_context
    def call(ctx, *args, **values):
        return gettext(ctx, *args, **{k: _finalize(v) for k, v in values.items()})

    return call


def made_by_code(value: str | None) -> Markup | None:
    """A link or id the code made from ids: HTML-escaped, but not written as character references as
    the data's text is (ids hold nothing Markdown reads), so links stay as engines expect to find them."""
    return None if value is None else escape(value)


def excerpt(text: str, words: int = 8) -> str:
    """The first few words of a text, to tell statements apart in lists of links."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def clock(lang: Language, at: datetime, zone: str) -> dict:
    """An exact time as the event's local time and as UTC, for display."""
    local = at.astimezone(ZoneInfo(zone))
    utc = at.astimezone(UTC)
    return {
        "local_iso": local.isoformat(timespec="minutes"),
        "local_day": lang.date(local.date()),
        "local_time": lang.time(local),
        "abbreviation": local.tzname() or "",
        "zone_name": lang.zone(zone, local),
        "utc_iso": utc.isoformat(timespec="minutes").replace("+00:00", "Z"),
        "utc_day": "" if utc.date() == local.date() else lang.date(utc.date()),
        "utc_time": lang.time(utc),
    }


class ConstantMessages(Extension):
    """Translate a message that has no variables (`_("Context:")`, `pgettext("…", ", ")`) once, when the
    template compiles for its language, instead of once per card: at a hundred times the sample, the calls
    cost a tenth of the build. The environment is the language's own, so the template stays correct; a call
    with variables is left to the new-style gettext, which escapes what it inserts. `make translations`
    extracts without this extension, so it still sees every call."""

    _WIDTH = {"_": 1, "gettext": 1, "pgettext": 2}

    def filter_stream(self, stream):
        lang = self.environment.explainer_language  # type: ignore[attr-defined]
        tokens = list(stream)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            width = self._WIDTH.get(tok.value) if tok.type == TOKEN_NAME else None
            if width and (i == 0 or tokens[i - 1].type != TOKEN_DOT):
                end = i + 2 + 2 * width  # name ( string [, string] )
                call = tokens[i + 1 : end]
                shape = [TOKEN_LPAREN] + [TOKEN_STRING, TOKEN_COMMA] * (width - 1) + [TOKEN_STRING, TOKEN_RPAREN]
                if len(call) == len(shape) and [t.type for t in call] == shape:
                    args = [t.value for t in call if t.type == TOKEN_STRING]
                    text = lang.gettext(args[0]) if width == 1 else lang.pgettext(*args)
                    yield Token(tok.lineno, TOKEN_STRING, text)
                    i = end
                    continue
            yield tok
            i += 1


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates, in the system's temporary folder (private to the user):
    a small build otherwise spends a tenth of its time compiling them, and `mkdocs serve` on every save.
    ConstantMessages writes the translations into the compiled code, so the key names the language, its
    catalog's version and this module's; Jinja itself checks each template's source."""

    def __init__(self, lang: Language):
        super().__init__()
        versions = [p.stat() for p in (lang.catalog, Path(__file__), Path(__file__).with_name("i18n.py"))]
        self.salt = lang.tag + "".join(f"|{v.st_mtime_ns}:{v.st_size}" for v in versions)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.salt}|{name}", filename)


_ENVIRONMENTS: dict[tuple[Path, str], Environment] = {}


def environment(templates: Path = TEMPLATES, tag: str = languages.DEFAULT) -> Environment:
    """One environment per template folder and language, so each template is compiled once per process.

    Jinja re-reads a template whose file changed, and `mkdocs serve` reloads
    this module when a file under macros/ changed (macros/main.py), so edits still show at once.
    """
    key = (templates, tag)
    if key not in _ENVIRONMENTS:
        lang = language(tag)
        env = Environment(
            loader=FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=StrictUndefined,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.i18n", ConstantMessages],
            bytecode_cache=CompiledTemplates(lang),
        )
        env.explainer_language = lang  # type: ignore[attr-defined]  # read by ConstantMessages while compiling
        env.install_gettext_translations(lang.translations, newstyle=True)  # type: ignore[attr-defined]
        for name in ("gettext", "ngettext", "pgettext", "npgettext"):  # `_` calls whatever `gettext` is
            env.globals[name] = _finalizing(env.globals[name])

        @pass_context
        def label(ctx, value: str) -> str:
            """An enum value as readers see it: the event's own vocabulary first, then the built-in one."""
            own = ctx["event"].vocabulary if "event" in ctx else None
            return lang.words(value, {**own.timeline_kinds, **own.venues} if own else None)

        env.filters.update(
            long_date=lang.date,
            iso=iso,
            label=label,
            language=lang.language_name,
            number=lang.number,
            outlet=lang.outlet,
            excerpt=excerpt,
            reverse_label=lang.reverse_relation,
            upper_first=upper_first,
        )
        env.globals.update(clock=lambda at, zone: clock(lang, at, zone), lang=lang)
        _ENVIRONMENTS[key] = env
    return _ENVIRONMENTS[key]


class Once:
    """A macro's markup for one record, made once per build: for what depends on the record and the language
    alone (a source's citation, a statement's gist), which a big event repeats on page after page.

    The macros run in a context holding the data and no page, so one that read a page's links fails
    (StrictUndefined) instead of handing one page's links to every page. Made with each build's Explainer,
    so nothing outlives the data it was made from."""

    def __init__(self, env: Environment, **context):
        self.env, self.context = env, context
        self._modules: dict = {}
        self._made: dict[tuple[str, str, str | int], Markup] = {}

    def __call__(self, template: str, macro: str, record) -> Markup:
        """`record`: a record, known by its id, or a plain value (a number, a letter)."""
        key = (template, macro, record if isinstance(record, str | int) else record.id)
        made = self._made.get(key)
        if made is None:
            module = self._modules.get(template)
            if module is None:
                module = self._modules[template] = self.env.get_template(template).make_module(self.context)
            made = self._made[key] = getattr(module, macro)(record)
        return made


class Renderer:
    def __init__(self, templates: Path = TEMPLATES, tag: str = languages.DEFAULT):
        self.env = environment(templates, tag)

    def render(self, name: str, **context) -> str:
        html = self.env.get_template(name).render(**context)
        # Template indentation and blank lines would make Markdown read the
        # block as code or end it early; data newlines are already entities.
        # Only "\n" ends a line: splitlines() would also break at a U+2028 from the data.
        return "\n".join(line.strip() for line in html.split("\n") if line.strip())
