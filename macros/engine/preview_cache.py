"""What `make serve` keeps from one rebuild to the next (an MkDocs hook, mkdocs.yml `hooks:`).

MkDocs rebuilds the whole site on every save, with a new theme environment each
time, so the theme's templates (Material's, and overrides/) are compiled again
on every rebuild. Under the preview, every theme environment gets a bytecode
cache that lives in the serving process: Jinja files each compiled template
under a checksum of its source, so an edited template is compiled anew and an
unchanged one is only loaded. The installed theme's list of files is kept too (see `_LISTED`).
`mkdocs build` builds once and is left as it is.

MkDocs loads a hook module once per process (and keeps it), so the state
here outlives the reloads of the macros package (macros/main.py).
"""

from __future__ import annotations

import functools
import hashlib
import sys
from pathlib import Path

import jinja2

# The code Jinja compiles depends on the environment too (its options, and which filters and tests
# exist and what they are passed), so environments that differ in those never share compiled code.
_SYNTAX = [
    *("block_start_string", "block_end_string", "variable_start_string", "variable_end_string"),
    *("comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix"),
    *("trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized"),
]


def _shape(env: jinja2.Environment) -> str:
    def passed(fn) -> str:
        return str(jinja2.utils._PassArg.from_obj(fn))

    def named(table: dict) -> list:
        return sorted((name, passed(fn)) for name, fn in table.items())

    syntax = [getattr(env, k) for k in _SYNTAX]
    finalize = None if env.finalize is None else passed(env.finalize)
    shape = [type(env).__qualname__, syntax, finalize, repr(env.autoescape), sorted(env.extensions)]
    return repr(shape + [named(env.filters), named(env.tests)])


class _Bytecode(jinja2.BytecodeCache):
    """Compiled templates in memory, by template, file and the environment's shape, taken when the
    template loads (plugins add filters to the theme's environment after MkDocs makes it)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source) -> jinja2.bccache.Bucket:
        key = self.get_cache_key(name, filename) + hashlib.sha1(_shape(environment).encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        stored = self.code.get(bucket.key)
        if stored is not None:
            bucket.bytecode_from_string(stored)  # ignored by Jinja when the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _Bytecode()


def previewing() -> bool:
    return "mkdocs.commands.serve" in sys.modules  # as macros/engine/adapter.py tells it


# Each installed theme folder's list of files. Material's holds some 14,000 (its icons), and MkDocs
# lists them on every build to find the few it copies; a package does not change while the preview
# runs. The project's own folders (overrides/, watched) are listed anew each time.
_LISTED: dict[tuple[str, bool], list[str]] = {}


def _listing(loader: jinja2.FileSystemLoader) -> list[str]:
    project, names = Path.cwd().resolve(), set()
    for folder in loader.searchpath:
        key = (folder, loader.followlinks)
        if key not in _LISTED or Path(folder).resolve().is_relative_to(project):
            _LISTED[key] = jinja2.FileSystemLoader(folder, followlinks=loader.followlinks).list_templates()
        names.update(_LISTED[key])
    return sorted(names)


# The theme's files MkDocs copies into the site, found by filtering that list name by name (fnmatch,
# a dozen patterns each): the same list of names with the same settings gives the same files.
_THEME_FILES: dict[tuple, list[tuple[str, str | None]]] = {}


def _add_files_from_theme(add):
    def run(files, env, config) -> None:
        from mkdocs.structure.files import File, Files

        theme = config.theme
        key = (tuple(theme.dirs), tuple(theme.static_templates), tuple(env.list_templates()))
        if key not in _THEME_FILES:
            found = Files([])  # no page of docs/ to give way to; each build's own are checked below
            add(found, env, config)
            _THEME_FILES[key] = [(f.src_uri, f.src_dir) for f in found]
        for path, folder in _THEME_FILES[key]:
            if files.get_file_from_path(path) is None:  # as MkDocs: a file in docs/ wins over the theme's
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))

    run.explainer_kept = True  # type: ignore[attr-defined]
    return run


def on_config(config):
    """Before the plugins' own (the search plugin renders the theme's language templates in its)."""
    if not previewing():
        return config
    from mkdocs.structure.files import Files

    if not getattr(Files.add_files_from_theme, "explainer_kept", False):
        Files.add_files_from_theme = _add_files_from_theme(Files.add_files_from_theme)  # type: ignore[method-assign]
    make = config.theme.get_env

    def get_env():
        env = make()
        env.bytecode_cache = _BYTECODE
        if isinstance(env.loader, jinja2.FileSystemLoader):
            env.loader.list_templates = functools.partial(_listing, env.loader)  # type: ignore[method-assign]
        return env

    config.theme.get_env = get_env
    return config


def on_pre_build(config) -> None:
    from macros.engine import ondemand  # the package as this build has it (macros/main.py)

    ondemand.search_later(config)


on_config.mkdocs_priority = 100  # type: ignore[attr-defined]  # as mkdocs.plugins.event_priority(100) marks it
