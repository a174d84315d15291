"""Render every page the way `mkdocs build` does, minus the theme, fast.

The real adapter (`macros.adapter`) is driven through a stand-in for the
mkdocs-macros environment: `define_env` registers the macros, each page is
rendered as a Jinja template with them (no autoescape, strict undefined, as
mkdocs-macros is configured), `on_post_page_macros` appends the references,
and Python-Markdown converts the result with the extensions from mkdocs.yml.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import jinja2
import markdown
import yaml
from mkdocs.config import load_config

from macros import adapter

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).resolve().parent / "inputs" / "valid"
_CONFIG = load_config(str(ROOT / "mkdocs.yml"))
EXTENSIONS, EXTENSION_CONFIGS = _CONFIG.markdown_extensions, _CONFIG.mdx_configs


class MacrosEnv:
    """Just the parts of mkdocs-macros' `env` that the adapter uses."""

    def __init__(self, project: Path):
        self.conf = {"config_file_path": str(project / "mkdocs.yml"), "docs_dir": str(project / "docs"),
                     "use_directory_urls": True}
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


def valid_data() -> dict[str, dict]:
    """The small valid dataset, as plain values, ready to be altered."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (VALID / "data").glob("*.yml")}


def write_project(dest: Path, data: dict[str, dict]) -> Path:
    """A project folder holding `data`, the valid pages, and this project's mkdocs.yml and code."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "data").mkdir(parents=True)
    shutil.copytree(VALID / "docs", dest / "docs")
    for stem, value in data.items():
        text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)
        (dest / "data" / f"{stem}.yml").write_text(text, encoding="utf-8")
    return dest
