"""The MkDocs side: hands each page to the framework-independent core.

mkdocs-macros calls `define_env` once per build (and again on each rebuild
under `mkdocs serve`), then `on_pre_page_macros` / `on_post_page_macros`
around each page. A data problem becomes a `PluginError`, which MkDocs
reports without a traceback and which stops the build before the site
directory is touched.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError

from .errors import DataError
from .site import BLOCKS, Explainer


class _State:
    explainer: Explainer | None = None
    page = None

    def view(self, env):
        """The current page's view, made on first use so the macros need no page hook to number
        citations (Zensical, Material's successor, runs define_env but no page hooks)."""
        src = env.page.file.src_uri
        if self.page is None or self.page.src != src:
            self.page = self.explainer.page(src)
        return self.page


def define_env(env) -> None:
    state = _State()
    env.variables["_explainer_state"] = state
    root = Path(env.conf["config_file_path"]).parent
    known = set(env.variables) | set(env.macros) | set(env.filters)
    try:
        state.explainer = Explainer.load(root, Path(env.conf["docs_dir"]), env.conf["use_directory_urls"], known)
    except DataError as err:
        raise PluginError("\n" + err.report()) from None
    # The site is named after the event, so a new event needs no change to mkdocs.yml. The theme's
    # templates do not autoescape, so the text goes in already escaped (as the descriptions below do).
    env.conf["site_name"] = escape(f"Explainer: {state.explainer.data.event.title}")
    env.conf["site_description"] = escape(state.explainer.data.event.summary)
    env.macro(lambda *ids: state.view(env).cite(*ids), "cite")
    for name in BLOCKS:
        env.macro(lambda name=name: state.view(env).block(name), name)


def on_pre_page_macros(env) -> None:
    state = env.variables["_explainer_state"]
    src = env.page.file.src_uri
    state.page = state.explainer.page(src)  # a fresh numbering, even if a page is rendered twice
    # Material writes this into <meta name="description"> and overrides/main.html into Open Graph
    # tags. MkDocs' theme templates do not autoescape, so the text goes in already escaped.
    env.page.meta.setdefault("description", escape(state.explainer.description(src)))


def on_post_page_macros(env) -> None:
    # Every page gets its reference list, so no page can forget it.
    refs = env.variables["_explainer_state"].view(env).references()
    if refs:
        env.markdown = f"{env.markdown.rstrip()}\n\n{refs}\n"
