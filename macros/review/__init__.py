"""Reviewing a change as an editor would: `make changes` (`python -m macros changes`).

It reads the dataset at a base commit and in the working tree with the same
loader as the check, and says what changed in the story: records added,
removed and renamed, the fields that changed (flagging those that alter the
story, as kinds.py declares them), citations added to or dropped from the
pages, and story-altering changes to published records that no `correction`
in the updates log names.

- `git.py`     finds the base commit and writes its data/ and docs/ to a folder
- `records.py` compares the records of every kind, driven by kinds.py and the models
- `prose.py`   the citations in docs/, sentence by sentence
- `report.py`  the account: corrections not logged, plain text or Markdown
- `command.py` the command line

This stage may import the data-reading stage (kinds, model, dataset, errors,
dates) and nothing else of the project: never page rendering or the MkDocs glue.
"""

MAY_IMPORT = ("data",)  # the stages this one may use; tests/test_layout.py holds every import to it
