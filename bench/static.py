"""The same pages as plain Markdown, for a build without the macros plugin.

Each page's Markdown is rendered with the project's own Explainer API (the
macros' citations and data blocks, then the reference list), and the result
is written to a copy of the project whose mkdocs.yml has no macros plugin, no
link checker and no hooks: the "static build" the real build is compared to.
A big event's blocks split into the same parts as in the real build
(macros/pages/parts.py), so both build the same pages.
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

from jinja2 import Environment, StrictUndefined

_TOP_KEY = re.compile(r"^[A-Za-z_]+:")


def render_pages(project: Path, out_docs: Path, budget: int) -> list[str]:
    """Write every page of project/docs as rendered Markdown, and the generated parts; returns those."""
    sys.path.insert(0, str(project))
    from macros.engine.outputs import part_pages
    from macros.pages.site import BLOCKS, Explainer

    docs = project / "docs"
    explainer = Explainer.load(project, docs, True, page_budget=budget)
    env = Environment(undefined=StrictUndefined, autoescape=False)  # what mkdocs-macros does with a page
    pages = {path.relative_to(docs).as_posix(): path for path in sorted(docs.rglob("*"))}
    generated = dict(part_pages(explainer))
    for rel in sorted(set(pages) | set(generated)):
        dest = out_docs / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if rel in pages and (pages[rel].is_dir() or pages[rel].suffix != ".md"):
            if pages[rel].is_file():
                shutil.copy2(pages[rel], dest)
            continue
        view = explainer.page(rel)
        macros = {
            "cite": view.cite,
            "references": view.references,
            "part_title": view.part_title,
            **{name: (lambda name=name, view=view: view.block(name)) for name in BLOCKS},
        }
        source = generated[rel] if rel in generated else pages[rel].read_text(encoding="utf-8")
        dest.write_text(env.from_string(source).render(**macros), encoding="utf-8")
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
    from macros.engine.adapter import page_budget
    from macros.engine.zensical import mkdocs_extra

    generated = render_pages(project, out / "docs", page_budget({"extra": mkdocs_extra(project)}))
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
