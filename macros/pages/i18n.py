"""The site's language as the pages use it: the message catalog and CLDR's forms.

Every word the generator writes for readers is a message in a gettext catalog,
macros/pages/locales/<lang>/LC_MESSAGES/messages.po, read with Babel and
compiled in memory (no .mo files to keep in step). Dates, times, zone names,
numbers, plural rules and language names come from CLDR through Babel, never
from strftime or typed tables. `make translations` extracts the messages
(babel.cfg) into locales/messages.pot and updates every catalog.

Where the generator's words and the data's meet, the data is shown as written;
text in another language than the site's carries its own `lang` and `dir`.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton, get_timezone_name
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations
from markupsafe import Markup, escape

from ..data import languages, vocab
from ..data.dates import PartialDate

# CLDR skeletons for a month or a year alone, ordered as the language orders them; a day is CLDR's
# long date ("14 mars 2022"), whose month is written out (no "yMMMMd" skeleton exists to match).
SKELETONS = {"month": "yMMMM", "year": "y"}
# The skeletons CLDR gives ranges for: "11–21 mars 2022", "Mar 11 – 21, 2022"; coarser ones for partial dates.
SPAN_SKELETONS = {"day": "yMMMd", "month": "yMMMM", "year": "y"}
PRECISIONS = ("day", "month", "year")  # finest first


def _memo(method):
    """Remember a formatting method's results per language: a big event shows the same few hundred days
    thousands of times, and CLDR formatting costs far more than a lookup."""

    @functools.wraps(method)
    def remembered(self, *args):
        key = (method.__name__, *args)
        if key not in self._memo:
            self._memo[key] = method(self, *args)
        return self._memo[key]

    return remembered


@functools.cache
def _translations(path: Path, stamp: float) -> Translations:
    """A catalog compiled in memory. Fuzzy messages are left out, as msgfmt leaves them out."""
    with path.open("rb") as f:
        catalog = read_po(f)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain="messages")


class Language:
    """One language's words and forms; templates reach it as filters and as `lang`."""

    def __init__(self, tag: str = languages.DEFAULT):
        self.tag = tag
        self.locale = Locale.parse(tag, sep="-")
        self.code = self.locale.language  # "pt" for "pt-BR": what a source's language is compared with
        self.rtl = self.locale.character_order == "right-to-left"
        self.direction = "rtl" if self.rtl else "ltr"
        path = languages.catalog_for(tag)
        if path is None:  # the check refuses such a tag first
            raise ValueError(f"no catalog for {tag!r}")
        self.catalog: Path = path
        self.translations = _translations(path, path.stat().st_mtime)
        self._memo: dict = {}

    # ---------- messages (English when the catalog lacks one; the catalog test keeps that from shipping) ----------

    def gettext(self, message: str) -> str:
        return str(self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return str(self.translations.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        return str(self.translations.pgettext(context, message))

    # ---------- dates, times, numbers ----------

    @_memo
    def date(self, d, precision: str = "day") -> str:
        """A date at the precision known: "2021", "May 2021" or "3 May 2021", in the language's order."""
        if isinstance(d, PartialDate):
            precision, d = d.precision, d.first_day
        if precision == "day":
            return format_date(d, "long", locale=self.locale)
        return format_skeleton(SKELETONS[precision], d, locale=self.locale)

    @_memo
    def span(self, start: dt.date | PartialDate, end: dt.date | PartialDate) -> str:
        """Two dates as one range, sharing what they share ("11–21 mars 2022"), at the coarser of
        their precisions ("mars – mai 2022" when one is a month)."""
        ends = [(d.first_day, d.precision) if isinstance(d, PartialDate) else (d, "day") for d in (start, end)]
        precision = max((p for _, p in ends), key=PRECISIONS.index)
        (first, _), (last, _) = ends
        return format_interval(first, last, SPAN_SKELETONS[precision], locale=self.locale)

    @_memo
    def time(self, at: dt.datetime) -> str:
        """Hours and minutes in 24-hour form, in the moment's own zone."""
        return format_skeleton("Hm", at, locale=self.locale)

    @_memo
    def zone(self, zone: str, at: dt.datetime | dt.date | None = None) -> str:
        """A time zone's name in the language ("heure normale de Moscou"), as it stood at `at`."""
        if isinstance(at, dt.date) and not isinstance(at, dt.datetime):
            at = dt.datetime(at.year, at.month, at.day, 12)
        moment = (at or dt.datetime(2000, 1, 1, 12)).replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone))
        return get_timezone_name(moment, "long", locale=self.locale)

    def date_time(self, day, time) -> Markup:
        """A day and a time joined as CLDR joins them ("{1}, {0}"); either may be markup."""
        return Markup(escape(str(self.locale.datetime_formats["medium"]))).format(time, day)

    @_memo
    def number(self, n) -> str:
        return format_decimal(n, locale=self.locale)

    @_memo
    def day_number(self, d: dt.date) -> str:
        return format_skeleton("d", d, locale=self.locale)

    @_memo
    def month_label(self, d: dt.date) -> str:
        """A month on the chart's axis: short, with its year."""
        return format_skeleton("yMMM", d, locale=self.locale)

    # ---------- languages and words ----------

    def language_name(self, code: str) -> str:
        """A language's name in the site's language ("russe" on a French site)."""
        return _language_name(code, str(self.locale))

    def same(self, code: str | None) -> bool:
        """Whether text in `code` is in the site's language (so it needs no mark)."""
        return not code or code.split("-")[0].lower() == self.code

    def dir_of(self, code: str) -> str:
        try:
            return "rtl" if Locale.parse(code, sep="-").character_order == "right-to-left" else "ltr"
        except (ValueError, UnknownLocaleError):
            return "auto"

    def words(self, value: str, own: dict | None = None) -> str:
        """A vocabulary value as readers see it: the event's own words as written, else the built-in
        words translated, else the id with spaces."""
        if own and value in own:
            return own[value]
        found = vocab.builtin_words(value)
        if found:
            return self.pgettext(*found)
        if value in vocab.RELATIONS:
            return self.pgettext("relation", vocab.RELATIONS[value][0])
        return value.replace("-", " ")

    def outlet(self, value: str) -> str:
        return self.pgettext("outlet", vocab.OUTLETS[value])

    def reverse_relation(self, value: str) -> str:
        return self.pgettext("relation", vocab.RELATIONS[value][1])


@functools.cache
def _language_name(code: str, locale: str) -> str:
    try:
        name = Locale.parse(code, sep="-").get_display_name(locale)
    except (ValueError, UnknownLocaleError):  # a code CLDR has no locale for, like "ber"
        name = Locale.parse(locale).languages.get(code.split("-")[0])
    return name or code


@functools.cache
def language(tag: str = languages.DEFAULT) -> Language:
    return Language(tag)


def upper_first(text: str) -> str:
    """The first letter capitalised and nothing else lowered (unlike Jinja's `capitalize`)."""
    return text[:1].upper() + text[1:]


def N_(message: str) -> str:
    """Mark a message for extraction where it is declared; it is translated where it is shown."""
    return message
