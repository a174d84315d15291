"""The same pages as plain Markdown, for a build without the macros plugin.

Each page's Markdown is rendered through the project's own adapter, with every
macro the real build registers (citations, data blocks, the reference list), and
the result is written, with the downloads, to a copy of the project whose
mkdocs.yml has no macros plugin, no link checker and no hooks: the "static
build" the real build is compared to. A big event's blocks split into the same
parts as in the real build (macros/pages/parts.py), so both build the same pages.
Timing this script alone gives the floor: load, check and render with Jinja,
no MkDocs.

    python -m bench.static PROJECT OUT_PROJECT
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, StrictUndefined

_TOP_KEY = re.compile(r"^[A-Za-z_]+:")


class _MacrosEnv:
    """The parts of mkdocs-macros' `env` the adapter uses: the real `define_env` registers every macro a
    page may call, so this build knows each one the pages use (no list of them here to fall behind)."""

    def __init__(self, project: Path):
        from macros.engine.zensical import mkdocs_extra  # the page budget, if mkdocs.yml sets one

        self.conf = {
            "config_file_path": str(project / "mkdocs.yml"),
            "docs_dir": str(project / "docs"),
            "extra": mkdocs_extra(project),
        }
        self.variables: dict = {}
        self.macros: dict = {}
        self.filters: dict = {}
        self.page, self.markdown = None, ""

    def macro(self, fn, name):
        self.macros[name] = fn


def render_pages(project: Path, out_docs: Path) -> list[str]:
    """Write every page of project/docs as rendered Markdown, the generated parts of split blocks, and the
    downloads beside them; returns the generated pages."""
    sys.path.insert(0, str(project))
    from macros.engine import adapter
    from macros.engine.outputs import OUTPUTS, part_pages, site_of

    docs = project / "docs"
    env = _MacrosEnv(project)
    adapter.define_env(env)
    explainer = env.variables["_explainer_state"].explainer  # define_env stops with the problems if any
    jinja = Environment(undefined=StrictUndefined, autoescape=False)  # what mkdocs-macros does with a page
    jinja.globals.update(env.macros)
    pages = {path.relative_to(docs).as_posix(): path for path in sorted(docs.rglob("*"))}
    generated = dict(part_pages(explainer))
    for rel in sorted(set(pages) | set(generated)):
        dest = out_docs / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if rel in pages and (pages[rel].is_dir() or pages[rel].suffix != ".md"):
            if pages[rel].is_file():
                shutil.copy2(pages[rel], dest)
            continue
        source = generated[rel] if rel in generated else pages[rel].read_text(encoding="utf-8")
        env.page = SimpleNamespace(file=SimpleNamespace(src_uri=rel, content_string=""), meta={})
        adapter.on_pre_page_macros(env)
        env.markdown = jinja.from_string(source).render()
        adapter.on_post_page_macros(env)  # stops with any problem the page met while rendering
        dest.write_text(env.markdown, encoding="utf-8")
    site = site_of(explainer, "", explainer.data.event.title)
    for out in OUTPUTS:  # as the real build's hook adds them, so both sites hold the same files
        (out_docs / out.path).write_text(out.render(explainer.data, site), encoding="utf-8")
    return list(generated)


def plain_config(text: str, site_name: str, generated: Sequence[str] = ()) -> str:
    """mkdocs.yml with only the search plugin, no hooks and nothing to watch; the generated part
    pages are out of the nav, as the real build adds them."""
    out, skipping = [], False
    for line in text.splitlines():
        if _TOP_KEY.match(line):
            skipping = line.split(":")[0] in ("plugins", "hooks", "watch")
            if line.startswith("site_name:"):
                line = f"site_name: {site_name!r}"
        if not skipping:
            out.append(line)
    kept = "".join(f"  /{src}\n" for src in generated)
    return "\n".join(out) + "\nplugins:\n  - search\n" + (f"not_in_nav: |\n{kept}" if kept else "")


def make_static(project: Path, out: Path) -> int:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    generated = render_pages(project, out / "docs")
    count = sum(1 for _ in (out / "docs").rglob("*.md"))
    title = _title(project)
    (out / "mkdocs.yml").write_text(
        plain_config((project / "mkdocs.yml").read_text(encoding="utf-8"), f"Explainer: {title}", generated),
        encoding="utf-8",
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
