"""The pages' `{{ … }}` run in Jinja's sandbox, with the explainer's macros and nothing else.

Pages in docs/ are prose that reviewers read as prose, and pull requests build in CI, so a page must
not reach Python: `{{ cycler.__init__.__globals__.os.popen('id').read() }}` or
`{{ lipsum.__globals__['os'].environ }}` must not run. `make check` refuses such pages first
(macros/pages/pagesyntax.py); this is the same rule where the pages render, for every engine that
hands us its Jinja environment (mkdocs-macros does; Zensical builds only after the check).

A page's template sees only the macros the explainer registers (no mkdocs-macros variables such as
`config` or `page`, no Jinja globals such as `cycler`), cannot read attributes or items of anything,
and cannot change a list or dict.
"""

from __future__ import annotations

from collections.abc import Iterable

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

REFUSED = "a page can only call the explainer's macros; it cannot look inside a value with '.' or '[…]'"

# What mkdocs-macros may set on its environment that changes how a page is read.
_SYNTAX = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
)


class PageSandbox(ImmutableSandboxedEnvironment):
    """No attribute or item of anything: the macros are called by name and need neither."""

    def is_safe_attribute(self, obj, attr, value) -> bool:  # what the `attr` filter asks
        return False

    def getattr(self, obj, attribute):
        raise SecurityError(REFUSED)

    def getitem(self, obj, argument):
        raise SecurityError(REFUSED)


def sandbox_like(env: jinja2.Environment, names: Iterable[str], template_class: type) -> PageSandbox:
    """A sandbox that reads pages as `env` does, whose only globals are `env`'s macros called `names`."""
    box = PageSandbox(undefined=env.undefined, **{key: getattr(env, key) for key in _SYNTAX})
    box.globals = {name: env.globals[name] for name in names if name in env.globals}
    box.filters = {}  # `|attr`, `|map(attribute=…)` and the rest: no page needs a filter
    box.template_class = template_class
    return box
