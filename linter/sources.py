"""Map a JSON pointer plus a character offset in its text back to a line and column in the file,
and place a suggestion's edits in the file's text (SARIF fixes).

Positions are worked out lazily: only a template with a finding pays for a source map.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Protocol

from linter.jsonmap import Entry, pointer_token, source_map
from linter.problem import Edit, FileEdit, Location, Position


class Source(Protocol):
    """Where a template's texts came from."""

    path: str

    def position(self, pointer: str, offset: int = 0) -> Position: ...

    def place(self, edits: Sequence[Edit]) -> tuple[FileEdit, ...] | None:
        """One suggestion's edits as replacements in the file's text, or None where the file's
        syntax cannot take them all exactly."""
        ...


def _nearest(known: dict[str, Any], pointer: str, offset: int) -> tuple[Any, int]:
    """The entry for ``pointer``, or for its closest known parent (the offset then no longer
    applies): a finding about a missing key points at the object that lacks it."""
    while pointer not in known and pointer:
        pointer, offset = pointer.rsplit("/", 1)[0], 0
    return known.get(pointer), offset


@dataclass(eq=False)
class JsonSource:
    """A JSON document; ``first_line`` places one line of a JSON Lines file."""

    path: str
    text: str
    first_line: int = 1
    _entries: dict[str, Entry] | None = field(default=None, repr=False)
    _raw_offsets: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _uncommon_break: int | None = field(default=None, repr=False)

    def position(self, pointer: str, offset: int = 0) -> Position:
        entry, offset = _nearest(self._source_map(), pointer, offset)
        if entry is None:
            return Position(self.first_line, 1)
        start = entry.value_start
        column = start.column
        if offset and self.text[start.position] == '"':
            raw = self._string_offsets(start.position + 1)
            column += 1 + raw[min(offset, len(raw) - 1)]
        return Position(self.first_line + start.line, column + 1)

    def place(self, edits: Sequence[Edit]) -> tuple[FileEdit, ...] | None:
        """Each edited span inside its JSON string literal, the replacement escaped for it;
        None where a pointer holds no string (replacing an object or a number changes the
        shape)."""
        placed: list[FileEdit] = []
        for pointer, group in _by_pointer(edits).items():
            in_string = self._place_in_string(pointer, group)
            if in_string is None:
                return None
            placed += in_string
        return tuple(placed)

    def _place_in_string(self, pointer: str, edits: list[Edit]) -> list[FileEdit] | None:
        entry = self._source_map().get(pointer)
        if entry is None or self.text[entry.value_start.position] != '"':
            return None
        start = entry.value_start
        raw = self._string_offsets(start.position + 1)
        spans = _spans(edits, len(raw) - 1)
        if spans is None or start.position + 1 + raw[spans[-1][1]] > self._plain_lines_end():
            return None
        line, column = self.first_line + start.line, start.column + 2  # 1-based, past the quote
        return [FileEdit(Position(line, column + raw[begin]), Position(line, column + raw[end]),
                         json.dumps(text, ensure_ascii=False)[1:-1]) for begin, end, text in spans]

    def _plain_lines_end(self) -> int:
        if self._uncommon_break is None:
            self._uncommon_break = _first_uncommon_break(self.text)
        return self._uncommon_break

    def _string_offsets(self, begin: int) -> list[int]:
        """For a JSON string literal starting at ``begin``: the raw offset of each decoded
        character (computed once per string, so many findings in one text stay linear)."""
        if begin not in self._raw_offsets:
            self._raw_offsets[begin] = _raw_offsets(self.text, begin)
        return self._raw_offsets[begin]

    def entry(self, pointer: str) -> Any:
        """Where the value at ``pointer`` is written, if it is."""
        return self._source_map().get(pointer)

    def _source_map(self) -> dict[str, Entry]:
        if self._entries is None:  # positions are computed only for templates with findings
            self._entries = source_map(self.text)
        return self._entries


def _raw_offsets(text: str, begin: int) -> list[int]:
    offsets = [0]
    index = begin
    while index < len(text) and text[index] != '"':
        index += _escape_length(text, index) if text[index] == "\\" else 1
        offsets.append(index - begin)
    return offsets


def _escape_length(text: str, index: int) -> int:
    """Raw characters of the escape at ``index``: ``\\ud83c\\udf89`` is one character decoded."""
    if text[index + 1 : index + 2] != "u":
        return 2
    if _HIGH_SURROGATE.match(text, index) and _LOW_SURROGATE.match(text, index + 6):
        return 12
    return 6


