"""Find template files and read them into ``Template`` objects, or clean input errors.

Reading never raises for bad input: every problem becomes an ``InputError`` naming the file
and the place, and the other templates of the file and the other files are still read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.sources import CsvSource, JsonSource, Source, YamlSource
from linter.template import Template, TemplateError, parse_template

TEMPLATE_SUFFIXES = (".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".csv")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class InputError:
    """A file, or a part of it, that could not be read as templates."""

    path: str
    line: int
    column: int
    message: str


def discover(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Expand directories (recursively, template suffixes only, sorted); keep files as given."""
    for given in paths:
        if given == STDIN:
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield given
        else:
            yield InputError(given, 0, 0, "no such file or directory")


def _walk(root: Path) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(TEMPLATE_SUFFIXES):
                yield os.path.join(folder, name)


DEFAULT_MAX_FILE_MIB = 256
_STREAMED = (".jsonl", ".ndjson")


def read(path: str, max_file_mib: int = DEFAULT_MAX_FILE_MIB) -> Iterator[Template | InputError]:
    """Every template of one file (or ``-`` for standard input), in order.

    JSON Lines files are streamed line by line, so their size is not limited and memory stays
    flat; any other file is parsed whole and must fit in ``max_file_mib``.
    """
    display = "<stdin>" if path == STDIN else path
    try:
        if path != STDIN and suffix(path) in _STREAMED:
            with open(path, "rb") as handle:
                yield from _read_json_lines(_decoded_lines(handle, display), display)
            return
    except OSError as error:
        yield InputError(display, 0, 0, f"cannot read: {error.strerror or error}")
        return
    data = read_whole(path, max_file_mib)
    if isinstance(data, InputError):
        yield data
    else:
        yield from read_bytes(data, display, suffix(path))


def read_whole(path: str, max_file_mib: int = DEFAULT_MAX_FILE_MIB) -> bytes | InputError:
    """The bytes of one file (or standard input), if it is readable and within the size limit."""
    display = "<stdin>" if path == STDIN else path
    try:
        if path != STDIN and os.path.getsize(path) > max_file_mib * 1024 * 1024:
            size = os.path.getsize(path) / 1024 / 1024
            return InputError(display, 0, 0, f"file is {size:.0f} MiB; the limit is {max_file_mib} MiB "
                                             "(max-file-size; JSON Lines files have none)")
        return sys.stdin.buffer.read() if path == STDIN else Path(path).read_bytes()
    except OSError as error:
        return InputError(display, 0, 0, f"cannot read: {error.strerror or error}")


def suffix(path: str) -> str:
    """The lower-case extension that picks a reader (none for standard input)."""
    return Path(path).suffix.lower() if path != STDIN else ""


def _decoded_lines(lines: Iterable[bytes], path: str) -> Iterator[tuple[int, str] | InputError]:
    for number, raw in enumerate(lines, 1):
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            yield InputError(path, number, error.start + 1, "not valid UTF-8")


def read_bytes(data: bytes, path: str, suffix: str = "") -> Iterator[Template | InputError]:
    """Decode ``data`` and read its templates; ``suffix`` picks the format, else the content."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        yield InputError(path, line, column, "not valid UTF-8")
        return
    if not text.strip():
        yield InputError(path, 1, 1, "file is empty")
        return
    reader = _READERS.get(suffix) or _sniff(text)
    yield from reader(text, path)


def _sniff(text: str) -> Any:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        lines = [line for line in stripped.split("\n") if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines[:2]) \
                and _parses(lines[0]):
            return _read_json_lines_text
        return _read_json
    first_line = stripped.splitlines()[0]
    if "," in first_line and ":" not in first_line and "body" in first_line.lower():
        return _read_csv
    return _read_yaml


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _templates(document: Any, source: Source, prefix: str, start: int
               ) -> Iterator[Template | InputError]:
    """Unwrap one decoded document: a template, a list of them, or ``{"data": [...]}``."""
    items: list[tuple[str, Any]]
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        items = [(f"{prefix}/data/{i}", item) for i, item in enumerate(document["data"])]
    elif isinstance(document, list):
        items = [(f"{prefix}/{i}", item) for i, item in enumerate(document)]
    else:
        items = [(prefix, document)]
    for offset, (pointer, item) in enumerate(items):
        try:
            yield parse_template(item, source, pointer, start + offset)
        except TemplateError as error:
            where = source.position(error.pointer)
            yield InputError(source.path, where.line, where.column, error.message)



def _decode_json(text: str, path: str, first_line: int = 1) -> Any:
    """The decoded document, or an ``InputError`` placed in the file."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        return InputError(path, first_line + error.lineno - 1, error.colno, f"invalid JSON: {error.msg}")
    except RecursionError:
        return InputError(path, first_line, 1, "invalid JSON: nested too deeply")


