"""Map a JSON pointer plus a character offset in its text back to a line and column in the file.

Positions are worked out lazily: only a template with a finding pays for a source map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from linter.problem import Position


class Source(Protocol):
    """Where a template's texts came from."""

    path: str

    def position(self, pointer: str, offset: int = 0) -> Position: ...


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
    _entries: dict[str, Any] | None = field(default=None, repr=False)
    _raw_offsets: dict[int, list[int]] = field(default_factory=dict, repr=False)

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

    def _string_offsets(self, begin: int) -> list[int]:
        """For a JSON string literal starting at ``begin``: the raw offset of each decoded
        character (computed once per string, so many findings in one text stay linear)."""
        if begin not in self._raw_offsets:
            self._raw_offsets[begin] = _raw_offsets(self.text, begin)
        return self._raw_offsets[begin]

    def _source_map(self) -> dict[str, Any]:
        if self._entries is None:
            import json_source_map  # positions are computed only for templates with findings

            try:
                self._entries = json_source_map.calculate(self.text)
            except (RecursionError, ValueError, IndexError):
                self._entries = {}
        return self._entries


def _raw_offsets(text: str, begin: int) -> list[int]:
    offsets = [0]
    index = begin
    while index < len(text) and text[index] != '"':
        index += (6 if text[index + 1 : index + 2] == "u" else 2) if text[index] == "\\" else 1
        offsets.append(index - begin)
    return offsets


@dataclass(eq=False)
class YamlSource:
    """A YAML stream; documents are addressed as ``/<document index>`` when there are several."""

    path: str
    text: str
    multi_document: bool = False
    _nodes: dict[str, Any] | None = field(default=None, repr=False)

    def position(self, pointer: str, offset: int = 0) -> Position:
        node, offset = _nearest(self._node_map(), pointer, offset)
        if node is None:
            return Position(1, 1)
        mark = node.start_mark
        if node.id == "scalar" and offset:
            return _scalar_position(node, offset, self.text)
        return Position(mark.line + 1, mark.column + 1)

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
            _index_nodes(value, f"{pointer}/{_escape(str(key.value))}", out)
    elif node.id == "sequence":
        for index, item in enumerate(node.value):
            _index_nodes(item, f"{pointer}/{index}", out)


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


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
