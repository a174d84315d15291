"""The macros' side: hands each page to the framework-independent core.

mkdocs-macros calls `define_env` once per build (and again on each rebuild
under `mkdocs serve`), then `on_pre_page_macros` / `on_post_page_macros`
around each page and `on_post_build` at the end. Zensical's macros extension
(see macros/zensical.py) calls `define_env` once per page and no page hook, so
the macros work without the hooks: the page view is made on first use, and each
page ends with `{{ references() }}` (the check enforces it) instead of a hook
appending the list.

When the data or a page is broken:
- `mkdocs build` stops with the problem list (a `PluginError`, which MkDocs
  prints without a traceback) before the site directory is touched;
- `mkdocs serve` (plain, or through `make serve`) builds anyway, with every
  page showing the problem list instead of its content, and prints the list
  to the terminal. The build succeeds, so MkDocs' livereload reloads the
  open page, and reloads it again into the real page once the files are fixed.

Nothing from MkDocs is imported at module level, so the core's entry points
stay usable by another engine.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import jinja2

from ..data.errors import DataError, Problem
from ..pages.blocks import BLOCKS, PAGE_MACROS
from ..pages.parts import PAGE_BUDGET
from ..pages.render import TEMPLATES, Renderer
from ..pages.site import Explainer, PageView
from . import language, outputs, sandbox

_TEMPLATES = TEMPLATES
# All a page's {{ … }} can call (define_env registers them); part_title heads the generated part pages.
MACROS = ("cite", "references", *BLOCKS, "part_title", *PAGE_MACROS)
_PREVIEW_NOTE = "The preview shows this list on every page; it reloads by itself once the files are fixed."


def previewing() -> bool:
    """True under `mkdocs serve`: MkDocs imports its serve command only to run it."""
    return "mkdocs.commands.serve" in sys.modules


class _State:
    def __init__(self, root: Path, docs_dir: Path, preview: bool):
        self.root, self.docs_label, self.preview = root, _label(root, docs_dir), preview
        self.explainer: Explainer | None = None
        self.problems: list[Problem] = []
        self.page: PageView | None = None  # the current page's view
        self.src, self.offset = "", 0  # the current page, and how many front-matter lines precede its body
        self.pending: list[Problem] = []  # met while the current page rendered
        self.shown: list = []  # MkDocs pages already turned into HTML in this build
        self.defer = False  # set by hooks.py, which puts the blocks back after Markdown (deferred.py)

    def view(self, env):
        """The current page's view, made on first use so the macros need no page hook to number
        citations (Zensical, Material's successor, runs define_env but no page hooks)."""
        src = page_src(env.page)
        if self.page is None or self.page.src != src:
            assert self.explainer is not None, "macros do nothing without data (see _call)"
            self.page = self.explainer.page(src)
            self.page.defer = self.defer
        return self.page

    def failed(self, problems: list[Problem]) -> None:
        """Record problems; outside the preview, stop the build with them."""
        self.problems = sorted(set(self.problems) | set(problems))
        if not self.preview:
            try:
                from mkdocs.exceptions import PluginError  # MkDocs prints it without a traceback
            except ImportError:  # another engine: macros/zensical.py checks first and prints the list itself
                raise DataError(problems) from None
            raise PluginError("\n" + DataError(problems).report())

    def render_problem(self, err: Exception) -> Problem:
        """A page's line that raised while rendering, as an editor's problem."""
        if isinstance(err, jinja2.TemplateSyntaxError):
            line = err.lineno or 1
        else:  # Jinja reports the page's own lines as frames of "<template>"
            lines = [n for frame, n in traceback.walk_tb(err.__traceback__) if frame.f_code.co_filename == "<template>"]
            line = lines[0] if lines else 1
        detail = " ".join(str(getattr(err, "message", None) or err).split()) or "an unexpected error"
        return Problem(
            f"{self.docs_label}/{self.src}",
            line + self.offset,
            1,
            "",
            f"this part of the page could not be shown ({detail})",
            "check the {{ … }} on this line; if it looks right, the data it shows holds a value "
            "the site cannot show, so undo your last change to data/ and run `make check`",
        )

    def guard_templates(self, env) -> None:
        """Render pages in the sandbox (sandbox.py), and catch what fails while a page compiles or
        renders, so it is reported like any other problem (mkdocs-macros would otherwise end the
        process, taking the preview down with it)."""
        jinja_env = getattr(env, "env", None)  # mkdocs-macros' Jinja environment (a stand-in may have none)
        if not isinstance(jinja_env, jinja2.Environment) or getattr(jinja_env, "explainer_sandbox", None):
            return
        state = self

        class Guarded(jinja2.Template):
            def render(self, *args, **kwargs) -> str:
                try:  # mkdocs-macros' variables (config, page, …) stay out: a page sees the macros alone
                    return super().render()
                except DataError as err:  # reported after the page, outside mkdocs-macros' reach
                    state.pending += err.problems
                except Exception as err:
                    state.pending.append(state.render_problem(err))
                return ""

        box = sandbox.sandbox_like(jinja_env, MACROS, Guarded)

        def from_string(source, *args, **kwargs):
            try:
                return box.from_string(source)
            except jinja2.TemplateSyntaxError as err:  # e.g. an unknown filter, which parsing alone lets through
                state.pending.append(state.render_problem(err))
                return box.from_string("")

        jinja_env.explainer_sandbox = box  # type: ignore[attr-defined]  # guarded once per environment
        jinja_env.from_string = from_string  # type: ignore[method-assign]  # for this build only

    def problem_page(self) -> str:
        # The pages' own renderer: messages quote the data, and escape it as every block does.
        return Renderer(_TEMPLATES).render("problems.html.j2", problems=self.problems, note=_PREVIEW_NOTE)


def page_src(page) -> str:
    """The page's path inside docs/: MkDocs' `page.file.src_uri`, or Zensical's `page.path`."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def project_dirs(conf) -> tuple[Path, Path]:
    """The project root and docs/ from the engine's config. MkDocs names the config file; Zensical gives
    `root_dir` and a docs_dir relative to it; either may be missing from a stand-in, so the working
    directory (where both engines run) is the last resort."""
    if conf.get("config_file_path"):
        root = Path(conf["config_file_path"]).parent
    else:
        root = Path(conf.get("root_dir") or Path.cwd())
    extra = conf.get("extra") or {}
    # `make zensical` builds a copy of docs/ with the generated part pages; the editors' pages are the original.
    docs = extra.get("explainer_docs") if hasattr(extra, "get") else None
    return root, root / (docs or conf.get("docs_dir", "docs"))  # an absolute docs_dir replaces the root


def _label(root: Path, folder: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return folder.name


def _unexpected(root: Path, err: Exception) -> Problem:
    """An error the checks did not foresee, put as plainly as possible (the checks should catch it first)."""
    if isinstance(err, OSError) and err.filename:
        name = _label(root, Path(err.filename))
        return Problem(
            name,
            1,
            1,
            "",
            f"this file could not be read ({(err.strerror or str(err)).lower()})",
            "make sure it is an ordinary file you can open in your editor",
        )
    detail = " ".join(str(err).split()) or "an unexpected error"
    return Problem(
        "data",
        1,
        1,
        "",
        f"the explainer could not read its data and pages ({detail})",
        "undo your last change to data/ or docs/ and run `make check`; if the problem stays, "
        "it is a bug in the generator, not in your files",
    )


def define_env(env) -> None:
    root, docs_dir = project_dirs(env.conf)
    state = env.variables["_explainer_state"] = _State(root, docs_dir, previewing())
    try:
        state.explainer = Explainer.load(
            root,
            docs_dir,
            env.conf.get("use_directory_urls", True),
            downloads=outputs.OUTPUTS,
            page_budget=page_budget(env.conf),
        )
    except DataError as err:
        state.failed(err.problems)
    except Exception as err:  # never a traceback for the editor
        state.failed([_unexpected(root, err)])
    if state.explainer is None:
        _print(state.problems)
    else:
        if type(env).__module__.startswith("zensical."):  # one page per define_env, and no page hooks
            state.explainer.links_from_sources = True
            _describe(state.explainer, env, page_src(env.page), later=False)  # Zensical hands the meta on
        # The site is named after the event, so a new event needs no change to mkdocs.yml. Plain text:
        # overrides/main.html escapes it once for every template of the theme.
        env.conf["site_name"] = language.site_name(state.explainer)
        env.conf["site_description"] = state.explainer.data.event.summary
        language.configure(env.conf, state.explainer)  # the theme, search and nav in the data's language
    env.macro(lambda *ids: _call(state, env, lambda view: view.cite(*ids)), "cite")  # MACROS names these
    # Every page that cites ends with it (docscan enforces this): Jinja renders top to bottom, so by then
    # every marker on the page has its number.
    env.macro(lambda: _call(state, env, lambda view: view.references()), "references")
    for name in BLOCKS:
        env.macro(lambda name=name: _call(state, env, lambda view: view.block(name)), name)
    env.macro(lambda: _call(state, env, lambda view: view.title()), "page_title")
    env.macro(lambda: _call(state, env, lambda view: view.intro()), "page_intro")
    # The heading of a generated part page (outputs.part_pages); docs/ has no use for it.
    env.macro(lambda: _call(state, env, lambda view: view.part_title()), "part_title")


def page_budget(conf) -> int:
    """How much a page holds before its block is split (pages/parts.py); `extra: explainer_page_budget:`
    in mkdocs.yml changes it, as the tests do to split a small event."""
    extra = conf.get("extra") or {}
    value = extra.get("explainer_page_budget") if hasattr(extra, "get") else None  # a dict, or MkDocs' Config
    return value if isinstance(value, int) and value > 0 else PAGE_BUDGET


def _call(state: _State, env, use):
    if state.explainer is None:  # the data is broken: the page shows the problem list instead
        return ""
    return use(state.view(env))


def on_pre_page_macros(env) -> None:
    state: _State = env.variables["_explainer_state"]
    state.guard_templates(env)
    state.src, state.pending = page_src(env.page), []
    source = getattr(env.page.file, "content_string", "")  # the file as read, front matter included
    body = env.markdown
    state.offset = source[: len(source) - len(body)].count("\n") if body and source.endswith(body) else 0
    if state.explainer is None:
        env.markdown = ""  # nothing to render without data
        return
    try:
        state.page = state.explainer.page(state.src)  # a fresh numbering, even if a page is rendered twice
        state.page.defer = state.defer
        _describe(state.explainer, env, state.src)
    except DataError as err:
        state.pending += err.problems
    except Exception as err:
        state.pending.append(state.render_problem(err))


def _describe(explainer: Explainer, env, src: str, later: bool = True) -> None:
    """What overrides/main.html prints into the page's head, through the page's meta."""
    # The page's description: overrides/main.html escapes it once for <meta name="description"> and Open Graph.
    env.page.meta.setdefault("explainer_description", explainer.description(src))
    # Machine-readable views of the page.
    url = env.conf.get("site_url") or ""
    jsonld = outputs.WhenPrinted(lambda: outputs.page_jsonld(explainer, src, url))
    env.page.meta["explainer_jsonld"] = jsonld if later else str(jsonld)
    env.page.meta["explainer_alternates"] = outputs.alternates(explainer, src)


def on_post_page_macros(env) -> None:
    state: _State = env.variables["_explainer_state"]
    if state.pending:
        state.failed(state.pending)
    if state.problems:
        if state.page is not None:
            state.page.rendered.clear()  # the problem list replaces the page, placeholders and all
        _show_problems(state, env)
    state.shown.append(env.page)


def _show_problems(state: _State, env) -> None:
    """Every page shows the whole list: this one, and those already turned into HTML earlier in the build."""
    from mkdocs.structure.toc import get_toc

    html = state.problem_page()
    env.markdown = html  # a raw HTML block: Markdown passes it through as it is
    for page in state.shown:
        page.content, page.toc, page.links_to_anchors = html, get_toc([]), {}


def on_post_build(env) -> None:
    state: _State = env.variables["_explainer_state"]
    if state.problems and state.explainer is not None:  # found while rendering; data problems were printed earlier
        _print(state.problems)


def _print(problems: list[Problem]) -> None:
    """MkDocs prints a given message once per session; the list goes out on every rebuild that has it."""
    n = len(problems)
    lines = [p.format() for p in problems] + [
        f"{n} problem{'s' if n != 1 else ''} found in the explainer's data and pages."
    ]
    print("\n" + "\n".join(lines) + "\n" + _PREVIEW_NOTE + "\n", file=sys.stderr, flush=True)
