"""`make zensical`: build the same repository with Zensical, Material for MkDocs' successor.

Run with the Python of `.venv-zensical/` (Zensical and the libraries this code needs, no MkDocs):
`python -m macros.engine.zensical [SITE_DIR]` (default `site-zensical`).

Zensical reads mkdocs.yml and runs `define_env` through its own macros extension, once per page,
with no page hooks and no MkDocs `hooks:`. So this command does what those would do:
- checks the data and pages first, and stops with the same problem list as `make check`;
- names the site after the event and sets the theme's language, direction, nav and words from the
  data (mkdocs-macros lets `define_env` change the config; Zensical reads the config before any page
  renders), through a temporary copy of mkdocs.yml;
- gives every page the `<html lang dir>` of the data's language, as the MkDocs hook does;
- writes the downloads (macros/engine/outputs.py) with the same functions as the MkDocs hook;
- gives Zensical the generated pages of split blocks (outputs.part_pages), which MkDocs gets from
  the `on_files` hook: Zensical reads a temporary copy of docs/ with them added, and `define_env`
  is told (`extra: explainer_docs`) to read the editors' docs/ itself, so the copy changes nothing.
The site is built into a temporary folder and replaces SITE_DIR only when all of it succeeded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from ..data.errors import DataError, escaped
from ..pages.site import Explainer
from . import language
from .adapter import page_budget
from .outputs import OUTPUTS, load, part_pages, site_of
from .staging import staged

ROOT = Path(__file__).resolve().parents[2]


def write_outputs(ex: Explainer, site_dir: Path, site_url: str = "") -> None:
    """Every download, as MkDocs' `on_files` hook (macros/engine/hooks.py) hands them to MkDocs."""
    site = site_of(ex, site_url, ex.data.event.title)
    for out in OUTPUTS:
        path = site_dir / out.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.render(ex.data, site).encode("utf-8"))  # as MkDocs writes a generated file


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` is the variable's value, or the default."""


def _env(loader: yaml.SafeLoader, node: yaml.SequenceNode):
    *names, default = loader.construct_sequence(node)
    return next((os.environ[n] for n in names if n in os.environ), default)


_Loader.add_constructor("!ENV", _env)


def mkdocs_config(root: Path = ROOT) -> dict:
    """mkdocs.yml, read without MkDocs."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return config if isinstance(config, dict) else {}


def mkdocs_extra(root: Path) -> dict:
    """mkdocs.yml's `extra:`."""
    extra = mkdocs_config(root).get("extra")
    return extra if isinstance(extra, dict) else {}


def config_text(ex: Explainer, site_dir: str, docs_dir: str | None = None, root: Path = ROOT) -> str:
    """mkdocs.yml with what `define_env` sets under MkDocs; PyYAML writes any title so it reads back.
    `docs_dir`: the copy of docs/ with the generated pages, when a block is split.

    A whole copy rather than `INHERIT`: Zensical merges an inherited config's lists by appending,
    so a translated nav would follow the English one instead of replacing it."""
    config = mkdocs_config(root)
    config.update(site_dir=site_dir, site_name=language.site_name(ex), site_description=ex.data.event.summary)
    config["theme"] = dict(config.get("theme") or {})
    language.configure(config, ex)
    if docs_dir:
        config["docs_dir"] = docs_dir
        extra = dict(config.get("extra") or {})
        config["extra"] = {**extra, "explainer_docs": "docs", "explainer_page_budget": ex.page_budget}
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10_000)


def with_parts(root: Path, ex: Explainer, folder: Path) -> None:
    """A copy of docs/ in `folder`, with the generated page of every part but the first of each block."""
    shutil.copytree(root / "docs", folder)
    for src, markdown in part_pages(ex):
        (folder / src).parent.mkdir(parents=True, exist_ok=True)
        (folder / src).write_text(markdown, encoding="utf-8")


def build(root: Path = ROOT, site: str = "site-zensical") -> int:
    try:
        ex = load(root, page_budget({"extra": mkdocs_extra(root)}))  # what `make check` checks
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    with staged(root, site) as stage:  # Zensical builds only inside the project
        config = root / f".{stage.folder.name}.yml"  # next to mkdocs.yml: Zensical takes the project root from it
        docs = root / f".{stage.folder.name}-docs" if ex.plan.parts else None
        try:
            if docs is not None:
                with_parts(root, ex, docs)
            config.write_text(config_text(ex, stage.folder.name, docs.name if docs else None), encoding="utf-8")
            # --clean: Zensical caches rendered pages by their Markdown, which does not change when data/ does.
            result = subprocess.run(
                [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)],
                cwd=root,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
            if result.returncode != 0:
                said = (result.stdout + result.stderr).splitlines()
                print("\n".join(escaped(line) for line in said), file=sys.stderr)  # nothing raw from the data
                print(f"The Zensical build failed (the reason is above); {site}/ was left as it was.", file=sys.stderr)
                return result.returncode
            write_outputs(ex, stage.folder, os.environ.get("SITE_URL", ""))
            for page in stage.folder.rglob("*.html"):  # what MkDocs' on_post_page hook does
                page.write_text(language.html_root(page.read_text(encoding="utf-8"), ex.lang), encoding="utf-8")
            stage.publish()
            print(f"Built {site}/ with Zensical")
            return 0
        finally:
            config.unlink(missing_ok=True)
            if docs is not None:
                shutil.rmtree(docs, ignore_errors=True)
    return 130  # stopped: `staged` said so and cleaned up


if __name__ == "__main__":
    if len(sys.argv) > 2 or sys.argv[1:2] in (["-h"], ["--help"]):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(build(ROOT, *sys.argv[1:]))
