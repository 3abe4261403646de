"""The one placeholder parser: ``{{1}}``, ``{{name}}``, legacy ``{1}`` and broken look-alikes.

Every quantifier is bounded (brace runs included) and none is nested, so scanning stays
linear in the text length whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from linter.memo import for_template_sized_texts


class PlaceholderKind(str, Enum):
    POSITIONAL = "positional"  # {{1}}
    NAMED = "named"  # {{first_name}}
    LEGACY = "legacy"  # {1}, older provider forms


@dataclass(frozen=True, slots=True)
class Placeholder:
    kind: PlaceholderKind
    start: int
    end: int
    raw: str
    number: int | None = None
    name: str | None = None

    @property
    def key(self) -> str:
        """What identifies the parameter: its number or its name."""
        return str(self.number) if self.number is not None else str(self.name)


@dataclass(frozen=True, slots=True)
class Malformed:
    """Something that looks like a placeholder but Meta will not accept (PH001)."""

    start: int
    end: int
    raw: str
    reason: str
    fix: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedText:
    placeholders: tuple[Placeholder, ...]
    malformed: tuple[Malformed, ...]


_INNER = r"[^{}\n]{0,80}"
_SCANNER = re.compile(
    rf"(?P<triple>\{{{{3,6}}{_INNER}\}}{{2,6}}|\{{{{2}}{_INNER}\}}{{3,6}})"
    rf"|(?P<double>\{{\{{(?P<inner>{_INNER})\}}\}})"
    rf"|(?P<open_only>\{{\{{{_INNER}\}}(?!\}}))"
    rf"|(?P<close_only>(?<!\{{)\{{{_INNER}\}}\}})"
    rf"|(?P<single>(?<!\{{)\{{(?P<single_inner>{_INNER})\}}(?!\}}))"
    r"|(?P<bracket>\[\[?\s*\d{1,3}\s*\]\]?)"
    r"|(?P<percent>(?<![\w%])%\d{1,3}(?![\w%]))"
    r"|(?P<stray>\{\{|\}\})"
)
_NUMBER = re.compile(r"[0-9]+")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@for_template_sized_texts(maxsize=8192)  # rules, the classifier and rewording parse the same texts
def parse(text: str) -> ParsedText:
    """Find every placeholder and every malformed candidate in ``text``."""
    placeholders: list[Placeholder] = []
    malformed: list[Malformed] = []
    for match in _SCANNER.finditer(text):
        kind = match.lastgroup
        start, end, raw = match.start(), match.end(), match.group()
        if kind == "double":
            _classify_double(match.group("inner"), start, end, raw, placeholders, malformed)
        elif kind == "single":
            _classify_single(match.group("single_inner"), start, end, raw, placeholders, malformed)
        else:
            malformed.append(_broken(kind or "", start, end, raw))
    return ParsedText(tuple(placeholders), tuple(malformed))


def _classify_double(inner: str, start: int, end: int, raw: str,
                     placeholders: list[Placeholder], malformed: list[Malformed]) -> None:
    if _NUMBER.fullmatch(inner) and not (len(inner) > 1 and inner.startswith("0")):
        placeholders.append(Placeholder(PlaceholderKind.POSITIONAL, start, end, raw, number=int(inner)))
    elif _IDENTIFIER.fullmatch(inner):
        placeholders.append(Placeholder(PlaceholderKind.NAMED, start, end, raw, name=inner))
    else:
        malformed.append(Malformed(start, end, raw, _reason_for_inner(inner), _fix_for_inner(inner)))


def _classify_single(inner: str, start: int, end: int, raw: str,
                     placeholders: list[Placeholder], malformed: list[Malformed]) -> None:
    if _NUMBER.fullmatch(inner):
        placeholders.append(Placeholder(PlaceholderKind.LEGACY, start, end, raw, number=int(inner)))
    elif _IDENTIFIER.fullmatch(inner.strip()):
        malformed.append(Malformed(start, end, raw, "single braces", "{{" + inner.strip() + "}}"))
    # Other single-brace text ("{ }", JSON-like fragments) is prose, not a placeholder attempt.


def _reason_for_inner(inner: str) -> str:
    stripped = inner.strip()
    if not stripped:
        return "empty placeholder"
    if stripped != inner:
        return "spaces inside the braces"
    if stripped[0] in "#$":
        return f"'{stripped[0]}' is not allowed in a placeholder"
    if _NUMBER.fullmatch(stripped):
        return "leading zero in the placeholder number"
    return "a placeholder is a number or a lowercase name"


def _fix_for_inner(inner: str) -> str | None:
    candidate = inner.strip().lstrip("#$").lstrip("0") or None
    if candidate and (_NUMBER.fullmatch(candidate) or _IDENTIFIER.fullmatch(candidate)):
        return "{{" + candidate + "}}"
    return None


_BROKEN_REASONS = {
    "triple": "triple braces",
    "open_only": "unbalanced braces: missing '}'",
    "close_only": "unbalanced braces: missing '{'",
    "bracket": "square brackets are not placeholders",
    "percent": "'%N' is not a placeholder",
    "stray": "unbalanced braces",
}


def _broken(kind: str, start: int, end: int, raw: str) -> Malformed:
    digits = re.search(r"\d+", raw)
    name = re.search(r"[A-Za-z_][A-Za-z0-9_]*", raw)
    inner = digits.group() if digits else (name.group() if name else None)
    fix = "{{" + inner + "}}" if inner and kind != "stray" else None
    return Malformed(start, end, raw, _BROKEN_REASONS[kind], fix)


def placeholder_text(number: int) -> str:
    """The canonical spelling of positional placeholder ``number``."""
    return "{{" + str(number) + "}}"
