"""A data file's bytes, read only when it is safe to: inside the project, an ordinary file, and small
enough. Anything else is a problem in the editor's words, never an exception or a hang.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from .errors import Problem

MAX_FILE_BYTES = 2_000_000


def read_bytes(path: Path, label: str, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None with a problem: the size is checked before anything is read."""
    root = path
    for _ in Path(label).parts:
        root = root.parent
    try:
        try:
            target = path.resolve()
        except RuntimeError:  # Python 3.11's word for a loop of links (3.13 raises OSError, ELOOP below)
            raise OSError(errno.ELOOP, "a loop of links") from None
        if not target.is_relative_to(root.resolve()):
            problems.append(
                Problem(
                    label,
                    1,
                    1,
                    "",
                    "the file is a link to a file outside the project",
                    "copy the file into the project instead of linking to it",
                )
            )
            return None
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a pipe would make open() wait forever
            problems.append(
                Problem(
                    label, 1, 1, "", "this is not a file that can be read", f"{label} must be an ordinary text file"
                )
            )
            return None
        with open(path, "rb", buffering=0) as fh:
            raw = fh.read(MAX_FILE_BYTES + 1) if info.st_size <= MAX_FILE_BYTES else b""
    except IsADirectoryError:
        problems.append(
            Problem(
                label,
                1,
                1,
                "",
                "this is a folder, not a file",
                f"{label} must be a text file: rename or move the folder",
            )
        )
        return None
    except PermissionError:
        problems.append(
            Problem(
                label,
                1,
                1,
                "",
                "the file cannot be read: permission denied",
                f"let your user read it, for example with: chmod a+r {label}",
            )
        )
        return None
    except OSError as err:
        if err.errno == errno.ELOOP:
            problems.append(
                Problem(
                    label,
                    1,
                    1,
                    "",
                    "the file is a link that leads back to itself, so there is nothing to read",
                    f"replace the link {label} with the file itself",
                )
            )
            return None
        problems.append(
            Problem(
                label,
                1,
                1,
                "",
                f"the file cannot be read ({err.strerror or 'system error'})",
                "check that it is an ordinary file you can open in your editor",
            )
        )
        return None
    if info.st_size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        problems.append(
            Problem(
                label,
                1,
                1,
                "",
                f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB",
                "split it or remove unneeded text",
            )
        )
        return None
    return raw
