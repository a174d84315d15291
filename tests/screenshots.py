"""Retake the README's screenshots (.github/screenshots/*.png): run `make screenshots`.

They show the repository's own event (data/ and docs/), built with `mkdocs build --strict`
and opened in the same Chromium as the browser tests. Not part of `make test`: taking
them rewrites tracked files.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from support.browser import DESKTOP, PAGES, PHONE, SCREENSHOTS, chromium, new_context, png_size, serve
from support.project import REPO, build_ok, make_project

SHOTS = ("home", "timeline", "statements")
DEVICES = (("desktop", DESKTOP, ("light", "dark")), ("phone", PHONE, ("light",)))


def take(url: str, browser) -> list[tuple[Path, int]]:
    made = []
    for device, viewport, schemes in DEVICES:
        for scheme in schemes:
            ctx = new_context(browser, scheme, viewport=viewport)
            page = ctx.new_page()
            for name in SHOTS:
                page.goto(url + PAGES[name])
                page.evaluate("document.fonts.ready.then(() => true)")
                path = SCREENSHOTS / f"{name}-{device}{'' if scheme == 'light' else '-dark'}.png"
                page.screenshot(path=str(path), animations="disabled", caret="hide")
                made.append((path, viewport["width"]))
            ctx.close()
    return made


def main() -> int:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", REPO)
        site = build_ok(project, Path(tmp) / "site")
        with serve(site) as url, chromium() as browser:
            made = take(url, browser)
    wrong = [f"{p.name} is {png_size(p)[0]} px wide, not {w}" for p, w in made if png_size(p)[0] != w]
    for problem in wrong:
        print(problem, file=sys.stderr)
    print(f"{len(made) - len(wrong)} screenshots written to {SCREENSHOTS.relative_to(REPO)}/")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
