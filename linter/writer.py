"""Write changed templates back into the files they came from, in their own format and layout.

Only the text of a changed template is replaced (re-serialised in the file's format, indented
where it was); every other byte of the file stays as it was. Files are written to a temporary
file and renamed into place, and never over a file that changed on disk since it was read.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from linter.jsonmap import pointer_token
from linter.problem import Edit
from linter.sources import CsvSource, JsonSource, Source, YamlSource
from linter.template import Template


class WriteError(Exception):
    """A file could not be written back; the message names it."""


@dataclass(frozen=True, slots=True)
class Update:
    """Replace ``template``'s object with ``raw`` (a decoded object in the file's own shape)."""

    template: Template
    raw: dict[str, Any]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resolve(document: Any, pointer: str) -> Any:
    """The value at a JSON pointer inside a decoded document."""
    for part in [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]:
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


# --- reading a template's raw object ------------------------------------------------------------

def raw_of(template: Template) -> dict[str, Any]:
    """The decoded object ``template`` was parsed from (a copy: callers may change it)."""
    source = template.source
    if isinstance(source, CsvSource):
        return copy.deepcopy(_decoded(source)[int(template.pointer.split("/")[1])])
    return copy.deepcopy(resolve(_decoded(source), template.pointer))


@lru_cache(maxsize=8)
def _decoded(source: Source) -> Any:
    """A file's decoded document, once per source: suggesting and fixing read back every
    template of a file, and decoding the whole file for each made them quadratic."""
    if isinstance(source, JsonSource):
        return json.loads(source.text)
    if isinstance(source, YamlSource):
        import yaml

        documents = [d for d in yaml.safe_load_all(source.text) if d is not None]
        return documents if source.multi_document else documents[0]
    if isinstance(source, CsvSource):
        from linter.loader import csv_raw_rows

        return csv_raw_rows(Path(source.path).read_text(encoding="utf-8-sig"))
    raise WriteError(f"{source.path}: cannot read this template back")


def with_edits(raw: Mapping[str, Any], template: Template, edits: Sequence[Edit]) -> dict[str, Any]:
    """``raw`` with text edits applied; an edit with an empty span at 0 replaces the whole value."""
    out = json.loads(json.dumps(raw))
    # later spans first, so earlier offsets stay valid
    for edit in sorted(edits, key=lambda e: (e.location.pointer, e.location.start), reverse=True):
        place = _place(out, edit.location.pointer[len(template.pointer):])
        if place is None:  # the value is not written where the model says (an edit cannot apply)
            continue
        parent, index = place
        value = parent[index]
        start, end = edit.location.start, edit.location.end
        if start == end == 0 or not isinstance(value, str):
            parent[index] = edit.replacement
        else:
            parent[index] = value[:start] + edit.replacement + value[end:]
    return out


_ALIASES = {"category": "tag"}  # the flat form may name the category "tag"


def _place(document: Any, local: str) -> tuple[Any, Any] | None:
    """The container and key of the value at ``local``, if the document has it."""
    parent_pointer, key = local.rsplit("/", 1)
    try:
        parent = resolve(document, parent_pointer)
        index: Any = int(key) if isinstance(parent, list) else key.replace("~1", "/").replace("~0", "~")
        if isinstance(parent, dict) and index not in parent and _ALIASES.get(index) in parent:
            index = _ALIASES[index]
        parent[index]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return parent, index


# --- replacing a template's text in its file ------------------------------------------------------

def updated_file(data: bytes, updates: Sequence[Update]) -> str | None:
    """The text of a file read as ``data`` with ``updates`` applied (its BOM kept), or None
    when there is nothing to update."""
    if not updates:
        return None
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    return bom + updated_text(data.decode("utf-8-sig"), updates)


def updated_text(text: str, updates: Sequence[Update]) -> str:
    """``text`` with each update applied, the rest byte for byte: where only string values
    changed (safe fixes) just those values are replaced, else the whole template object."""
    replacements = [r for update in updates for r in _replacements(text, update)]
    for start, end, new in sorted(replacements, key=lambda r: r[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _replacements(text: str, update: Update) -> list[tuple[int, int, str]]:
    changed = _changed_values(raw_of(update.template), update.raw)
    if changed is not None and not isinstance(update.template.source, CsvSource):
        spans = [_value_span(text, update.template, pointer) for pointer, _ in changed]
        if all(span is not None for span in spans):
            return [(*span, json.dumps(value, ensure_ascii=False))  # type: ignore[misc]
                    for span, (_, value) in zip(spans, changed, strict=True)]
    start, end = _span(text, update.template)
    return [(start, end, _serialise(text, start, end, update))]


def _changed_values(old: Any, new: Any, pointer: str = "") -> list[tuple[str, Any]] | None:
    """The pointers and new values of the scalars that differ, when the structure is the same."""
    if isinstance(old, dict) and isinstance(new, dict):
        if list(old) != list(new):
            return None
        pairs = [(f"{pointer}/{pointer_token(k)}", old[k], new[k]) for k in old]
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return None
        pairs = [(f"{pointer}/{i}", a, b) for i, (a, b) in enumerate(zip(old, new, strict=True))]
    else:
        return [] if old == new else ([(pointer, new)] if isinstance(old, str) and isinstance(new, str) else None)
    out: list[tuple[str, Any]] = []
    for here, a, b in pairs:
        found = _changed_values(a, b, here)
        if found is None:
            return None
        out += found
    return out


def _value_span(text: str, template: Template, local: str) -> tuple[int, int] | None:
    """Where the string at ``local`` (inside the template) is written, if it can be replaced by
    a JSON string literal (JSON files, and quoted or plain YAML scalars)."""
    source, pointer = template.source, template.pointer + local
    if isinstance(source, JsonSource):
        offset = 0 if source.text == text else _line_starts(text)[source.first_line - 1]
        entry = source.entry(pointer)
        return None if entry is None else (offset + entry.value_start.position, offset + entry.value_end.position)
    if isinstance(source, YamlSource):
        node = source.node(pointer)
        if node.id != "scalar" or node.style in ("|", ">"):
            return None
        return node.start_mark.index, node.end_mark.index
    return None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [i + 1 for i, char in enumerate(text) if char == "\n"]
    return starts


def _span(text: str, template: Template) -> tuple[int, int]:
    source = template.source
    if isinstance(source, JsonSource):  # a whole JSON file, or one line of a JSON Lines file
        offset = 0 if source.text == text else _line_starts(text)[source.first_line - 1]
        entry = source.entry(template.pointer)
        if entry is None:
            raise WriteError(f"{template.path}: cannot find template {template.index + 1} in the file again")
        return offset + entry.value_start.position, offset + entry.value_end.position
    if isinstance(source, YamlSource):
        node = source.node(template.pointer)
        # a block mapping ends where the next item starts, after any comment: stop at its
        # last value instead, so comments between templates stay
        last = node.value[-1][1] if node.id == "mapping" and node.value else node
        return node.start_mark.index, last.end_mark.index
    if isinstance(source, CsvSource):
        starts = _line_starts(text)
        row = int(template.pointer.split("/")[1])
        first = starts[source.row_lines[row] - 1]
        following = source.row_lines[row + 1] if row + 1 < len(source.row_lines) else None
        last = starts[following - 1] if following else len(text.rstrip("\r\n"))
        return first, last
    raise WriteError(f"{template.path}: cannot write this template back")


def _serialise(text: str, start: int, end: int, update: Update) -> str:
    source = update.template.source
    line_start = text.rfind("\n", 0, start) + 1
    indent = len(text[line_start:start]) - len(text[line_start:start].lstrip(" "))
    if isinstance(source, JsonSource):
        return _json(update.raw, text, indent)
    if isinstance(source, YamlSource):
        column = start - line_start
        return _yaml(update.raw, column, trailing=text[start:end][len(text[start:end].rstrip("\n")):])
    return _csv_row(update.raw, text, text[start:end])


def _json(raw: Mapping[str, Any], text: str, indent: int) -> str:
    ascii_only = "\\u" in text and text.isascii()
    unit = _json_indent(text)
    if unit is None:
        return json.dumps(raw, ensure_ascii=ascii_only)
    return json.dumps(raw, ensure_ascii=ascii_only, indent=unit).replace("\n", "\n" + " " * indent)


def _json_indent(text: str) -> int | None:
    """The file's indentation step, or None for a one-line document (JSON Lines)."""
    for line in text.splitlines()[1:]:
        stripped = line.lstrip(" ")
        if stripped and len(stripped) < len(line):
            return len(line) - len(stripped)
    return None


