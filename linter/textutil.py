"""Small text helpers that several rules share."""

from __future__ import annotations

import re
import unicodedata

from linter.placeholders import Placeholder

WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']{1,2000}", re.IGNORECASE)


# Every emoji starts with a code point in one of these blocks; most texts have none, and the
# emoji library's tokenizer is slow, so this cheap test runs first.
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2bff\u3030\u303d\u3297"
                          "\u3299\U0001f000-\U0001faff]|[#*0-9]\ufe0f?\u20e3")


def emoji_spans(text: str) -> list[tuple[int, int, str]]:
    """Every emoji (multi-codepoint sequences count once) with its span."""
    if not _MAYBE_EMOJI.search(text):
        return []
    import emoji  # only when a text may hold one: the library is slow to import and to scan

    return [(e["match_start"], e["match_end"], e["emoji"]) for e in emoji.emoji_list(text)]


def without_placeholders(text: str, placeholders: tuple[Placeholder, ...], fill: str = " ") -> str:
    """``text`` with every placeholder replaced by ``fill`` (offsets shift when fill differs)."""
    pieces, last = [], 0
    for placeholder in placeholders:
        pieces.append(text[last:placeholder.start])
        pieces.append(fill)
        last = placeholder.end
    pieces.append(text[last:])
    return "".join(pieces)


def blank_placeholders(text: str, placeholders: tuple[Placeholder, ...]) -> str:
    """``text`` with placeholders overwritten by spaces, keeping every offset."""
    chars = list(text)
    for placeholder in placeholders:
        chars[placeholder.start:placeholder.end] = " " * (placeholder.end - placeholder.start)
    return "".join(chars)


def is_filler(char: str) -> bool:
    """Whitespace, punctuation, symbols and marks: characters that carry no words."""
    return char.isspace() or unicodedata.category(char)[0] in "PSZC"
