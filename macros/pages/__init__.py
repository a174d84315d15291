"""Stage 2, the pages: turn the validated data into the HTML of each page's blocks and citations.

Holds the explainer as the pages see it (`site`), the prose scan of `docs/` (`docscan`), the blocks and
their templates (`blocks`, `render`, `templates/`), citations and reference lists (`cite`), the chart's
layout (`chart`, mirrored for right-to-left languages by `mirror`), grouping for display (`groups`), the
text fragments that open a source at the quoted words (`fragment`), the updates log with the corrections
each record shows (`log`), the records sorted once per build (`indexes`), the plan of a big event's pages,
split into parts (`parts`), and the site's language (`i18n`: the message catalogs in `locales/`, and
CLDR's dates and numbers).

May import: `macros.data`, Jinja2, MarkupSafe, Babel. Never `exports`, `engine` or
MkDocs: what a page needs from them (the list of downloads) is handed to `Explainer` by the engine.
"""

MAY_IMPORT = ("data",)  # the stages this one may use; tests/test_layout.py holds every import to it
