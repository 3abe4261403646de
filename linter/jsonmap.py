"""Where each value of a JSON document is written: a source map keyed by JSON pointer.

json-source-map gives the same entries, but it parses the document twice, one character at a
time in Python: on a batch where most templates have a finding it was a quarter of the lint
time. This walks the document's tokens with one regex instead, for text that ``json.loads``
has already accepted (a test checks the two agree on generated documents).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    line: int  # 0-based, counted in \n
    column: int  # 0-based, in characters
    position: int  # offset in the text


class Entry:
    """Where one value is written; lines and columns are worked out when asked for."""

    __slots__ = ("_end", "_line_starts", "_start")

    def __init__(self, line_starts: list[int], start: int, end: int) -> None:
        self._line_starts, self._start, self._end = line_starts, start, end

    @property
    def value_start(self) -> Location:
        return self._locate(self._start)

    @property
    def value_end(self) -> Location:
        return self._locate(self._end)

    def _locate(self, position: int) -> Location:
        line = bisect_right(self._line_starts, position) - 1
        return Location(line, position - self._line_starts[line], position)


MAX_DEPTH = 200  # a template is a few levels deep; json.loads itself gives up near 1,000

# Between tokens valid JSON has only whitespace, which finditer skips.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


@dataclass(slots=True)
class _Container:
    pointer: str
    start: int
    is_array: bool
    index: int = 0


def source_map(text: str) -> dict[str, Entry]:
    """Every value's pointer with where it starts and ends; {} for text that is not JSON."""
    try:
        return _walk(text)
    except (IndexError, ValueError):  # a closing bracket or an escape valid JSON lacks; too deep
        return {}


def _walk(text: str) -> dict[str, Entry]:
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    entries: dict[str, Entry] = {}
    open_containers: list[_Container] = []
    pointer, expect_key = "", False
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == "{" or first == "[":
            if len(open_containers) == MAX_DEPTH:
                raise ValueError("nested deeper than any template")  # pointers would grow quadratically
            open_containers.append(_Container(pointer, match.start(), first == "["))
            pointer, expect_key = f"{pointer}/0" if first == "[" else pointer, first == "{"
        elif first == "}" or first == "]":
            closed, expect_key = open_containers.pop(), False
            entries[closed.pointer] = Entry(line_starts, closed.start, match.end())
        elif first == ",":
            container = open_containers[-1]
            if container.is_array:
                container.index += 1
                pointer = f"{container.pointer}/{container.index}"
            else:
                expect_key = True
        elif expect_key:
            key = json.loads(token) if "\\" in token else token[1:-1]
            pointer, expect_key = f"{open_containers[-1].pointer}/{pointer_token(key)}", False
        elif first != ":":
            entries[pointer] = Entry(line_starts, match.start(), match.end())
    return entries


def pointer_token(key: str) -> str:
    """A key as one JSON-pointer reference token (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")
