"""Fuzz target: any bytes give templates and findings, or input errors of one clean line.

The first byte of an input picks what reads the rest: a reader by file suffix (``SUFFIXES``,
where ``""`` sniffs the content) or, past them, the placeholder parser. Templates that come out
go through the structural rules; each finding must have a position in the file, and a
suggestion placed in the file (a SARIF fix) must leave the file parseable, with exactly the
suggested value. Any other exception is a bug.

Run it (atheris is not a test dependency: ``pip install atheris``) from the repository root;
new inputs go to the first folder, so give a scratch one before the seed corpus:

    mkdir -p /tmp/wtlint-fuzz && python fuzz/fuzz_readers.py /tmp/wtlint-fuzz fuzz/corpus -max_total_time=180

tests/test_fuzz.py runs ``check`` over ``fuzz/corpus`` and random bytes without atheris.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from linter.config import Config
from linter.engine import Linter
from linter.formatters import problem_dict, text_problem
from linter.loader import InputError, read_bytes
from linter.placeholders import parse
from linter.problem import Edit, FileEdit, Problem
from linter.sources import JsonSource, YamlSource

SUFFIXES = ("", ".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".csv")
# Structural rules only: the content rules load spaCy, and NM004 would remember every input.
STRUCTURAL = Linter(Config(ignore=("CA", "CT", "NM004")))


class FuzzFailure(AssertionError):
    """An input broke a promise of the readers, the parser or the rules."""


def check(data: bytes) -> None:
    """Read one input as the fuzzer hands it over; raise on anything but clean results."""
    if not data:
        return
    choice, payload = data[0] % (len(SUFFIXES) + 1), data[1:]
    if choice == len(SUFFIXES):
        _check_placeholders(payload.decode("utf-8", "replace"))
    else:
        _check_reader(payload, SUFFIXES[choice])


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise FuzzFailure(what)


def _check_placeholders(text: str) -> None:
    parsed = parse(text)
    spans = sorted([(p.start, p.end, p.raw) for p in parsed.placeholders]
                   + [(m.start, m.end, m.raw) for m in parsed.malformed])
    end_of_previous = 0
    for start, end, raw in spans:
        _expect(end_of_previous <= start < end <= len(text), f"span {start}-{end} out of place")
        _expect(text[start:end] == raw, f"span {start}-{end} is not {raw!r}")
        end_of_previous = end


def _check_reader(payload: bytes, suffix: str) -> None:
    for item in read_bytes(payload, "fuzz" + suffix, suffix):
        if isinstance(item, InputError):
            _expect(bool(item.message) and "\n" not in item.message, f"not one clean line: {item!r}")
            continue
        for problem in STRUCTURAL.lint(item):
            _expect(problem.position.line >= 1 and problem.position.column >= 1, f"no position: {problem}")
            text_problem(problem)
            json.dumps(problem_dict(problem), ensure_ascii=False)
            _check_fix(problem, item.source)


def _check_fix(problem: Problem, source: Any) -> None:
    """Applied to the file, the placed edits give a file that parses, holding the suggested value."""
    if not problem.fix or problem.suggestion is None:
        return
    _expect(isinstance(source, JsonSource | YamlSource), f"a fix in a {type(source).__name__}")
    first_line = source.first_line if isinstance(source, JsonSource) else 1
    fixed = _applied(source.text, problem.fix, first_line)
    if isinstance(source, JsonSource):
        after, before = json.loads(fixed), json.loads(source.text)
    else:
        import yaml

        after, before = list(yaml.safe_load_all(fixed)), list(yaml.safe_load_all(source.text))
        after, before = (after, before) if source.multi_document else (after[0], before[0])
    _expect(after == _edited(before, problem.suggestion.edits), f"fix of {problem.code} in {fixed!r}")


def _applied(text: str, edits: tuple[FileEdit, ...], first_line: int) -> str:
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    for edit in sorted(edits, key=lambda e: (e.start.line, e.start.column), reverse=True):
        start = starts[edit.start.line - first_line] + edit.start.column - 1
        end = starts[edit.end.line - first_line] + edit.end.column - 1
        _expect(start <= end, f"region {edit} runs backwards")
        text = text[:start] + edit.text + text[end:]
    return text


def _edited(document: Any, edits: tuple[Edit, ...]) -> Any:
    """What the edits mean on the decoded document (an empty span at 0: the whole value)."""
    for edit in sorted(edits, key=lambda e: e.location.start, reverse=True):
        parts = edit.location.pointer.split("/")[1:]
        *parents, key = [part.replace("~1", "/").replace("~0", "~") for part in parts]
        holder = document
        for part in parents:
            holder = holder[int(part)] if isinstance(holder, list) else holder[part]
        index: Any = int(key) if isinstance(holder, list) else key
        value, start, end = holder[index], edit.location.start, edit.location.end
        replacement = edit.replacement
        holder[index] = replacement if start == end == 0 else value[:start] + replacement + value[end:]
    return document


def main() -> None:
    import atheris

    atheris.instrument_all()
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
