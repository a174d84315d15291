"""Stage 4, the engine: the glue between the stages and MkDocs or Zensical, and the commands editors run.

Holds the mkdocs-macros side (`adapter`), the MkDocs hooks (`hooks`, and `linkcheck`, which hands the
pages to `linkscan` in a process of its own), the blocks put into their pages after Markdown
(`deferred`), the downloads and the generated part pages as the site's files (`outputs`), the staged
build (`build`, `staging`), the preview (`serve`), Zensical's build (`zensical`), the theme and nav in
the data's language (`language`), `make translations` (`translations`) and `make new` (`new`,
`skeleton/`).

May import: every other stage and MkDocs (inside functions, so the core stays usable by another
engine). Nothing imports the engine but the entry points in `macros/`.
"""

MAY_IMPORT = ("data", "pages", "exports")  # the stages this one may use; tests/test_layout.py holds every import to it
