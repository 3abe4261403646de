"""Readers: every input shape, and every kind of bad input as one clean error."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from linter.loader import InputError, discover, read, read_bytes
from linter.template import Template


def _read(data: bytes | str, suffix: str = "") -> list[Template | InputError]:
    raw = data.encode() if isinstance(data, str) else data
    return list(read_bytes(raw, f"f{suffix}", suffix))


@pytest.mark.parametrize(("data", "suffix", "names"), [
    ('{"name": "a", "body": "x"}', ".json", ["a"]),
    ('[{"name": "a", "body": "x"}, {"name": "b", "components": []}]', ".json", ["a", "b"]),
    ('{"data": [{"name": "a", "components": []}], "paging": {}}', ".json", ["a"]),
    ('{"name": "a", "body": "x"}\n{"name": "b", "body": "y"}\n', ".jsonl", ["a", "b"]),
    ('{"name": "a", "body": "x"}\n{"name": "b", "body": "y"}\n', ".ndjson", ["a", "b"]),
    ("name: a\nbody: x\n---\nname: b\nbody: y\n", ".yaml", ["a", "b"]),
    ("- name: a\n  body: x\n- name: b\n  body: y\n", ".yml", ["a", "b"]),
    ("name,body\na,x\nb,y\n", ".csv", ["a", "b"]),
    # No suffix (standard input, odd extensions): the content decides.
    ('{"name": "a", "body": "x"}\n{"name": "b", "body": "y"}\n', "", ["a", "b"]),
    ('[{"name": "a", "body": "x"}]', ".txt", ["a"]),
    ("name: a\nbody: x\n", "", ["a"]),
    ("name,language,body\na,en,x\n", "", ["a"]),
])
def test_every_input_shape(data: str, suffix: str, names: list[str]) -> None:
    items = _read(data, suffix)
    assert [t.name for t in items if isinstance(t, Template)] == names
    assert [t.index for t in items if isinstance(t, Template)] == list(range(len(names)))


def test_csv_list_columns() -> None:
    [template] = _read('name,body,buttons,examples\na,"Hi {{1}}",Yes|No,"[""Ana""]"\n', ".csv")
    assert isinstance(template, Template)
    assert [b.text for b in template.buttons] == ["Yes", "No"]
    assert template.body is not None and template.body.examples == ("Ana",)


@pytest.mark.parametrize(("data", "suffix", "where", "message"), [
    (b'{"name": "a",\n "body": }', ".json", (2, 10), "invalid JSON"),
    (b"", ".json", (1, 1), "file is empty"),
    (b"  \n", ".yaml", (1, 1), "file is empty"),
    (b'{"name": "a\xff"}', ".json", (1, 12), "not valid UTF-8"),
    (b"name: [a\nbody: x\n", ".yaml", (2, 5), "invalid YAML"),
    (b'name,body\n"a,x\n', ".csv", (2, 1), "invalid CSV"),
    (b"name,text\na,x\n", ".csv", (1, 1), "'body' column"),
    (b'{"name": "a", "body": 5}', ".json", (1, 23), "'body' must be a string"),
    (b"42", ".json", (1, 1), "a template must be an object"),
    (b"[" * 100_000, ".json", (1, 1), "nested too deeply"),
])
def test_bad_input_is_one_clean_error(data: bytes, suffix: str, where: tuple[int, int],
                                      message: str) -> None:
    items = _read(data, suffix)
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1, items
    assert (errors[0].line, errors[0].column) == where
    assert message in errors[0].message


def test_one_bad_template_does_not_hide_the_others() -> None:
    items = _read('[{"name": "a", "body": "x"}, {"name": "b", "body": 5}, {"name": "c", "body": "y"}]', ".json")
    assert [type(i).__name__ for i in items] == ["Template", "InputError", "Template"]
    assert [i.index for i in items if isinstance(i, Template)] == [0, 2]


def test_one_bad_line_does_not_hide_the_others() -> None:
    items = _read('{"name": "a", "body": "x"}\n{oops\n{"name": "c", "body": "y"}\n', ".jsonl")
    assert [type(i).__name__ for i in items] == ["Template", "InputError", "Template"]
    assert isinstance(items[1], InputError) and items[1].line == 2


def test_discover_walks_directories_sorted_and_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "t.yaml").write_text("name: a\n")
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.json").write_text("{}")
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    found = list(discover([str(tmp_path)]))
    assert [Path(str(f)).relative_to(tmp_path).as_posix() for f in found] == ["a.json", "b/t.yaml"]


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    [missing] = discover([str(tmp_path / "nope.json")])
    assert isinstance(missing, InputError) and "no such file" in missing.message
    folder = tmp_path / "dir.json"
    folder.mkdir()
    [error] = read(str(folder / "x.json"))
    assert isinstance(error, InputError) and error.message.startswith("cannot read")


def test_files_over_the_size_limit_are_refused_but_json_lines_stream(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text('[' + ','.join(['{"name": "a", "body": "x"}'] * 50_000) + ']')
    [error] = read(str(big), max_file_mib=1)
    assert isinstance(error, InputError) and "the limit is 1 MiB" in error.message
    lines = tmp_path / "big.jsonl"
    lines.write_text('{"name": "a", "body": "x"}\n' * 50_000)
    assert sum(isinstance(t, Template) for t in read(str(lines), max_file_mib=1)) == 50_000


def test_json_lines_streamed_from_disk_report_bad_lines_and_keep_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_bytes(b'{"name": "a", "body": "x"}\n{"name": "b\xff"}\n\n{"name": "c", "body": "y"}\n')
    items = list(read(str(path)))
    assert [type(i).__name__ for i in items] == ["Template", "InputError", "Template"]
    assert isinstance(items[1], InputError) and (items[1].line, items[1].message) == (2, "not valid UTF-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    [error] = read(str(empty))
    assert isinstance(error, InputError) and error.message == "file is empty"


@pytest.mark.parametrize("suffix", [".jsonl", ""])
def test_json_lines_text_breaks_lines_only_at_newlines_like_a_streamed_file(suffix: str) -> None:
    # str.splitlines() used to break lines inside strings too, at U+2028 and NEL.
    line = json.dumps({"name": "a", "language": "en", "body": "one\u2028two\x85three"}, ensure_ascii=False)
    second = line.replace('"a"', '"b"')
    data = f"{line}\r\n{second}\n".encode()
    items = list(read_bytes(data, "t" + suffix, suffix))
    assert [(item.name, item.body.text) for item in items] == [("a", "one\u2028two\x85three"),
                                                                ("b", "one\u2028two\x85three")]
