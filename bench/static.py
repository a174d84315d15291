"""The same pages as plain Markdown, for a build without the macros plugin.

Each page's Markdown is rendered through the project's own adapter, with every
macro the real build registers (citations, data blocks, the reference list), and
the result is written, with the downloads, to a copy of the project whose
mkdocs.yml has no macros plugin, no link checker and no hooks: the "static
build" the real build is compared to.
Timing this script alone gives the floor: load, check and render with Jinja,
no MkDocs.

    python -m bench.static PROJECT OUT_PROJECT
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, StrictUndefined

_TOP_KEY = re.compile(r"^[A-Za-z_]+:")


class _MacrosEnv:
    """The parts of mkdocs-macros' `env` the adapter uses: the real `define_env` registers every macro a
    page may call, so this build knows each one the pages use (no list of them here to fall behind)."""

    def __init__(self, project: Path):
        self.conf = {"config_file_path": str(project / "mkdocs.yml"), "docs_dir": str(project / "docs")}
        self.variables: dict = {}
        self.macros: dict = {}
        self.filters: dict = {}
        self.page, self.markdown = None, ""

    def macro(self, fn, name):
        self.macros[name] = fn


def render_pages(project: Path, out_docs: Path) -> int:
    """Write every page of project/docs as rendered Markdown, and the downloads beside them; returns how
    many pages."""
    sys.path.insert(0, str(project))
    from macros.engine import adapter
    from macros.engine.outputs import OUTPUTS, site_of

    docs = project / "docs"
    env = _MacrosEnv(project)
    adapter.define_env(env)
    explainer = env.variables["_explainer_state"].explainer  # define_env stops with the problems if any
    jinja = Environment(undefined=StrictUndefined, autoescape=False)  # what mkdocs-macros does with a page
    jinja.globals.update(env.macros)
    count = 0
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        dest = out_docs / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            continue
        if path.suffix != ".md":
            shutil.copy2(path, dest)
            continue
        env.page = SimpleNamespace(file=SimpleNamespace(src_uri=rel, content_string=""), meta={})
        adapter.on_pre_page_macros(env)
        env.markdown = jinja.from_string(path.read_text(encoding="utf-8")).render()
        adapter.on_post_page_macros(env)  # stops with any problem the page met while rendering
        dest.write_text(env.markdown, encoding="utf-8")
        count += 1
    site = site_of(explainer, "", explainer.data.event.title)
    for out in OUTPUTS:  # as the real build's hook adds them, so both sites hold the same files
        (out_docs / out.path).write_text(out.render(explainer.data, site), encoding="utf-8")
    return count


def plain_config(text: str, site_name: str) -> str:
    """mkdocs.yml with only the search plugin, no hooks and nothing to watch."""
    out, skipping = [], False
    for line in text.splitlines():
        if _TOP_KEY.match(line):
            skipping = line.split(":")[0] in ("plugins", "hooks", "watch")
            if line.startswith("site_name:"):
                line = f"site_name: {site_name!r}"
        if not skipping:
            out.append(line)
    return "\n".join(out) + "\nplugins:\n  - search\n"


def make_static(project: Path, out: Path) -> int:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    count = render_pages(project, out / "docs")
    title = _title(project)
    (out / "mkdocs.yml").write_text(
        plain_config((project / "mkdocs.yml").read_text(encoding="utf-8"), f"Explainer: {title}"), encoding="utf-8"
    )
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", out / "overrides")
    return count


def _title(project: Path) -> str:
    import yaml

    return yaml.safe_load((project / "data" / "event.yml").read_text(encoding="utf-8"))["event"]["title"]


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(f"{make_static(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())} pages rendered")
