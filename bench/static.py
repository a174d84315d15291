"""The same pages as plain Markdown, for a build without the macros plugin.

Each page's Markdown is rendered with the project's own Explainer API (the
macros' citations and data blocks, then the reference list), and the result
is written to a copy of the project whose mkdocs.yml has no macros plugin, no
link checker and no hooks: the "static build" the real build is compared to.
Timing this script alone gives the floor: load, check and render with Jinja,
no MkDocs.

    python -m bench.static PROJECT OUT_PROJECT
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from jinja2 import Environment, StrictUndefined

_TOP_KEY = re.compile(r"^[A-Za-z_]+:")


def render_pages(project: Path, out_docs: Path) -> int:
    """Write every page of project/docs as rendered Markdown; returns how many pages."""
    sys.path.insert(0, str(project))
    from macros.pages.site import BLOCKS, Explainer

    docs = project / "docs"
    explainer = Explainer.load(project, docs, True)
    env = Environment(undefined=StrictUndefined, autoescape=False)  # what mkdocs-macros does with a page
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
        view = explainer.page(rel)
        macros = {"cite": view.cite, **{name: (lambda name=name, view=view: view.block(name)) for name in BLOCKS}}
        text = env.from_string(path.read_text(encoding="utf-8")).render(**macros)
        refs = view.references()
        dest.write_text(f"{text.rstrip()}\n\n{refs}\n" if refs else text, encoding="utf-8")
        count += 1
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
