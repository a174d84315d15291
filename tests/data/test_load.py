"""The strict YAML reader (macros/data/load.py) and the problem format (macros/data/errors.py), piece by piece.

tests/data/test_errors.py covers whole projects; these tests pin down the reader's rules on tiny inputs:
what YAML 1.1 would silently convert, what is refused, and where each problem is said to be.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from macros.data import load, positions, rawfile
from macros.data.errors import DataError, Problem, did_you_mean


def read(tmp_path: Path, content: str | bytes, top: str = "items"):
    path = tmp_path / "f.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return load.read(path, "data/f.yml", top)


def shown(loaded) -> list[str]:
    return [p.format() for p in loaded.problems]


def test_values_keep_their_positions(tmp_path):
    loaded = read(tmp_path, 'items:\n  - id: a\n    name: "A"\n  - id: b\n')
    assert loaded.data == {"items": [{"id": "a", "name": "A"}, {"id": "b"}]}
    assert loaded.problems == []
    assert loaded.at(("items", 0, "name")) == (3, 11)
    assert loaded.at(("items", 0, "name"), key=True) == (3, 5)
    assert loaded.at(("items", 1, "missing")) == (4, 5)  # falls back to the record
    assert positions.field_name(("items", 1, "sources", 0)) == "items[1].sources[0]"


@pytest.mark.parametrize("word", ["yes", "Yes", "NO", "no", "on", "On", "OFF", "off"])
def test_yes_no_words_are_kept_as_text_and_reported(tmp_path, word):
    loaded = read(tmp_path, f"country: {word}\n")
    assert loaded.data == {"country": word}
    assert shown(loaded) == [
        f"data/f.yml:1:10: country: '{word}' would be read as true/false, not as text\n"
        f'  hint: if you meant the word, put it in quotes: "{word}"'
    ]


def test_true_false_and_quoted_words_are_fine(tmp_path):
    loaded = read(tmp_path, "a: true\nb: False\nc: \"no\"\nd: 'on'\n")
    assert loaded.data == {"a": True, "b": False, "c": "no", "d": "on"}
    assert loaded.problems == []


@pytest.mark.parametrize("raw", ["12:30", "1:30:00", "190:20:30.15"])
def test_clock_times_are_not_read_as_numbers(tmp_path, raw):
    loaded = read(tmp_path, f"at: {raw}\n")
    assert loaded.data == {"at": raw}
    assert shown(loaded) == [
        f"data/f.yml:1:5: at: '{raw}' would be read as a number, not as a time\n  hint: put it in quotes: \"{raw}\""
    ]


def test_numbers_nulls_and_dates(tmp_path):
    loaded = read(tmp_path, "a: 2021\nb: 1.5\nc: ~\nd:\ne: 2022-03-14\nf: 2022-13-45\ng: !!str 12\n")
    assert loaded.data == {"a": 2021, "b": 1.5, "c": None, "d": None, "e": "2022-03-14", "f": "2022-13-45", "g": "12"}
    assert loaded.problems == []


def test_an_empty_tagged_number_is_text(tmp_path):
    loaded = read(tmp_path, "a: !!int\nb: !!float _\nc: !!int +_\n")
    assert loaded.data == {"a": "", "b": "_", "c": "+_"}
    assert loaded.problems == []


def test_duplicate_keys_are_reported_at_every_depth(tmp_path):
    loaded = read(tmp_path, "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert loaded.data == {"a": 1, "b": {"c": 1}}
    assert shown(loaded) == [
        "data/f.yml:4:3: b.c: this field appears twice (first on line 3)\n"
        "  hint: keep one of the two and delete the other",
        "data/f.yml:5:1: a: this field appears twice (first on line 1)\n"
        "  hint: keep one of the two and delete the other",
    ]


def test_billion_laughs_is_refused_at_once(tmp_path):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    started = time.monotonic()
    loaded = read(tmp_path, "\n".join(lines) + "\n")
    assert time.monotonic() - started < 1
    assert loaded.data is None
    assert shown(loaded) == [
        "data/f.yml:1:5: YAML anchors (&a0) are not allowed\n"
        "  hint: write the value out in full; if this is text starting with '&', "
        "put it in quotes"
    ]


def test_an_alias_alone_is_refused(tmp_path):
    assert shown(read(tmp_path, "a: *ref\n")) == [
        "data/f.yml:1:4: YAML aliases (*ref) are not allowed\n"
        "  hint: write the value out in full; if this is text starting with '*', put it in quotes"
    ]


@pytest.mark.parametrize(
    "tag", ["!!python/object:os.system", "!!python/name:os.system", "!custom", "!!binary", "!!set"]
)
def test_tags_other_than_the_plain_ones_are_refused(tmp_path, tag):
    loaded = read(tmp_path, f"a:\n  b: {tag} x\n")
    assert loaded.data == {"a": {"b": None}}
    assert ("a", "b") in loaded.lost
    assert shown(loaded) == [
        f"data/f.yml:2:6: a.b: the YAML tag '{tag}' is not allowed\n"
        "  hint: remove the tag, or put the text in quotes if it starts with '!'"
    ]


def test_merge_keys_are_refused(tmp_path):
    loaded = read(tmp_path, "a:\n  <<: {b: 1}\n  c: 2\n")
    assert shown(loaded) == [
        "data/f.yml:2:3: a.<<: field names must be plain words\n"
        "  hint: merge keys (<<) and complex keys are not supported"
    ]


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_an_empty_file_says_what_to_write(tmp_path, content):
    assert shown(read(tmp_path, content, top="actors")) == [
        "data/f.yml:1:1: the file is empty\n  hint: start it with the line 'actors:' and write the data under it"
    ]


def test_several_documents(tmp_path):
    assert shown(read(tmp_path, "a: 1\n---\na: 2\n")) == [
        "data/f.yml:2:1: the file holds more than one YAML document\n"
        "  hint: remove the '---' line and merge the documents into one"
    ]


def test_a_byte_order_mark_is_accepted_and_positions_ignore_it(tmp_path):
    """Notepad's "UTF-8 with BOM" is still UTF-8: the mark is dropped, columns count from the first letter."""
    loaded = read(tmp_path, b"\xef\xbb\xbfa: yes\n")
    assert loaded.data == {"a": "yes"}
    assert shown(loaded) == [
        "data/f.yml:1:4: a: 'yes' would be read as true/false, not as text\n"
        '  hint: if you meant the word, put it in quotes: "yes"'
    ]


