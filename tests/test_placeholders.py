from __future__ import annotations

import time

import pytest

from linter.placeholders import PlaceholderKind, parse


def test_positional_named_and_legacy() -> None:
    parsed = parse("Hi {{1}}, {{first_name}} and {2}")
    kinds = [(p.kind, p.number, p.name, p.start, p.end) for p in parsed.placeholders]
    assert kinds == [(PlaceholderKind.POSITIONAL, 1, None, 3, 8),
                     (PlaceholderKind.NAMED, None, "first_name", 10, 24),
                     (PlaceholderKind.LEGACY, 2, None, 29, 32)]
    assert parsed.malformed == ()


@pytest.mark.parametrize(("text", "reason", "fix"), [
    ("{{ 1 }}", "spaces inside the braces", "{{1}}"),
    ("{{1a}}", "a placeholder is a number or a lowercase name", None),
    ("[1]", "square brackets are not placeholders", "{{1}}"),
    ("[[1]]", "square brackets are not placeholders", "{{1}}"),
    ("%1", "'%N' is not a placeholder", "{{1}}"),
    ("{{#1}}", "'#' is not allowed in a placeholder", "{{1}}"),
    ("{{$1}}", "'$' is not allowed in a placeholder", "{{1}}"),
    ("{{{1}}}", "triple braces", "{{1}}"),
    ("{{1}", "unbalanced braces: missing '}'", "{{1}}"),
    ("{1}}", "unbalanced braces: missing '{'", "{{1}}"),
    ("{{}}", "empty placeholder", None),
    ("{{01}}", "leading zero in the placeholder number", "{{1}}"),
])
def test_malformed_candidates(text: str, reason: str, fix: str | None) -> None:
    parsed = parse(f"Hi {text} there")
    assert parsed.placeholders == ()
    assert [(m.raw, m.reason, m.fix, m.start) for m in parsed.malformed] == [(text, reason, fix, 3)]


@pytest.mark.parametrize("text", ["#{{1}}", "50% off", "100%", "{ see below }", "a < b", "x{y"])
def test_near_misses_are_not_malformed(text: str) -> None:
    assert parse(text).malformed == ()


@pytest.mark.parametrize("evil", ["{" * 1_000_000, "{{" + "1" * 1_000_000, "[" * 500_000 + "1",
                                  "%" * 1_000_000, "{{a" * 300_000])
def test_scanning_stays_linear_on_adversarial_input(evil: str) -> None:
    started = time.perf_counter()
    parse(evil)
    # A backtracking pattern would take minutes; linear scanning takes well under a second.
    assert time.perf_counter() - started < 5
