"""`make translations`: extract the site's messages and bring every catalog up to date.

1. `pybabel extract` reads the code and the templates (babel.cfg) into
   macros/pages/locales/messages.pot, the template of every catalog;
2. it is merged into each locales/<lang>/LC_MESSAGES/messages.po, as `pybabel update` does:
   new messages arrive untranslated (never guessed from a similar one: no fuzzy
   matching) and messages no longer used are dropped, so the catalog test
   (tests/test_translations.py) names exactly what is left to translate.

Locations are kept per file, not per line, so moving a template line does not
change the catalogs. The keywords are gettext's, plus the two markers that
declare a message where it is not yet shown: `N_(message)` and
`NP_(context, message)` (macros/data/vocab.py).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from ..data.languages import CATALOGS

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = CATALOGS / "messages.pot"
WIDTH = 100  # wrap long messages, as pybabel does, at a width that keeps most on one line
KEYWORDS = ("_", "gettext", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3", "N_", "NP_:1c,2")


def extract(output: Path = TEMPLATE, root: Path = ROOT) -> None:
    """Write the template of every catalog: what the code and the templates mark for readers."""
    args = ["pybabel", "-q", "extract", "-F", str(root / "babel.cfg"), "--no-default-keywords"]
    args += [f"-k{k}" for k in KEYWORDS]
    args += ["--add-location=file", "--sort-output", "--omit-header", f"--width={WIDTH}", "-o", str(output), "macros"]
    _run(args, root)


def update(template: Path = TEMPLATE, catalogs: Path = CATALOGS) -> list[Path]:
    """Merge the template into every catalog, as `pybabel update --no-fuzzy-matching --ignore-obsolete`
    does, keeping each catalog's header (its glossary) and dates, so a run that changes no message
    changes no file. A catalog copied from the template gets its header here (language, plural forms)."""
    with template.open("rb") as f:
        messages = read_po(f)
    updated = []
    for path in sorted(catalogs.glob("*/LC_MESSAGES/messages.po")):
        with path.open("rb") as f:
            catalog = read_po(f, locale=path.parents[1].name)
        messages.creation_date = catalog.creation_date
        catalog.update(messages, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        out = io.BytesIO()
        write_po(out, catalog, width=WIDTH, ignore_obsolete=True, include_previous=False)
        if out.getvalue() != path.read_bytes():
            path.write_bytes(out.getvalue())
            updated.append(path)
    return updated


def _run(args: list[str], cwd: Path) -> None:
    import os

    here = os.getcwd()
    os.chdir(cwd)  # pybabel reads the mapping's patterns relative to where it runs
    try:
        CommandLineInterface().run(args)
    finally:
        os.chdir(here)


def main() -> int:
    extract()
    update()
    print(f"wrote {TEMPLATE.relative_to(ROOT)} and updated every catalog in {CATALOGS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