def test_not_utf8_is_placed_in_characters_not_bytes(tmp_path):
    loaded = read(tmp_path, "a: b\nname: Ünal Café".encode()[:-2] + "é\n".encode("latin-1"))
    assert shown(loaded) == [
        "data/f.yml:2:15: the file is not valid UTF-8 text\n  hint: save the file with the UTF-8 encoding"
    ]


def test_every_raw_control_character_is_reported(tmp_path):
    loaded = read(tmp_path, "a: b\x07c\nd: e\nf: \x1bg\x7f\n")
    assert loaded.data is None
    assert [(p.line, p.col, p.message) for p in loaded.problems] == [
        (1, 5, "the file contains an invisible control character (U+0007)"),
        (3, 4, "the file contains an invisible control character (U+001B)"),
        (3, 6, "the file contains an invisible control character (U+007F)"),
    ]


@pytest.mark.parametrize(
    "text, name",
    [
        ("\u202e", "bidirectional override"),
        ("\u200b", "zero-width space"),
        ("\u2066", "bidirectional isolate"),
        ("\ufeff", "zero-width no-break space (BOM)"),
    ],
)
def test_invisible_characters_in_text(tmp_path, text, name):
    loaded = read(tmp_path, f'a: "ab{text}c"\n')
    assert shown(loaded) == [
        f"data/f.yml:1:4: a: the text contains an invisible {name} "
        f"(U+{ord(text):04X}) at character 3\n"
        "  hint: delete it; retype the text around it if unsure"
    ]


def test_an_escaped_control_character_points_at_the_escape(tmp_path):
    loaded = read(tmp_path, 'a: "ding\\a"\nb: "x\\u0000"\n')
    assert shown(loaded) == [
        "data/f.yml:1:4: a: the text contains a control character (U+0007) at character 5\n"
        "  hint: delete it; between double quotes it may be written as an escape, like \\u0007",
        "data/f.yml:2:4: b: the text contains a control character (U+0000) at character 2\n"
        "  hint: delete it; between double quotes it may be written as an escape, like \\u0000",
    ]


def test_tabs_in_text_and_line_breaks_are_fine(tmp_path):
    loaded = read(tmp_path, 'a: "one\\ttwo"\nb: |\n  line one\n  line two\n')
    assert loaded.data == {"a": "one\ttwo", "b": "line one\nline two\n"}
    assert loaded.problems == []