def _read_json(text: str, path: str) -> Iterator[Template | InputError]:
    document = _decode_json(text, path)
    if isinstance(document, InputError):
        yield document
    else:
        yield from _templates(document, JsonSource(path, text), "", 0)


def _read_json_lines(lines: Iterable[tuple[int, str] | InputError], path: str
                     ) -> Iterator[Template | InputError]:
    index = 0
    empty = True
    for entry in lines:
        if isinstance(entry, InputError):
            empty = False
            yield entry
            continue
        number, line = entry
        if not line.strip():
            continue
        empty = False
        document = _decode_json(line, path, number)
        if isinstance(document, InputError):
            index += 1  # the bad line held a template: later ones keep their positions
            yield document
            continue
        for item in _templates(document, JsonSource(path, line, number), "", index):
            index += 1
            yield item
    if empty:
        yield InputError(path, 1, 1, "file is empty")


def _read_json_lines_text(text: str, path: str) -> Iterator[Template | InputError]:
    # Only \n ends a line, as when a file is streamed: a string may hold U+2028 or NEL.
    return _read_json_lines(enumerate(text.split("\n"), 1), path)


def _read_yaml(text: str, path: str) -> Iterator[Template | InputError]:
    import yaml  # only YAML inputs pay for the parser

    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        yield InputError(path, line, column, f"invalid YAML: {problem}")
        return
    except RecursionError:
        yield InputError(path, 1, 1, "invalid YAML: nested too deeply")
        return
    if not documents:
        yield InputError(path, 1, 1, "no template in the file")
        return
    source = YamlSource(path, text, multi_document=len(documents) > 1)
    index = 0
    for number, document in enumerate(documents):
        prefix = f"/{number}" if len(documents) > 1 else ""
        for item in _templates(document, source, prefix, index):
            index += 1
            yield item


_CSV_LIST_COLUMNS = ("buttons", "examples")


def _read_csv(text: str, path: str) -> Iterator[Template | InputError]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    rows: list[dict[str | None, Any]] = []
    lines: list[int] = []
    row_start = 1
    try:
        columns = [c.strip().lower() for c in reader.fieldnames or ()]
        row_start = reader.line_num + 1
        for row in reader:
            rows.append(row)
            lines.append(row_start)
            row_start = reader.line_num + 1
    except csv.Error as error:
        yield InputError(path, row_start, 1, f"invalid CSV: {error}")
        return
    if "body" not in columns:
        yield InputError(path, 1, 1, "CSV needs a 'body' column (and name, language, category)")
        return
    source = CsvSource(path, tuple(lines))
    for index, row in enumerate(rows):
        raw = _csv_raw(row)
        try:
            yield parse_template(raw, source, f"/{index}", index)
        except TemplateError as error:
            yield InputError(path, lines[index], 1, error.message)


def _csv_raw(row: dict[str | None, Any]) -> dict[str, Any]:
    return {key.strip().lower(): _csv_value(key.strip().lower(), value)
            for key, value in row.items() if key is not None}


def csv_raw_rows(text: str) -> list[dict[str, Any]]:
    """Each row of a CSV file as the object ``parse_template`` reads (for writing back)."""
    return [_csv_raw(row) for row in csv.DictReader(io.StringIO(text, newline=""))]


def _csv_value(column: str, value: str | None) -> Any:
    if value is None or value == "":
        return None
    if column in _CSV_LIST_COLUMNS:
        if value.lstrip().startswith(("[", "{")):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                pass
        return [part.strip() for part in value.split("|")]
    return value


_READERS = {
    ".json": _read_json,
    ".jsonl": _read_json_lines_text,
    ".ndjson": _read_json_lines_text,
    ".yaml": _read_yaml,
    ".yml": _read_yaml,
    ".csv": _read_csv,
}
