"""Entry point that mkdocs-macros loads (`module_name: macros/main`).

mkdocs-macros executes this file afresh on every build, but Python would keep
serving the package's modules from its import cache, so under `mkdocs serve`
edits to the code would not show until a restart. So the package is dropped
from the cache whenever a file under macros/ differs from what was imported
(by content, and by where the package lives); while the code stays as it is,
a rebuild keeps the modules, and with them what they compiled once per
process (the templates, see pages/render.py), which a rebuild would
otherwise pay for on every save.
"""

import hashlib
import logging
import sys
from pathlib import Path

# mkdocs-macros announces every module it loads at INFO, six lines per rebuild that bury the problem list;
# its warnings still show.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)

_PACKAGE = Path(__file__).resolve().parent


def _code_version() -> str:
    """Every file of the package, by content: a save that keeps a file's size and time still counts."""
    digest = hashlib.blake2b(str(_PACKAGE).encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


_VERSION = _code_version()
# Set only once the whole package imported: a failed import leaves no version, so the next build retries.
if getattr(sys.modules.get("macros"), "code_version", None) != _VERSION:
    for _name in [m for m in sys.modules if m == "macros" or m.startswith("macros.")]:
        del sys.modules[_name]
_ROOT = str(_PACKAGE.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from macros.engine.adapter import define_env, on_post_build, on_post_page_macros, on_pre_page_macros  # noqa: E402,F401

sys.modules["macros"].code_version = _VERSION  # type: ignore[attr-defined]
