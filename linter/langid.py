"""Language identification for CT006, with lingua (offline: its models ship in the wheel).

The detector knows only the languages Meta supports for templates, and runs in lingua's
low-accuracy (trigram) mode: fast to load and enough for the confident cases CT006 reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from linter import limits


@dataclass(frozen=True, slots=True)
class Guess:
    language: str  # ISO 639-1, lower case
    name: str
    confidence: float


# Languages written in another script than Latin: a Latin-script text declared as one of them
# is romanised (Hinglish, Arabizi), which identifiers read as English or French.
NON_LATIN = frozenset({"ar", "hi", "bn", "gu", "kn", "ml", "mr", "pa", "ta", "te", "ur", "fa", "ps", "prs",
                       "ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "el", "he", "ka", "th", "lo", "si",
                       "zh", "ja", "ko"})
# Close relatives that identification confuses on short texts: never reported as a mismatch.
RELATIVES = (frozenset({"id", "ms"}), frozenset({"es", "pt", "ca", "gl"}), frozenset({"nb", "nn", "da", "sv"}),
             frozenset({"hr", "sr", "bs", "sl"}), frozenset({"cs", "sk"}), frozenset({"hi", "ur", "mr"}),
             frozenset({"fa", "prs"}), frozenset({"ru", "uk", "be"}), frozenset({"bg", "mk"}),
             frozenset({"af", "nl"}))


def related(a: str, b: str) -> bool:
    return any(a in group and b in group for group in RELATIVES)


def base_language(meta_code: str | None) -> str:
    return (meta_code or "").split("_")[0].split("-")[0].lower()


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = {getattr(IsoCode639_1, base.upper()) for base in map(base_language, limits.SUPPORTED_LANGUAGES)
             if hasattr(IsoCode639_1, base.upper())}
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def supported(language: str) -> bool:
    from lingua import IsoCode639_1

    return hasattr(IsoCode639_1, language.upper())


def best_guess(text: str) -> Guess:
    """The most likely language and its confidence."""
    return _guess(_detector().compute_language_confidence_values(text)[0])


def best_guesses(texts: Sequence[str]) -> dict[str, Guess]:
    """``best_guess`` of many texts at once: lingua identifies them in parallel, on every
    core and without holding the GIL, which is a third faster than one by one."""
    unique = list(dict.fromkeys(texts))
    found = _detector().compute_language_confidence_values_in_parallel(unique) if unique else []
    return {text: _guess(values[0]) for text, values in zip(unique, found, strict=True)}


def _guess(top: Any) -> Guess:
    return Guess(top.language.iso_code_639_1.name.lower(), top.language.name.title(), top.value)

