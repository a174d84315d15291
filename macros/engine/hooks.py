"""MkDocs hooks (mkdocs.yml `hooks:`): what mkdocs-macros has no hook for.

- `on_files` hands MkDocs the downloads (outputs.py) and the generated pages of
  blocks split into parts (pages/parts.py), as generated files: no file is
  added to docs/, and MkDocs writes, serves and link-checks them like any page.
- `on_page_content` and `on_page_context` put each data block into its page
  after Markdown (deferred.py), a text-only copy first for the search index.
- `on_post_page` and `on_post_template` give each page the `<html lang dir>` of
  the data's language (language.py).
- `on_startup` makes the garbage collector's rounds fewer; `on_files` sets what
  the build holds from then on aside from them (`gc.freeze`); `on_post_build` and
  `on_build_error` give it back.

They read the explainer that `define_env` already loaded: the data is read once.
"""

from __future__ import annotations

import gc
import sys
from functools import partial
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


def _priority(n: int):
    """Order among the plugins' handlers of one event, as mkdocs.plugins.event_priority(n) sets it,
    without importing MkDocs here."""

    def mark(fn):
        fn.mkdocs_priority = n
        return fn

    return mark


def on_startup(command, dirty):
    # A build makes millions of short-lived objects and few cycles: the youngest generation is collected
    # every 10,000 new objects instead of 700 (100x: about 1,100 rounds to 40, 0.15 s less, 5 MB more).
    gc.set_threshold(10_000, 10, 10)


def _state(config):
    macros = config.plugins.get("macros")
    return macros.variables.get("_explainer_state") if macros else None


@_priority(100)  # before the plugins' own on_files, so the link checks know the generated files
def on_files(files, config):
    from mkdocs.structure.files import File, InclusionLevel

    from macros.engine import ondemand
    from macros.engine.outputs import OUTPUTS, clashes, part_pages, site_of

    state = _state(config)
    explainer = getattr(state, "explainer", None)
    if state is None or explainer is None:  # the data is broken: the pages say so, and there is nothing to export
        return files
    clashing = clashes(Path(config.docs_dir), state.docs_label)
    if clashing:  # stops the build; the preview shows the list, and exports nothing over an editor's file
        state.failed(clashing)
        return files
    state.defer = True  # this engine puts the blocks back after Markdown (on_page_content below)
    if not state.preview:  # the data is read once: what the preview keeps for its next rebuild can go
        from macros.data.reads import forget_reads

        forget_reads()
    site = site_of(explainer, config.site_url or "", explainer.data.event.title)
    for out in OUTPUTS:  # under make serve, made when a browser asks for one (ondemand.py)
        files.append(ondemand.generated(config, out.path, partial(out.pieces, explainer.data, site), state))
    for src, markdown in part_pages(explainer):  # reached from the first part's index, not from the nav
        files.append(File.generated(config, src, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    # The data and the rest held now live to the end of the build: the collector's full rounds, looking for
    # cycles, need not walk them each time (at 100x the sample a fifth of a second of the build).
    gc.freeze()
    return files


def on_post_build(config):
    gc.unfreeze()  # what the build held can be collected again (under `mkdocs serve`, before the next)


def on_build_error(error):
    gc.unfreeze()


def on_page_content(html, page, config, files):
    from macros.engine import deferred

    view = _view(config, page)
    if view is None or not view.rendered:
        return html
    page.explainer_full = deferred.kept(deferred.put_back(html, view.rendered))
    return deferred.put_back(html, deferred.text_only(view.rendered))


@_priority(-100)  # after the search plugin has indexed the text-only copy
def on_page_context(context, page, config, nav):
    full = page.__dict__.pop("explainer_full", None)  # the page object lives on under `mkdocs serve`
    # MkDocs turns every page into HTML before it renders any into the theme; a page that failed later
    # put the problem list on the earlier ones (adapter._show_problems), and it must stay there.
    if full is not None and not getattr(_state(config), "problems", None):
        from macros.engine import deferred

        page.content = deferred.unkept(full)
        page.explainer_written = True  # see on_post_page
    return context


def _view(config, page):
    state = _state(config)
    view = getattr(state, "page", None)
    return view if view is not None and view.src == page.file.src_uri else None


def on_post_page(output, page, config):
    """`<html lang dir>` from the data's language (macros/engine/language.py says why here)."""
    from macros.engine.language import html_root

    if page is not None and page.__dict__.pop("explainer_written", False):
        page.content = None  # in its file now: MkDocs would keep every page's whole HTML to the end of the build
    explainer = getattr(_state(config), "explainer", None)
    return output if explainer is None else html_root(output, explainer.lang)


def on_post_template(output_content, template_name, config):
    """The same for the theme's own pages (404.html)."""
    return on_post_page(output_content, None, config)