SYNTAX = [
    (
        "a:\n\tb: 1\n",
        "data/f.yml:2:1: a tab character is used for indentation\n"
        "  hint: YAML needs spaces: replace the tab with spaces",
    ),
    (
        'a: 1\nb: "never closed\n',
        "data/f.yml:2:4: this quoted text is never closed\n"
        "  hint: add the closing quotation mark, or escape quotes inside the text",
    ),
    (
        'a: "open\nb: 1\nc: "x"\n',
        "data/f.yml:1:4: the quoted text that starts here is never closed\n"
        '  hint: add the closing quotation mark at the end of the text; a " inside '
        'double-quoted text is written \\"',
    ),
    (
        "a: x: y\n",
        "data/f.yml:1:5: a colon followed by a space is not allowed here\n"
        "  hint: put text that contains ': ' in quotes",
    ),
    (
        "a: @handle\n",
        "data/f.yml:1:4: text cannot start with '@' unless it is in quotes\n"
        '  hint: put the whole text in quotes, like "@…"',
    ),
    (
        "a: `code`\n",
        "data/f.yml:1:4: text cannot start with '`' unless it is in quotes\n"
        '  hint: put the whole text in quotes, like "`…"',
    ),
    (
        "a: %50\n",
        "data/f.yml:1:4: text cannot start with '%' unless it is in quotes\n"
        '  hint: put the whole text in quotes, like "%…"',
    ),
    (
        "a: *Updated*\n",
        "data/f.yml:1:4: text cannot start with '*' unless it is in quotes\n"
        '  hint: put the whole text in quotes, like "*…"',
    ),
    (
        "a:\n  - b\n c: d\n",
        "data/f.yml:3:2: the indentation or structure here is not valid YAML\n"
        "  hint: check that items at the same level start in the same column",
    ),
    (
        "a: [b, c\n",
        "data/f.yml:2:1: this is not valid YAML (while parsing a flow sequence expected ',' or ']', "
        "but got '<stream end>')\n  hint: check quotes, colons and indentation around this line",
    ),
]


@pytest.mark.parametrize("content, expected", SYNTAX)
def test_syntax_errors_in_editors_words(tmp_path, content, expected):
    loaded = read(tmp_path, content)
    assert loaded.data is None
    assert shown(loaded) == [expected]


def test_a_long_quotation_earlier_is_not_blamed_for_a_later_mistake(tmp_path):
    content = 'a: "one\n  two"\nb: ok\nc:\n  - d\n e: f\n'
    assert shown(read(tmp_path, content)) == [
        "data/f.yml:6:2: the indentation or structure here is not valid YAML\n"
        "  hint: check that items at the same level start in the same column"
    ]


def test_a_huge_file_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(rawfile, "MAX_FILE_BYTES", 10)
    assert [p.message for p in read(tmp_path, "a: 12345678901\n").problems] == ["the file is larger than 0 MB"]


def test_problem_format_and_annotation():
    p = Problem("data/a.yml", 3, 5, "actors[0].name", "100% wrong\nreally", "fix it")
    # A newline from the data is shown as \n: no line of the report or the CI log starts with the editor's text.
    assert p.format() == "data/a.yml:3:5: actors[0].name: 100% wrong\\nreally\n  hint: fix it"
    assert p.annotation() == (
        "::error file=data/a.yml,line=3,col=5::actors[0].name: 100%25 wrong\\nreally (hint: fix it)"
    )
    assert Problem("data/a.yml", 1, 1, "", "the file is empty").format() == "data/a.yml:1:1: the file is empty"


def test_a_report_is_sorted_without_repeats():
    b = Problem("data/b.yml", 1, 1, "", "second")
    a = Problem("data/a.yml", 9, 1, "x", "first", "hint")
    err = DataError([b, a, b])
    assert err.problems == [a, b]
    assert err.report() == (
        "data/a.yml:9:1: x: first\n  hint: hint\ndata/b.yml:1:1: second\n"
        "2 problems found in the explainer's data and pages; nothing was built."
    )
    assert DataError([b]).report().endswith("\n1 problem found in the explainer's data and pages; nothing was built.")


