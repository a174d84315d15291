"""Render every page the way `mkdocs build` does, minus the theme, fast.

The real adapter (`macros.engine.adapter`) is driven through a stand-in for the
mkdocs-macros environment: `define_env` registers the macros, each page is
rendered as a Jinja template with them (no autoescape, strict undefined, as
mkdocs-macros is configured), `on_post_page_macros` appends the references,
and Python-Markdown converts the result with the extensions from mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import markdown
from mkdocs.config import load_config

from macros.engine import adapter

from .project import ROOT

_CONFIG = load_config(str(ROOT / "mkdocs.yml"))
EXTENSIONS, EXTENSION_CONFIGS = _CONFIG.markdown_extensions, _CONFIG.mdx_configs


class MacrosEnv:
    """Just the parts of mkdocs-macros' `env` that the adapter uses."""

    def __init__(self, project: Path):
        self.conf = {
            "config_file_path": str(project / "mkdocs.yml"),
            "docs_dir": str(project / "docs"),
            "use_directory_urls": True,
        }
        self.variables, self.macros, self.filters = {}, {}, {}
        self.page, self.markdown = None, ""

    def macro(self, fn, name):
        self.macros[name] = fn


def render_project(project: Path) -> dict[str, str]:
    """HTML of every page's content, keyed by its path in docs/."""
    env = MacrosEnv(project)
    adapter.define_env(env)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    jinja.globals.update(env.macros)
    out = {}
    for path in sorted((project / "docs").rglob("*.md")):
        src = path.relative_to(project / "docs").as_posix()
        env.page = SimpleNamespace(file=SimpleNamespace(src_uri=src), meta={})
        adapter.on_pre_page_macros(env)
        env.markdown = jinja.from_string(path.read_text(encoding="utf-8")).render()
        adapter.on_post_page_macros(env)
        out[src] = markdown.markdown(env.markdown, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return out
