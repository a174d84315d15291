"""What the preview serves when a build fails outright, instead of hanging.

Broken data or pages never fail a preview build: the adapter puts the problem
list on every page. But a build can still fail: a Python error in macros/
(the code is reloaded on every save), a link the link check refuses, an error
inside MkDocs. MkDocs' livereload server then holds every request until a
build succeeds ("the server will appear stuck"). `guarded` turns such a
failure into a finished build whose every page is a problem page naming the
file and line at fault, so the browser shows it and reloads by itself into
the real page once a save fixes it.

This module is imported once, when the preview starts, and keeps the classes
it imported then: the macros package is reloaded on every build, and may be
the very thing that is broken.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

import jinja2

from ..data.errors import Problem
from ..pages.render import TEMPLATES

_NOTE = "The preview shows this on every page; it reloads by itself once the files are fixed."
_PACKAGE = Path(__file__).resolve().parents[1]  # macros/


class Failure:
    """What the preview serves instead of the built site: `page` at every address while the last build
    failed; `missing` at an address the last build did not write (the home page, moved away) while its
    pages show problems."""

    page: bytes | None = None
    missing: bytes | None = None


def problem(err: BaseException, root: Path) -> Problem | None:
    """A Python error as a problem at the line of macros/ that raised it; None if no line there did."""
    if isinstance(err, SyntaxError) and err.filename:
        places = [(err.filename, err.lineno or 1)]
    else:
        # The first frame is the guard's own call; the rest are the build's, innermost last.
        places = [(f.f_code.co_filename, n or 1) for f, n in list(traceback.walk_tb(err.__traceback__))[1:]]
    inside = [(Path(f).resolve(), n) for f, n in places if Path(f).resolve().is_relative_to(_PACKAGE)]
    if not inside:
        return None
    path, line = inside[-1]  # the innermost: where it went wrong, not where the build called in
    try:
        where = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        where = path.as_posix()
    detail = " ".join(str(err).split())
    return Problem(
        where,
        line,
        1,
        "",
        f"the generator's code failed: {type(err).__name__}" + (f": {detail}" if detail else ""),
        "fix or undo your last change to macros/; the preview reloads by itself once the code runs",
    )


def render(problems: list[Problem], detail: str) -> str:
    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return templates.get_template("preview_failed.html.j2").render(problems=problems, detail=detail, note=_NOTE)


class _Warnings(logging.Handler):
    """MkDocs' warnings during one build: in strict mode they are why it stops, and its error says only
    how many there were."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().strip())


def _shown(args) -> list[Problem]:
    """The problem list the adapter had for the pages of this build (they say more than MkDocs' error)."""
    plugins = getattr(args[0], "plugins", None) if args else None
    macros = plugins.get("macros") if plugins is not None else None
    state = macros.variables.get("_explainer_state") if macros is not None else None
    return list(getattr(state, "problems", []))


def guarded(build, root: Path, settles: bool = True):
    """`build` that never raises an Exception (Ctrl+C and signals still stop it): a failure is printed
    once, as a problem, and becomes the page every address of the preview shows. `settles`: a success
    clears that page (False for a wrapper around a guarded build, whose success says nothing)."""

    def run(*args, **kwargs):
        warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            result = build(*args, **kwargs)
        except Exception as err:
            found = problem(err, root)
            problems = [found] if found else _shown(args)
            # MkDocs' own errors (the link check's, say) are already in editors' words: shown as they are.
            detail = "\n".join(warnings.messages + [str(err).strip() or type(err).__name__])
            if found:
                print(f"\n{found.format()}\n{_NOTE}\n", file=sys.stderr, flush=True)
            elif not problems:  # the adapter printed its problems already, and MkDocs its warnings
                print(f"\n{str(err).strip()}\n{_NOTE}\n", file=sys.stderr, flush=True)
            Failure.page = render(problems, detail).encode("utf-8")
            return None
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        if settles:
            problems = _shown(args)
            Failure.page, Failure.missing = None, render(problems, "").encode("utf-8") if problems else None
        return result

    return run