def test_did_you_mean():
    assert did_you_mean("qoute", ["quote", "context"]) == "did you mean 'quote'?"
    assert did_you_mean("MEDIA", ["media", "court"]) == "did you mean 'media'?"
    # Capitals fold before closeness: without that, 'bbc-…' is nearer to the capitals than 'engadget-…'.
    ids = ["bbc-2022-03-11", "engadget-2022-03-11", "rappler-2022-03-14"]
    assert did_you_mean("ENGADGET-2022-03-11", ids) == "did you mean 'engadget-2022-03-11'?"
    assert did_you_mean("ENGADGET-2022-03-12", ids) == "did you mean 'engadget-2022-03-11'?"
    assert did_you_mean("zzz", ["b", "a"], "See data/x.yml.", "known ids") == "known ids: 'a', 'b'. See data/x.yml."
    assert did_you_mean("zzz", [f"id-{i:02}" for i in range(13)]).endswith("'id-11', ….")
    assert (
        did_you_mean("zzz", [], "Sources are defined in data/sources.yml.")
        == "Sources are defined in data/sources.yml."
    )


# ---------- bounded cost and hostile files ----------


def test_deep_nesting_is_refused_before_it_is_built(tmp_path):
    """330 brackets would make the YAML composer recurse until Python gives up."""
    loaded = read(tmp_path, "a: " + "[" * 330 + "]" * 330 + "\n")
    assert loaded.data is None
    assert shown(loaded) == [
        f"data/f.yml:1:{3 + load.MAX_DEPTH}: the data is nested more than "
        f"{load.MAX_DEPTH} levels deep here\n  hint: check the indentation and the brackets: "
        "records never need this many levels"
    ]


def test_the_size_is_checked_before_reading(tmp_path):
    """A sparse 1 GB file: refused from its size alone (reading it would take a gigabyte of memory)."""
    path = tmp_path / "f.yml"
    with open(path, "wb") as fh:
        fh.truncate(1_000_000_000)
    assert shown(load.read(path, "data/f.yml", "items")) == [
        "data/f.yml:1:1: the file is larger than 2 MB\n  hint: split it or remove unneeded text"
    ]


def test_a_folder_or_a_pipe_in_place_of_the_file_is_reported(tmp_path):
    (tmp_path / "d.yml").mkdir()
    os.mkfifo(tmp_path / "p.yml")  # opening it would wait for a writer forever
    assert [p.message for p in load.read(tmp_path / "d.yml", "data/f.yml").problems] == ["this is a folder, not a file"]
    assert [p.message for p in load.read(tmp_path / "p.yml", "data/f.yml").problems] == [
        "this is not a file that can be read"
    ]


def test_a_link_out_of_the_project_is_refused(tmp_path):
    project, outside = tmp_path / "project", tmp_path / "secret.txt"
    (project / "data").mkdir(parents=True)
    outside.write_text("password: hunter2\n", encoding="utf-8")
    (project / "data" / "actors.yml").symlink_to(outside)
    loaded = load.read(project / "data" / "actors.yml", "data/actors.yml", "actors")
    assert loaded.data is None and "hunter2" not in repr(loaded.problems)
    assert shown(loaded) == [
        "data/actors.yml:1:1: the file is a link to a file outside the project\n"
        "  hint: copy the file into the project instead of linking to it"
    ]
    (project / "data" / "inside.yml").write_text("actors: []\n", encoding="utf-8")
    (project / "data" / "link.yml").symlink_to("inside.yml")  # a link inside the project is fine
    assert load.read(project / "data" / "link.yml", "data/link.yml").data == {"actors": []}


def test_an_unreadable_file_is_reported_not_raised(tmp_path):
    """The tests run as root, which reads any file: a forked child drops to the user `nobody` first."""
    os.chmod(tmp_path, 0o755)
    for folder in tmp_path.parents:  # pytest's temporary folders are private to root
        if folder.stat().st_uid == 0 and folder.stat().st_mode & 0o700 == 0o700 and str(folder).startswith("/tmp/"):
            os.chmod(folder, folder.stat().st_mode | 0o005)
    (tmp_path / "f.yml").write_text("a: 1\n", encoding="utf-8")
    os.chmod(tmp_path / "f.yml", 0o000)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: give up root, read, send the report back
        try:
            os.setgid(65534)
            os.setuid(65534)
            report = "\n".join(p.format() for p in load.read(tmp_path / "f.yml", "data/f.yml").problems)
        except BaseException as err:  # anything unexpected is sent back and fails the test
            report = f"raised {err!r}"
        os.write(write_end, report.encode("utf-8"))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        report = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    assert report == (
        "data/f.yml:1:1: the file cannot be read: permission denied\n"
        "  hint: let your user read it, for example with: chmod a+r data/f.yml"
    )


