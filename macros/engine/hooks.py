"""MkDocs hooks (mkdocs.yml `hooks:`): hands the outputs to MkDocs as generated files.

mkdocs-macros has no hook for the site's files, so this small module does it,
reading the explainer that `define_env` already loaded: the data is read once.
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


def _first(fn):
    """Run before the plugins' own on_files, so the link checks know the generated files."""
    fn.mkdocs_priority = 100  # what mkdocs.plugins.event_priority(100) sets, without importing MkDocs here
    return fn


@_first
def on_files(files, config):
    from mkdocs.structure.files import File

    from macros.engine.outputs import OUTPUTS, clashes, site_of

    macros = config.plugins.get("macros")
    state = macros.variables.get("_explainer_state") if macros else None
    explainer = getattr(state, "explainer", None)
    if state is None or explainer is None:  # the data is broken: the pages say so, and there is nothing to export
        return files
    clashing = clashes(Path(config.docs_dir), state.docs_label)
    if clashing:  # stops the build; the preview shows the list, and exports nothing over an editor's file
        state.failed(clashing)
        return files
    site = site_of(explainer, config.site_url or "", explainer.data.event.title)
    for out in OUTPUTS:
        files.append(File.generated(config, out.path, content=out.render(explainer.data, site)))
    return files
