"""Ids and the references between records, read from the raw data (kinds.py says where), so that a
record with a mistake elsewhere still counts: ids are unique per kind, every reference names a record
that exists, and every source is cited somewhere.
"""

from __future__ import annotations

from . import kinds
from .errors import Problem, did_you_mean
from .positions import Loaded


def walk(value, pattern: tuple, path: tuple = ()):
    """Every (path, text) that `pattern` reaches in the raw data."""
    if not pattern:
        if isinstance(value, str):
            yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(value if isinstance(value, list) else []):
            yield from walk(item, rest, path + (i,))
    elif isinstance(value, dict) and head in value:
        yield from walk(value[head], rest, path + (head,))


def unique_ids(parts: list[Loaded], list_path: tuple) -> list[Problem]:
    """Ids repeated within one kind (in one file or across a folder's files), read from the raw data
    so that broken records count too."""
    problems: list[Problem] = []
    # Where each id was first seen; its line is asked for only when a repeat is reported (load.read keeps
    # a sound file without its positions).
    seen: dict[str, tuple[Loaded, tuple]] = {}
    folded: dict[str, tuple[str, Loaded, tuple]] = {}
    for loaded in parts:
        items = loaded.data
        for part in list_path:
            items = items.get(part) if isinstance(items, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            value = item.get("id") if isinstance(item, dict) else None
            path = list_path + (i, "id")
            if not isinstance(value, str) or loaded.is_flagged(path):
                continue
            if value in seen:
                problems.append(
                    loaded.problem(
                        path,
                        f"the id '{value}' is already used on {_place(loaded, *seen[value])}",
                        "ids must be unique: rename one of the two records",
                    )
                )
            elif value.lower() in folded:
                other, there, other_path = folded[value.lower()]
                problems.append(
                    loaded.problem(
                        path,
                        f"the id '{value}' differs from '{other}' "
                        f"({_place(loaded, there, other_path)}) only in capital letters",
                        "ids are lowercase and must be unique: rename or merge the records",
                    )
                )
            seen.setdefault(value, (loaded, path))
            folded.setdefault(value.lower(), (value, loaded, path))
    return problems


def _place(here: Loaded, there: Loaded, path: tuple) -> str:
    line = there.at(path)[0]
    return f"line {line}" if there.file == here.file else f"{there.file}, line {line}"


def known_ids(files: dict[str, list[Loaded]]) -> dict[str, set[str]]:
    """The ids each kind defines in the files that could be read, broken records included."""
    return {
        k.name: {v for loaded in files[k.file] for _, v in walk(loaded.data, k.where + ("*", "id"))}
        for k in kinds.KINDS
        if files.get(k.file)
    }


def references(files: dict[str, list[Loaded]], known: dict[str, set[str]]) -> list[Problem]:
    """Every reference to an id that no record has; files that could not be read are not held against."""
    problems = []
    for kind in kinds.KINDS:
        for ref in kind.refs:
            target = kinds.BY_NAME[ref.kind]
            if ref.kind not in known:
                continue
            for loaded, path, value in (
                (f, p, v) for f in files.get(kind.file, []) for p, v in walk(f.data, kind.where + ("*",) + ref.path)
            ):
                if value not in known[ref.kind] and not loaded.is_flagged(path):
                    what = target.name
                    problems.append(
                        loaded.problem(
                            path,
                            f"unknown {what} '{value}'",
                            did_you_mean(
                                value,
                                known[ref.kind],
                                f"{target.plural.capitalize()} are defined in {target.label}.",
                                f"known {target.plural}",
                            ),
                        )
                    )
    return problems


def _records(loaded: Loaded, key: str) -> list:
    data = loaded.data
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def uncited(files: dict[str, list[Loaded]], cited_in_pages: set[str]) -> list[Problem]:
    """Sources that nothing cites: probably a citation was forgotten, unless kept on purpose."""
    cited = set(cited_in_pages)
    for kind in kinds.KINDS:
        for ref in kind.refs:
            if ref.kind == "source" and kind.file in files:
                cited |= {v for f in files[kind.file] for _, v in walk(f.data, kind.where + ("*",) + ref.path)}
    problems = []
    for loaded, i, item in ((f, i, item) for f in files["sources"] for i, item in enumerate(_records(f, "sources"))):
        if any(path[:2] == ("sources", i) for path in loaded.flagged):
            continue  # one mistake, one message: this record already has a problem
        if isinstance(item, dict) and item.get("id") not in cited and item.get("further_reading") is not True:
            problems.append(
                loaded.problem(
                    ("sources", i, "id"),
                    f"the source '{item.get('id')}' is not cited anywhere",
                    "cite it where it backs a claim, or add 'further_reading: true' to list "
                    "it on the sources page as further reading",
                )
            )
    return problems


def log_references(files: dict[str, list[Loaded]], known: dict[str, set[str]]) -> list[Problem]:
    """The records an update names (`records:`): each id must be a record's, of exactly one kind."""
    log, problems = kinds.LOG, []
    if any(k.name not in known for k in kinds.KINDS if not k.optional):
        return []  # a file that could not be read has its own problems; its ids are not known
    every = set().union(*known.values())
    for loaded in files.get(log.file, []):
        for path, value in walk(loaded.data, log.where + ("*",) + log.records):
            found = kinds.kinds_with(value, known)
            if loaded.is_flagged(path) or len(found) == 1:
                continue
            if not found:
                message = f"unknown record '{value}'"
                hint = did_you_mean(value, every, "Name each record the update concerns by its id.", "known ids")
            else:
                message = (
                    f"the id '{value}' is used by more than one kind of record "
                    f"({_and([k.plural for k in found])}), so it does not say which record the update concerns"
                )
                hint = (
                    f"give one of them another id (in {_and(sorted({k.label for k in found}))}), "
                    "together with every place that uses it"
                )
            problems.append(loaded.problem(path, message, hint))
    return problems


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