@pytest.mark.parametrize(
    "key, shown_as",
    [
        ('"a\\e[2J\\e]0;pwned\\a"', "a\\x1b[2J\\x1b]0;pwned\\x07"),
        ('"a\\n::error file=x::pwned"', "a\\n::error file=x::pwned"),
    ],
)
def test_control_characters_in_field_names_are_refused_and_never_shown_raw(tmp_path, key, shown_as):
    loaded = read(tmp_path, f"{key}: 1\nb: 2\n")
    assert loaded.data == {"b": 2}
    (problem,) = loaded.problems
    text = problem.format() + problem.annotation()
    assert f"data/f.yml:1:1: {shown_as}: the field name contains a control character" in text
    assert "\x1b" not in text and "\x07" not in text and text.count("\n") == 1  # only the hint's line break


@pytest.mark.parametrize(
    "char, what",
    [
        ("\u3164", "an invisible Hangul filler"),
        ("\u115f", "an invisible Hangul filler"),
        ("\uffa0", "an invisible Hangul filler"),
        ("\U000e0041", "an invisible tag character"),
        ("\u2061", "an invisible formatting character"),
        ("\u00ad", "an invisible soft hyphen"),
        ("\u180e", "an invisible Mongolian vowel separator"),
        ("\ufff9", "an invisible formatting character"),
        ("\ud800", "a broken character (half of a surrogate pair)"),
        ("\ue000", "a private-use character, which shows differently on every device"),
    ],
)
def test_every_kind_of_invisible_character_is_refused(tmp_path, char, what):
    escape = f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"
    loaded = read(tmp_path, f'name: "{escape}"\n')  # written as an escape: a lone surrogate can't be UTF-8
    assert [p.message for p in loaded.problems] == [f"the text contains {what} (U+{ord(char):04X}) at character 1"]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("title: “Plan”\n", 'write it as title: "Plan"'),
        ("title: ‘A “B” C’\n", 'write it as title: "A “B” C"'),
    ],
)
def test_curly_quotes_used_as_yaml_quotes(tmp_path, content, expected):
    (problem,) = read(tmp_path, content).problems
    assert problem.message == "curly quotes used as YAML quotes: they would be shown as part of the text"
    assert problem.hint.endswith(expected)


def test_curly_quotes_inside_text_or_in_straight_quotes_are_text(tmp_path):
    assert read(tmp_path, 'a: He said “no”\nb: "“Plan”"\n').problems == []


def test_did_you_mean_stays_cheap_with_thousands_of_ids():
    """Thousands of unknown ids against thousands of known ones: each word is compared with a bounded
    number of ids of a similar length, and only the first guesses per set are made."""
    ids = {f"person-number-{i}" for i in range(5000)} | {"adam-mosseri"}
    assert did_you_mean("mosseri", ids, "See data/actors.yml.") == "did you mean 'adam-mosseri'? See data/actors.yml."
    guesses = [did_you_mean(f"person-numbr-{i}", ids, "See data/actors.yml.") for i in range(300)]
    assert guesses[0].startswith("did you mean 'person-number-") and guesses[-1] == "See data/actors.yml."


def test_a_sound_file_keeps_no_positions_until_a_problem_needs_them(tmp_path):
    # U+2028 ends a line for PyYAML, not for an editor: the positions found again are the editor's too.
    loaded = read(tmp_path, 'items:\n  - id: a\n    name: "A\u2028B"\n  - id: b\n    name: c\n')
    assert loaded.problems == [] and loaded.values == {} and loaded.keys == {}
    assert loaded.at(("items", 1, "name")) == (5, 11)
    assert loaded.at(("items", 1, "name"), key=True) == (5, 5)
    assert loaded.again is None and loaded.values[("items", 0)] == (2, 5)


def test_a_file_with_a_problem_keeps_its_positions(tmp_path):
    loaded = read(tmp_path, "items:\n  - id: a\n    done: yes\n")
    assert shown(loaded) == [
        "data/f.yml:3:11: items[0].done: 'yes' would be read as true/false, not as text\n"
        '  hint: if you meant the word, put it in quotes: "yes"'
    ]
    assert loaded.again is None and loaded.values[("items", 0, "done")] == (3, 11)
