"""`python -m macros changes [--base REF] [--markdown] [--strict]` (make changes BASE=… MARKDOWN=1 STRICT=1).

--base REF   the version to compare with: a branch, tag or commit (default: where this branch
             left origin/main, or main)
--markdown   Markdown for a job summary instead of plain text (the default under GitHub Actions)
--strict     exit 1 when anything is flagged: a correction not logged, or a removal that alters the story

The working tree's data must pass the check; if it does not, the check's list is printed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from ..data.dataset import read_dataset
from ..data.errors import DataError, escaped
from . import git, prose, report


def _options(argv: list[str]) -> dict | None:
    opts: dict = {"base": None, "markdown": os.environ.get("GITHUB_ACTIONS") == "true", "strict": False}
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("--markdown", "--strict"):
            opts[arg[2:]] = True
        elif arg == "--base" and args:
            opts["base"] = args.pop(0) or None
        elif arg.startswith("--base="):
            opts["base"] = arg.split("=", 1)[1] or None
        else:
            return None
    return opts


def changes(root: Path, argv: list[str], today: date | None = None) -> int:
    opts = _options(argv)
    if opts is None:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        commit, label = git.resolve(root, opts["base"])
        now = read_dataset(root)
        if now.dataset is None:
            print(DataError(now.problems).report(), file=sys.stderr)
            return 1
        with tempfile.TemporaryDirectory(prefix="explainer-base-") as tmp:
            base_root = git.write_out(root, commit, Path(tmp))
            base = read_dataset(base_root)
            base_pages = prose.read_pages(base_root)
        if base.dataset is None:
            first = DataError(base.problems).problems[0]
            n = len(base.problems)
            raise git.CannotCompare(
                f"the data at {label} does not pass the check ({n} problem{'s' * (n != 1)}, the first in "
                f"{first.file} line {first.line}: {first.message}); compare with a version whose data passed"
            )
    except git.CannotCompare as err:
        message = escaped(str(err))
        print(f"make changes: {message}", file=sys.stderr)
        if opts["markdown"]:  # the job summary says it too, not only the log
            print(f"**make changes could not compare:** {report.Markdown().text(str(err))}")
        return 1
    found = report.review(label, base.dataset, now.dataset, base_pages, prose.read_pages(root))
    style = report.Markdown() if opts["markdown"] else report.Style()
    sys.stdout.write(report.render(found, style, today or date.today()))
    return 1 if opts["strict"] and found.flagged else 0