_HIGH_SURROGATE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}")
_LOW_SURROGATE = re.compile(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")


_UNCOMMON_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _first_uncommon_break(text: str) -> int:
    """Where the first line break other than \\n or \\r\\n is (the text's length if none).
    Past one (a lone \\r, NEL, U+2028, U+2029) readers disagree on line numbers, so a fix
    there is left out rather than given a region some would misread."""
    match = _UNCOMMON_BREAK.search(text)
    return match.start() if match else len(text)


def _by_pointer(edits: Sequence[Edit]) -> dict[str, list[Edit]]:
    groups: dict[str, list[Edit]] = {}
    for edit in edits:
        groups.setdefault(edit.location.pointer, []).append(edit)
    return groups


def _spans(edits: list[Edit], length: int) -> list[tuple[int, int, str]] | None:
    """What the edits of one value of ``length`` replace, in order, as (start, end, text);
    None if one reaches outside the value or two overlap."""
    spans = []
    for edit in edits:
        span = _edited_span(edit.location, length)
        if span is None:
            return None
        spans.append((*span, edit.replacement))
    spans.sort()
    if any(following[0] < previous[1] for previous, following in pairwise(spans)):
        return None
    return spans


def _edited_span(location: Location, length: int) -> tuple[int, int] | None:
    """The characters an edit replaces in a value of ``length``: an empty span at 0 means all."""
    if location.start == location.end == 0:
        return 0, length
    if 0 <= location.start <= location.end <= length:
        return location.start, location.end
    return None


@dataclass(eq=False)
class YamlSource:
    """A YAML stream; documents are addressed as ``/<document index>`` when there are several."""

    path: str
    text: str
    multi_document: bool = False
    _nodes: dict[str, Any] | None = field(default=None, repr=False)
    _uncommon_break: int | None = field(default=None, repr=False)

    def position(self, pointer: str, offset: int = 0) -> Position:
        node, offset = _nearest(self._node_map(), pointer, offset)
        if node is None:
            return Position(1, 1)
        mark = node.start_mark
        if node.id == "scalar" and offset:
            return _scalar_position(node, offset, self.text)
        return Position(mark.line + 1, mark.column + 1)

    def place(self, edits: Sequence[Edit]) -> tuple[FileEdit, ...] | None:
        """Each edited scalar rewritten whole, double-quoted: a plain or quoted scalar's text
        does not map to its value character by character (folding, escapes), and the new
        value may need quotes anyway. None for block scalars, anchors, tags and anything but
        a string."""
        placed = []
        for pointer, group in _by_pointer(edits).items():
            node = self._node_map().get(pointer)
            if node is None or node.id != "scalar" or node.style not in (None, "'", '"') \
                    or node.tag != _YAML_STRING or self.text[node.start_mark.index] in "&!":
                return None
            spans = _spans(group, len(node.value))
            if spans is None or node.end_mark.index > self._plain_lines_end():
                return None
            value = node.value
            for start, end, text in reversed(spans):
                value = value[:start] + text + value[end:]
            placed.append(FileEdit(_mark_position(node.start_mark), _mark_position(node.end_mark),
                                   _double_quoted(value)))
        return tuple(placed)

    def _plain_lines_end(self) -> int:
        if self._uncommon_break is None:
            self._uncommon_break = _first_uncommon_break(self.text)
        return self._uncommon_break

    def node(self, pointer: str) -> Any:
        """The YAML node at ``pointer`` (with its marks in the text)."""
        return self._node_map()[pointer]

    def _node_map(self) -> dict[str, Any]:
        if self._nodes is None:
            import yaml

            self._nodes = {}
            try:
                documents = list(yaml.compose_all(self.text, Loader=yaml.SafeLoader))
            except (yaml.YAMLError, RecursionError):
                return self._nodes
            for index, node in enumerate(documents):
                _index_nodes(node, f"/{index}" if self.multi_document else "", self._nodes)
        return self._nodes


def _index_nodes(node: Any, pointer: str, out: dict[str, Any]) -> None:
    out[pointer] = node
    if node.id == "mapping":
        for key, value in node.value:
            _index_nodes(value, f"{pointer}/{pointer_token(str(key.value))}", out)
    elif node.id == "sequence":
        for index, item in enumerate(node.value):
            _index_nodes(item, f"{pointer}/{index}", out)


_YAML_STRING = "tag:yaml.org,2002:str"


def _mark_position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _double_quoted(value: str) -> str:
    """``value`` as one YAML double-quoted scalar, escaped by PyYAML's own emitter."""
    import yaml

    return yaml.dump(value, default_style='"', allow_unicode=True, width=float("inf")).rstrip("\n")


def _scalar_position(node: Any, offset: int, text: str) -> Position:
    mark = node.start_mark
    before = node.value[:offset]
    if node.style in ("|", ">"):
        # Block scalars start on the line after the indicator, at the block's indentation.
        line = mark.line + 1 + before.count("\n")
        lines = text.splitlines()
        content = lines[mark.line + 1] if mark.line + 1 < len(lines) else ""
        indent = len(content) - len(content.lstrip(" "))
        return Position(line + 1, indent + len(before) - (before.rfind("\n") + 1) + 1)
    quote = 1 if node.style in ("'", '"') else 0
    return Position(mark.line + 1, mark.column + quote + offset + 1)


@dataclass(eq=False)
class CsvSource:
    """A CSV file: pointer ``/<row>/<column>`` maps to the row's first line."""

    path: str
    row_lines: tuple[int, ...]

    def position(self, pointer: str, offset: int = 0) -> Position:
        parts = pointer.split("/")
        row = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        line = self.row_lines[row] if row < len(self.row_lines) else 1
        return Position(line, 1)

    def place(self, edits: Sequence[Edit]) -> tuple[FileEdit, ...] | None:
        """None: a cell's characters are not placed in the file (quoting, list columns)."""
        return None
