"""Entry point that mkdocs-macros loads (`module_name: macros/main`).

mkdocs-macros executes this file afresh on every build, but Python would keep
serving the package's modules from its import cache, so under `mkdocs serve`
edits to the code would not show until a restart. Dropping them from the
cache first makes every rebuild use the code as it is on disk.
"""

import logging
import sys
from pathlib import Path

# mkdocs-macros announces every module it loads at INFO, six lines per rebuild that bury the problem list;
# its warnings still show.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)

for _name in [m for m in sys.modules if m == "macros" or m.startswith("macros.")]:
    del sys.modules[_name]
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from macros.engine.adapter import define_env, on_post_build, on_post_page_macros, on_pre_page_macros  # noqa: E402,F401
