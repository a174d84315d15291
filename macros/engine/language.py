"""The engine follows the data's language: Material's own labels and direction, its search, the
nav, the site's name, the 404 page, and `<html lang dir>`.

mkdocs.yml stays the same for every event: `define_env` (MkDocs) and the temporary config of
`make zensical` set these from `language:` in data/event.yml, so nothing there is English-only.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from ..pages.i18n import N_, Language
from ..pages.site import Explainer

# Words of the theme's pages that the pages' templates do not write; overrides/ reads them from
# config.extra, where this module puts them translated.
THEME_WORDS = {
    "not_found_title": N_("Page not found"),
    "not_found_text": N_("There is no page at this address. The explainer's front page lists everything on this site."),
    "not_found_link": N_("Go to the front page"),
}
# mkdocs.yml's nav titles, as messages; a title not among them is the editors' own and stays as written.
NAV_TITLES = (N_("Explainer"), N_("Timeline"), N_("Who said what"), N_("Actors"), N_("Sources"))
PERMALINK_TITLE = N_("Permanent link")  # the title of each heading's ¶ link (Markdown's toc extension)
PALETTE_TOGGLES = (N_("Switch to dark mode"), N_("Switch to light mode"))  # mkdocs.yml's palette toggles' names
_HTML_TAG = re.compile(r"<html\b[^>]*>")


def site_name(ex: Explainer) -> str:
    return ex.lang.gettext("Explainer: %(title)s") % {"title": ex.data.event.title}


def theme_language(lang: Language) -> str:
    """The language of the theme's own labels: the tag itself where the theme has it ("pt-BR"), else its
    language ("fr" for "fr-CA"), else English. The theme has no file for some tags, and would fail on them."""
    have = _theme_languages()
    for candidate in (lang.tag, lang.code):
        if candidate in have:
            return candidate
    return "en"


def _theme_languages() -> set[str]:
    for package in ("material", "zensical"):  # MkDocs' theme, or Zensical's copy of it
        spec = importlib.util.find_spec(package)
        if spec and spec.origin:
            folder = Path(spec.origin).parent / "templates" / "partials" / "languages"
            if folder.is_dir():
                return {p.stem for p in folder.glob("*.html")}
    return {"en"}


def nav(items, lang: Language):
    """mkdocs.yml's nav with each title that is a message in the catalog translated; a title of the
    editors' own (not a message) is kept as written."""
    if isinstance(items, list):
        return [nav(item, lang) for item in items]
    if isinstance(items, dict):
        return {lang.gettext(str(title)): nav(value, lang) for title, value in items.items()}
    return items


def extra(ex: Explainer) -> dict:
    return {"explainer_words": {key: ex.lang.gettext(msg) for key, msg in THEME_WORDS.items()}}


def configure(conf, ex: Explainer) -> None:
    """Set the theme's language and direction, the search language, the nav and the theme's words."""
    lang = ex.lang
    theme = conf.get("theme")
    before = theme.get("language") if theme is not None else None
    if theme is not None:  # a stand-in config (tests/support/render.py) may have none
        theme["language"] = theme_language(lang)
        theme["direction"] = lang.direction
        theme["palette"] = [_toggle_named(p, lang) for p in theme.get("palette") or []]
    if conf.get("nav"):
        conf["nav"] = nav(conf["nav"], lang)
    conf["extra"] = {**(conf.get("extra") or {}), **extra(ex)}
    _permalink_title(conf, lang.gettext(PERMALINK_TITLE))
    if theme is not None and theme["language"] == before:
        return  # the search plugin already read this language (a tenth of a small build to read it again)
    plugins = conf.get("plugins") or {}
    for name, plugin in getattr(plugins, "items", dict)():
        # The search plugin read the language before this ran (its on_config comes first); ask it again.
        if name.endswith("search") and hasattr(plugin, "_translate"):
            # The theme's own choice per language: Arabic and Ukrainian keep English stemming, as Material does.
            plugin.config.lang = [plugin._translate(conf, "search.config.lang")]
            plugin.config.separator = plugin._translate(conf, "search.config.separator")
            plugin.config.pipeline = [
                p for p in plugin._translate(conf, "search.config.pipeline").split(",") if p.strip()
            ]
            plugin.search_index = type(plugin.search_index)(**plugin.config)


def _toggle_named(palette, lang: Language):
    """A palette with its toggle's name (the button's label) in the site's language, where it is a message."""
    if not isinstance(palette, dict) or not isinstance(palette.get("toggle"), dict):
        return palette
    toggle = palette["toggle"]
    return {**palette, "toggle": {**toggle, "name": lang.gettext(str(toggle.get("name", "")))}}


def _permalink_title(conf, title: str) -> None:
    """The toc extension's options: in MkDocs' validated config (mdx_configs), or in mkdocs.yml's list."""
    if "mdx_configs" in conf:
        conf["mdx_configs"].setdefault("toc", {})["permalink_title"] = title
        return
    extensions = conf.get("markdown_extensions") or []
    for i, ext in enumerate(extensions):
        if ext == "toc" or (isinstance(ext, dict) and "toc" in ext):
            options = dict(ext["toc"] or {}) if isinstance(ext, dict) else {}
            extensions[i] = {"toc": {**options, "permalink_title": title}}


def html_root(html: str, lang: Language) -> str:
    """The page's `<html>` with the data's own tag and the direction: the theme writes its own
    language's tag ("fr" for "fr-CA") and puts the direction only on <body>."""
    return _HTML_TAG.sub(
        lambda m: re.sub(r"\s(lang|dir)=\"[^\"]*\"", "", m[0])[:-1] + f' lang="{lang.tag}" dir="{lang.direction}">',
        html,
        count=1,
    )
