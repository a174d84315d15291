"""Stage 1, the data: read `data/`, check it, and hold it as validated records.

Holds the YAML reader with file:line:col for every value (`load`, `yamlerrors`), the field types and
records (`parsing`, `fields`, `dates`, `webhost`, `model`, `vocab`), the one declaration of each kind of
record (`kinds`), the rules across files (`check`, `validate`) and the problems editors read (`errors`).
`dataset.read_dataset` is the stage's entry point.

May import: the standard library, PyYAML, pydantic, Babel. Never `pages`, `exports`, `engine` or MkDocs:
the check runs without any of them.
"""

MAY_IMPORT = ()  # the stages this one may use; tests/test_layout.py holds every import to it