def _yaml(raw: Mapping[str, Any], column: int, trailing: str) -> str:
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _string(dumper: yaml.SafeDumper, value: str) -> Any:
        style = "|" if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _string)
    dumped = yaml.dump(dict(raw), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                       default_flow_style=False, width=1 << 16).rstrip("\n")
    return dumped.replace("\n", "\n" + " " * column) + (trailing or "")


def _csv_row(raw: Mapping[str, Any], text: str, old_row: str) -> str:
    header = next(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n" if "\r\n" not in old_row else "\r\n")
    writer.writerow([_csv_cell(raw.get(column.strip().lower())) for column in header])
    row = out.getvalue()
    return row if old_row.endswith(("\n", "\r\n")) else row.rstrip("\r\n")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        if isinstance(value, list) and all(isinstance(v, str) and "|" not in v for v in value):
            return " | ".join(value)
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- writing safely ---------------------------------------------------------------------------------

def write_atomic(path: str, text: str, read_digest: str) -> None:
    """Replace ``path`` with ``text`` unless it changed since it was read (``read_digest``)."""
    target = Path(path)
    try:
        current = target.read_bytes()
    except OSError as error:
        raise WriteError(f"{path}: cannot read it back before writing: {error.strerror}") from None
    if digest(current) != read_digest:
        raise WriteError(f"{path}: changed on disk since it was read; not overwriting it")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
