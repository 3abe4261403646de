"""Content-policy lexicons (linter/resources/lexicons/<lang>.toml) matched with spaCy.

Each language gets a blank spaCy pipeline with a sentencizer and, where spacy-lookups-data has
a lookup table, a lemmatizer over the slice of it that the lexicon needs (pre-built into
lexicons/lemmas/<lang>.json by ``python -m linter.lexicon``, so nothing large loads at run
time). Phrases match on lower-cased text and on lemmas ("wachtwoorden" finds "wachtwoord").
"""

from __future__ import annotations

import json
import sys
import tomllib
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from linter.memo import for_template_sized_texts

LANGUAGES = ("ar", "de", "en", "es", "fr", "hi", "id", "it", "nl", "pt")
LEMMA_LANGUAGES = ("de", "en", "es", "fr", "id", "it", "nl", "pt")
# Where every noun starts with a capital, a capital letter does not mark a name.
CAPITALISES_NOUNS = frozenset({"de"})
# Requests are commands to the user, written as such: matched as written, because their lemma
# also matches the business's own statements ("we have SENT you a code" is not "SEND us").
SURFACE_ONLY = frozenset({("sensitive_request", "request"), ("sensitive_request", "warning")})


def language_of(meta_code: str | None) -> str | None:
    """The lexicon language of a Meta language code, if wtlint has a lexicon for it."""
    base = (meta_code or "").split("_")[0].split("-")[0].lower()
    return base if base in LANGUAGES else None


def _folder() -> Any:
    return resources.files("linter.resources").joinpath("lexicons")


@cache
def entries(language: str) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """The lexicon as ``{section: {key: (phrases)}}``, parsed once per process (the rewording
    engine asks for it once per template)."""
    data = tomllib.loads(_folder().joinpath(f"{language}.toml").read_text(encoding="utf-8"))
    return {section: {key: tuple(values) for key, values in table.items()}
            for section, table in data.items() if isinstance(table, dict)}


@dataclass(frozen=True, slots=True)
class Match:
    section: str
    key: str
    text: str  # as written in the template
    start: int  # character offsets in the analysed text
    end: int
    sentence: int  # index of the sentence it sits in


class Lexicon:
    """One language's phrases, ready to match."""

    def __init__(self, language: str) -> None:
        from spacy.matcher import PhraseMatcher

        from linter.nlp import blank

        self.language = language
        self.nlp = blank(language)
        table = _lemma_table(language)
        if table and "lemmatizer" not in self.nlp.pipe_names:
            from spacy.lookups import Lookups

            lookups = Lookups()
            lookups.add_table("lemma_lookup", table)
            self.nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize(lookups=lookups)
        self._by_label: dict[str, tuple[str, str]] = {}
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._lemma = PhraseMatcher(self.nlp.vocab, attr="LEMMA") if table else None
        for section, keys in entries(language).items():
            for key, phrases in keys.items():
                label = f"{section}.{key}"
                self._by_label[label] = (section, key)
                self._lower.add(label, [self.nlp.make_doc(p.lower()) for p in phrases])
                if self._lemma is not None and (section, key) not in SURFACE_ONLY:
                    self._lemma.add(label, list(self.nlp.pipe(p.lower() for p in phrases)))

    def matches(self, text: str) -> list[Match]:
        lowered = text.lower()
        # Lemma tables are keyed by lower-case forms; lower() keeps offsets unless a character
        # changes length, where the original text is analysed instead.
        doc = self.nlp(lowered if len(lowered) == len(text) else text)
        sentence_starts = [sent.start_char for sent in doc.sents]
        found: dict[tuple[str, int, int], Match] = {}
        runs = [(self._lower, doc), (self._lemma, doc)]
        if self.language in CLITIC_LANGUAGES:
            runs.append((self._lower, _without_proclitics(doc)))
        for matcher, read in runs:
            if matcher is None:
                continue
            for label_id, start, end in matcher(read):
                section, key = self._by_label[self.nlp.vocab.strings[label_id]]
                span = read[start:end]
                found.setdefault((f"{section}.{key}", span.start_char, span.end_char),
                                 Match(section, key, text[span.start_char:span.end_char],
                                       span.start_char, span.end_char,
                                       bisect_right(sentence_starts, span.start_char) - 1))
        return sorted(found.values(), key=lambda m: (m.start, -m.end))


# Arabic writes "and", "so", "with", "for" and "like" as one letter joined to the next word
# ("واحصل على خصم" is "and get a discount"): phrases are also matched with those split off.
CLITIC_LANGUAGES = frozenset({"ar"})
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


def _split_proclitics(word: str) -> list[str]:
    """``word`` with up to two leading one-letter conjunctions or prepositions split off."""
    parts: list[str] = []
    for _ in range(2):
        head, rest = word[:1], word[1:]
        if (head in _CONJUNCTIONS and len(rest) >= 3) or (head in _PREPOSITIONS and rest.startswith("ال")):
            parts.append(head)
            word = rest
        else:
            break
    return [*parts, word]


def _without_proclitics(doc: Any) -> Any:
    """The same text, tokenised with proclitics as words of their own (offsets unchanged)."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    for token in doc:
        pieces = _split_proclitics(token.text)
        words += pieces
        spaces += [False] * (len(pieces) - 1) + [bool(token.whitespace_)]
    return Doc(doc.vocab, words=words, spaces=spaces)


def _lemma_table(language: str) -> dict[str, str]:
    path = _folder().joinpath("lemmas", f"{language}.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


_lexicons: dict[str, Lexicon] = {}


def lexicon(language: str) -> Lexicon:
    """The language's lexicon, on the language's current pipeline (see ``linter.nlp``)."""
    from linter.nlp import blank

    current = _lexicons.get(language)
    if current is None or current.nlp is not blank(language):
        current = _lexicons[language] = Lexicon(language)
    return current


@for_template_sized_texts(maxsize=1024)
def matches(language: str, text: str) -> tuple[Match, ...]:
    """Every lexicon match in ``text`` (kept: several rules read the same texts)."""
    return tuple(lexicon(language).matches(text))


def of(found: tuple[Match, ...], section: str, key: str | None = None) -> list[Match]:
    return [m for m in found if m.section == section and (key is None or m.key == key)]


def lemma_subset(language: str) -> dict[str, str]:
    """Every form in spacy-lookups-data whose lemma is the lemma of a word of the lexicon."""
    from linter.classifier.features import full_lemma_table

    table = full_lemma_table(language)
    words = {word for keys in entries(language).values() for phrases in keys.values()
             for phrase in phrases for word in phrase.lower().split()}
    lemmas = {table.get(word, word) for word in words}
    return {form: lemma for form, lemma in sorted(table.items()) if lemma in lemmas}


def build_lemma_tables() -> Mapping[str, int]:
    """Write lexicons/lemmas/<lang>.json; run after editing a lexicon: ``python -m linter.lexicon``."""
    written = {}
    for language in LEMMA_LANGUAGES:
        subset = lemma_subset(language)
        with open(str(_folder().joinpath("lemmas", f"{language}.json")), "w", encoding="utf-8") as handle:
            json.dump(subset, handle, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            handle.write("\n")
        written[language] = len(subset)
    return written


if __name__ == "__main__":
    sys.stdout.write(json.dumps(build_lemma_tables()) + "\n")
