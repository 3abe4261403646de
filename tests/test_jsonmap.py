"""The fast JSON source map gives json-source-map's entries (the reference it replaces)."""

from __future__ import annotations

import json

import json_source_map
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.jsonmap import source_map

# json-source-map keys its entries by a key as written, escapes and all, and does not escape
# "~" and "/"; wtlint's pointers (and this map's) follow RFC 6901 on the decoded key. Generated
# keys are those both read alike; a test below covers the others.
_KEYS = st.text(st.characters(codec="ascii", exclude_categories=("Cc",), exclude_characters='"\\~/'),
                max_size=6)
_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
            | st.text(max_size=12))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=25)


def _reference(text: str) -> dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]]:
    return {pointer: ((e.value_start.line, e.value_start.column, e.value_start.position),
                      (e.value_end.line, e.value_end.column, e.value_end.position))
            for pointer, e in json_source_map.calculate(text).items()}


def _ours(text: str) -> dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]]:
    return {pointer: ((e.value_start.line, e.value_start.column, e.value_start.position),
                      (e.value_end.line, e.value_end.column, e.value_end.position))
            for pointer, e in source_map(text).items()}


@settings(max_examples=300, deadline=None)
@given(_VALUES, st.sampled_from([None, 0, 1, 2, "\t"]), st.booleans(), st.sampled_from(["", "\n", "  \r\n "]))
def test_entries_match_json_source_map(value: object, indent: int | str | None, ascii_only: bool,
                                       padding: str) -> None:
    text = padding + json.dumps(value, indent=indent, ensure_ascii=ascii_only) + padding
    assert _ours(text) == _reference(text)


def test_a_template_file_maps_like_the_reference() -> None:
    text = ('[\n  {"name": "a~b/c", "components": [{"type": "BODY", "text": "Hi {{1}} \\u00e9\\"x"},\n'
            '   {"buttons": [], "example": {}}]},\r\n  {"name": null, "n": -1.5e3, "ok": true}\n]')
    assert _ours(text) == _reference(text)
    assert "/0/components/1/buttons" in _ours(text) and "/1/n" in _ours(text)


def test_keys_are_decoded_and_escaped_as_json_pointers() -> None:
    assert set(source_map('{"n\\u0061me": 1, "a/b~": [2]}')) == {"", "/name", "/a~1b~0", "/a~1b~0/0"}


def test_text_that_is_not_json_maps_to_what_it_can() -> None:
    assert source_map("") == {}
    assert "/0" in source_map("[1, ")
    assert source_map("]") == source_map('{"\\x": 1}') == {}
