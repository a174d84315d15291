"""What `make serve` keeps from one rebuild to the next (an MkDocs hook, mkdocs.yml `hooks:`).

MkDocs rebuilds the whole site on every save, with a new theme environment each
time, so the theme's templates (Material's, and overrides/) are compiled again
on every rebuild. Under the preview, the theme gets a bytecode cache that lives
in the serving process: Jinja files each compiled template under a checksum of
its source, so an edited template is compiled anew and an unchanged one is
only loaded. `mkdocs build` builds once and is left as it is.

MkDocs loads a hook module once per process (and keeps it), so the state
here outlives the reloads of the macros package (macros/main.py).
"""

from __future__ import annotations

import sys

import jinja2


class _Bytecode(jinja2.BytecodeCache):
    """Compiled templates in memory, by the bucket key Jinja gives them (template name and file)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        stored = self.code.get(bucket.key)
        if stored is not None:
            bucket.bytecode_from_string(stored)  # ignored by Jinja when the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


# The code Jinja compiles depends on the environment too (its options, and which filters and tests
# exist and what they are passed), so environments that differ in those never share compiled code.
_CACHES: dict[tuple, _Bytecode] = {}
_SYNTAX = [
    *("block_start_string", "block_end_string", "variable_start_string", "variable_end_string"),
    *("comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix"),
    *("trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized"),
]


def _shape(env: jinja2.Environment) -> tuple:
    def passed(fn) -> str:
        return str(jinja2.utils._PassArg.from_obj(fn))

    def named(table: dict) -> tuple:
        return tuple(sorted((name, passed(fn)) for name, fn in table.items()))

    syntax = tuple(getattr(env, k) for k in _SYNTAX)
    finalize = None if env.finalize is None else passed(env.finalize)
    return (
        type(env).__qualname__,
        syntax,
        finalize,
        repr(env.autoescape),
        tuple(sorted(env.extensions)),
        named(env.filters),
        named(env.tests),
    )


def previewing() -> bool:
    return "mkdocs.commands.serve" in sys.modules  # as macros/engine/adapter.py tells it


def on_env(env, config, files):
    if previewing() and env.bytecode_cache is None:
        env.bytecode_cache = _CACHES.setdefault(_shape(env), _Bytecode())
    return env
