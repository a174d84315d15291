"""The message catalogs: complete, current, and as the code and templates extract them.

A catalog that lacks a message, holds a fuzzy one or one the code no longer uses, or whose
placeholders differ from the English, fails here; so does a .pot that `make translations`
would change. Adding a language is one file (README, "Adding a language"): the check then
accepts that `language:`.
"""

from __future__ import annotations

import re
import shutil

import pytest
from babel.messages.checkers import python_format
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from macros.data import languages
from macros.engine import translations
from macros.pages.i18n import Language
from support.project import check, event_data, make_project, write_data

TEMPLATE = languages.CATALOGS / "messages.pot"
CATALOGS = sorted(languages.CATALOGS.glob("*/LC_MESSAGES/messages.po"))
SHIPPED = ["ar", "de", "en", "es", "fr", "pt", "ru", "uk"]
_SCRIPT_PLACEHOLDER = re.compile(r"\{\w+\}")  # filled in by docs/assets/*.js


def _messages(path):
    with path.open("rb") as f:
        catalog = read_po(f, locale=path.parents[1].name if path.name.endswith(".po") else None)
    return catalog, {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}


def test_the_languages_shipped():
    assert list(languages.shipped()) == SHIPPED


def test_the_template_is_what_the_code_and_templates_mark(tmp_path):
    fresh = tmp_path / "messages.pot"
    translations.extract(fresh)
    assert fresh.read_text(encoding="utf-8") == TEMPLATE.read_text(encoding="utf-8"), "run `make translations`"


def test_make_translations_changes_no_catalog(tmp_path):
    copies = tmp_path / "locales"
    shutil.copytree(languages.CATALOGS, copies)
    assert translations.update(copies / "messages.pot", copies) == [], "run `make translations`"


@pytest.mark.parametrize("path", CATALOGS, ids=[p.parents[1].name for p in CATALOGS])
def test_every_catalog_is_complete_current_and_not_fuzzy(path):
    _, wanted = _messages(TEMPLATE)
    catalog, have = _messages(path)
    assert sorted(set(wanted) - set(have), key=str) == [], "messages missing: run `make translations`, translate"
    assert sorted(set(have) - set(wanted), key=str) == [], "stale messages: run `make translations`"
    assert [k for k, m in have.items() if m.fuzzy] == [], "fuzzy messages: check them, then drop the flag"
    untranslated = [k for k, m in have.items() if not all(m.string if isinstance(m.string, tuple) else [m.string])]
    assert untranslated == []
    assert catalog.plural_forms == get_plural(catalog.locale).plural_forms, "plural forms as CLDR gives them"
    assert catalog.num_plurals == get_plural(catalog.locale).num_plurals
    assert "Glossary" in catalog.header_comment, "each catalog starts with its glossary"


@pytest.mark.parametrize("path", CATALOGS, ids=[p.parents[1].name for p in CATALOGS])
def test_translations_keep_the_placeholders(path):
    catalog, have = _messages(path)
    wrong = []
    for key, m in have.items():
        try:
            python_format(catalog, m)
        except Exception as err:  # Babel's TranslationError
            wrong.append((key, str(err)))
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        script = set(_SCRIPT_PLACEHOLDER.findall(ids[0]))
        wrong += [(key, f"lost {script}") for s in strings if set(_SCRIPT_PLACEHOLDER.findall(s)) != script]
    assert wrong == []


def test_plural_forms_follow_cldr():
    # Russian: 1, 21 one form; 2-4 another; 5-20 a third. Arabic: six forms.
    ru, ar = Language("ru"), Language("ar")
    forms = {n: ru.ngettext("%(num)s statement", "%(num)s statements", n) for n in (1, 2, 5, 21, 22, 25)}
    assert forms[1] == forms[21] != forms[2] == forms[22] != forms[5] == forms[25]
    seen = {ar.ngettext("%(num)s statement", "%(num)s statements", n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(seen) == 6


def test_a_new_language_is_one_file_and_the_check_then_accepts_it(tmp_path):
    project = make_project(tmp_path / "project", "sample")
    data = event_data("sample")
    data["event"]["event"]["language"] = "it"
    write_data(project, "event", data["event"])
    refused = check(project)
    assert refused.returncode == 1 and "no catalog of the site's words ships for 'it'" in refused.stderr
    assert "Adding a language" in refused.stderr
    folder = project / "macros" / "pages" / "locales" / "it" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy2(project / "macros" / "pages" / "locales" / "messages.pot", folder / "messages.po")
    accepted = check(project)
    assert accepted.returncode == 0, accepted.stderr
