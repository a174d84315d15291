"""The site's language: `language:` in data/event.yml, a BCP 47 tag ("fr", "pt-BR", "ar").

The tag must name a locale CLDR knows (through Babel), and a message catalog must ship for it or
for its language alone ("pt" serves "pt-BR"). The catalogs belong to the pages, which read them;
this stage only lists which exist, by their folder names, so the check and the JSON Schema offer
exactly the languages a build can show, and adding a catalog needs no code change.
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

from .parsing import fail, need_text, shown

DEFAULT = "en"
# One folder per language, named as gettext names locales ("pt_BR"): <folder>/LC_MESSAGES/messages.po.
CATALOGS = Path(__file__).resolve().parents[1] / "pages" / "locales"
TAG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
ADDING = 'see "Adding a language" in the README'


def folder_name(tag: str) -> str:
    """The gettext name of a tag: "pt-BR" -> "pt_BR"."""
    from babel import Locale

    return str(Locale.parse(tag, sep="-"))


def tag_of(folder: str) -> str:
    return folder.replace("_", "-")


@functools.cache
def shipped(catalogs: Path = CATALOGS) -> tuple[str, ...]:
    """The tags of the languages a catalog ships for, sorted."""
    return tuple(sorted(tag_of(p.parents[1].name) for p in catalogs.glob("*/LC_MESSAGES/messages.po")))


def catalog_for(tag: str, catalogs: Path = CATALOGS) -> Path | None:
    """The catalog a tag uses: its own, else its language's ("pt-BR" falls back to "pt")."""
    name = folder_name(tag)
    for candidate in dict.fromkeys((name, name.split("_")[0])):
        path = catalogs / candidate / "LC_MESSAGES" / "messages.po"
        if path.is_file():
            return path
    return None


@functools.cache
def _known_tags() -> tuple[str, ...]:
    from babel.localedata import locale_identifiers

    return tuple(sorted(tag_of(i) for i in locale_identifiers()))


def parse_site_language(value) -> str:
    from babel import Locale, UnknownLocaleError

    value = need_text(value, "a language tag", "en, fr or pt-BR")
    try:
        if not re.fullmatch(TAG_PATTERN, value):
            raise ValueError(value)
        tag = tag_of(str(Locale.parse(value, sep="-")))  # CLDR's own spelling: "pt-br" -> "pt-BR", "en-UK" -> "en-GB"
    except (ValueError, UnknownLocaleError):
        close = difflib.get_close_matches(value, _known_tags(), n=1) if len(value) < 40 else []
        fail(
            "site_language",
            f"'{shown(value)}' is not a language tag CLDR knows",
            (f"did you mean '{close[0]}'? " if close else "")
            + "write a BCP 47 tag such as en, fr, pt-BR or ar; the languages shipped are "
            + ", ".join(shipped()),
        )
    if catalog_for(tag) is None:
        fail(
            "site_language",
            f"no catalog of the site's words ships for '{value}' yet",
            f"the languages shipped are {', '.join(shipped())}; to add {value}, {ADDING}",
        )
    return tag


def is_rtl(tag: str) -> bool:
    """Whether the language is written right to left (CLDR's character order: ar, he, fa, ur…)."""
    from babel import Locale

    return Locale.parse(tag, sep="-").character_order == "right-to-left"


def site_language_type():
    """The field's type: completion offers the languages shipped; the check decides the rest."""
    from typing import Annotated

    from pydantic import PlainValidator, WithJsonSchema

    return Annotated[
        str,
        PlainValidator(parse_site_language),
        WithJsonSchema({"anyOf": [{"enum": list(shipped())}, {"type": "string", "pattern": TAG_PATTERN}]}),
    ]
