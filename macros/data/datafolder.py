"""The files of a folder of data (`data/statements/2022-03.yml`, …): which are read, which are
left alone, and which are refused so that no record is dropped without a word.

- Read: each `.yml` or `.yaml` file directly in the folder, in the order of the names.
- Left alone: hidden files (`.DS_Store`, an Emacs lock `.#a.yml`, macOS's `._a.yml`, Vim's
  `.a.yml.swp`) and backups (`a.yml~`): editors and systems make them, editors never write records
  in them. Nothing in them is opened, so a lock that is a dangling link is not an error either.
- Refused: a YAML file whose suffix is not in lowercase (`a.YML`), and a folder inside the folder
  that holds YAML files (`data/statements/2022/a.yml`). Both would otherwise be skipped in silence.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem

SUFFIXES = (".yml", ".yaml")


def left_alone(name: str) -> bool:
    """A file an editor's tools or the system made, not the editor."""
    return name.startswith(".") or name.endswith("~")


def folder_files(folder: Path, label: str) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The files of `folder` to read, with their labels (`label` is the folder's, like data/statements),
    and a problem for each YAML file that would not be read."""
    read, problems = [], []
    for path in sorted(folder.iterdir()):
        name = path.name
        if left_alone(name):
            continue
        if path.is_dir():
            inside = _yaml_inside(path)
            if inside:
                shown = "/".join(inside[0].relative_to(folder).parts)
                problems.append(
                    Problem(
                        f"{label}/{shown}",
                        1,
                        1,
                        "",
                        f"this file is in a folder inside {label}/, so its records are not read"
                        + (f" (nor those of {len(inside) - 1} more files there)" if len(inside) > 1 else ""),
                        f"move the files of {label}/{name}/ up into {label}/; names that sort in order, "
                        f"like {name}-01.yml, keep them in order",
                    )
                )
        elif path.suffix in SUFFIXES:
            read.append((path, f"{label}/{name}"))
        elif path.suffix.lower() in SUFFIXES:
            problems.append(
                Problem(
                    f"{label}/{name}",
                    1,
                    1,
                    "",
                    f"the name ends in '{path.suffix}', so its records are not read",
                    f"rename it to {path.stem}{path.suffix.lower()}: only names ending in .yml or .yaml are read",
                )
            )
    return read, problems


def _yaml_inside(folder: Path) -> list[Path]:
    """YAML files anywhere under `folder`, hidden ones and backups aside, in order."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if not any(left_alone(p) for p in parts) and path.suffix.lower() in SUFFIXES:
            found.append(path)
    return found
