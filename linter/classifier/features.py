"""Text features for the classifier: what the scikit-learn pipeline sees of a template.

A document is ``(language, text)``. Placeholders, URLs, money, percentages and numbers become
stable tokens (``xxph``, ``xxurl``...) so the model learns "a discount of xxpct", not "20%".
Words are tokenised by a blank spaCy pipeline of the template's language and lemmatised with
spaCy's lookup lemmatizer; the lemma table travels inside the model (only the entries its
vocabulary needs, taken from spacy-lookups-data at training time), so scoring loads no data.

Classes and functions referenced by the pickled pipeline (``WordNgrams``, ``Lemmatiser``,
``char_text``) must keep their names and module: pickles store them by reference.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from linter.memo import TEMPLATE_SIZED
from linter.template import Template, TextField

Document = tuple[str, str]  # (spaCy language code, text)

SPECIAL_TOKENS = ("xxph", "xxurl", "xxmoney", "xxpct", "xxnum")
# How many placeholders, amounts or links a message has says more about who wrote a corpus
# than about what the message does: these count only next to words ("save xxpct").
_STRUCTURAL = frozenset(SPECIAL_TOKENS)
_CURRENCY = (r"(?:R\$|US\$|Rp\.?|RM|Rs\.?|[$€£₹¥₦₩₱฿]|(?:USD|EUR|GBP|INR|BRL|MXN|ARS|COP|CLP|PEN|IDR|"
             r"AED|SAR|EGP|MAD|QAR|KWD|CHF|CAD|NGN|ZAR|SGD|FCFA|XOF|DH|TL)\b|ريال|درهم|جنيه)")
_NUMBER = r"\d[\d.,'’ ]{0,15}\d|\d"
# Every token below starts with one of these characters. The look-ahead lets the regex skip
# the other positions at once instead of trying each alternative there: a third of the
# normalising time. (A test checks the guarded and unguarded patterns agree on every currency.)
_FIRST_CHARACTERS = r"[{\d%hw$€£₹¥₦₩₱฿uegibmacpsqknzfxdtrردج]"
_TOKENS = (
    r"(?P<xxph>\{\{[^{}\n]{0,80}\}\}|\{\d{1,3}\})"
    r"|(?P<xxurl>(?:https?://|www\.)[^\s<>\"']{1,500})"
    rf"|(?P<xxmoney>{_CURRENCY}\s?(?:{_NUMBER})|(?:{_NUMBER})\s?{_CURRENCY})"
    rf"|(?P<xxpct>(?:{_NUMBER})\s?%|%\s?(?:{_NUMBER}))"
    r"|(?P<xxnum>\d+)"
)
_NORMALISE = re.compile(f"(?={_FIRST_CHARACTERS})(?:{_TOKENS})", re.IGNORECASE)

# Meta language codes -> spaCy language codes (blank pipelines exist for all of these).
_SPACY_LANGUAGES = {"en", "es", "pt", "id", "hi", "ar", "de", "fr", "it", "nl", "ms", "tr", "ru",
                    "pl", "ro", "sv", "da", "nb", "fi", "cs", "sk", "hu", "el", "he", "fa", "ur",
                    "bn", "ta", "te", "mr", "gu", "kn", "ml", "th", "vi", "uk", "bg", "hr", "sr",
                    "sl", "lt", "lv", "et", "ca", "af", "sq", "tl", "ja", "ko", "zh"}
LEMMA_LANGUAGES = frozenset({"en", "es", "pt", "id", "de", "fr", "it", "nl"})


def spacy_language(meta_code: str | None) -> str:
    base = (meta_code or "").split("_")[0].split("-")[0].lower()
    return base if base in _SPACY_LANGUAGES else "xx"


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text with, for each of its characters, the span it stands for in the original."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


def _stand_in(match: re.Match[str]) -> str:
    """The token for a match, set apart by a space where no whitespace already does it: spaCy's
    tokenizer caches a word only when it is delimited by a single space, so padding that
    doubles spaces made it split every word's affixes afresh (ten times slower)."""
    text, start, end = match.string, match.start(), match.end()
    before = "" if start == 0 or text[start - 1].isspace() else " "
    after = "" if end == len(text) or text[end].isspace() else " "
    return f"{before}{match.lastgroup}{after}"


def normalise(text: str) -> Normalised:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for match in _NORMALISE.finditer(text):
        pieces.append(text[last:match.start()])
        starts.extend(range(last, match.start()))
        ends.extend(range(last + 1, match.start() + 1))
        token = _stand_in(match)
        pieces.append(token)
        starts.extend([match.start()] * len(token))
        ends.extend([match.end()] * len(token))
        last = match.end()
    pieces.append(text[last:])
    starts.extend(range(last, len(text)))
    ends.extend(range(last + 1, len(text) + 1))
    return Normalised("".join(pieces), tuple(starts), tuple(ends))


# --- tokens and lemmas ------------------------------------------------------------------------

# Twice a lint batch (run.BATCH): a batch is scored first, then its flagged templates explained.
RECENT_DOCUMENTS = 1024
_ATTRIBUTES = ["ORTH", "IDX", "IS_SPACE", "IS_PUNCT", "IS_STOP", "LIKE_NUM", "LENGTH"]

@dataclass(frozen=True, slots=True)
class Token:
    feature: str  # the lemma (or lower-cased form) the model sees
    start: int  # span in the normalised text
    end: int
    function_word: bool  # a stop word or a structural token: only meaningful in context

    @property
    def unigram(self) -> bool:
        return not self.function_word


class Lemmatiser:
    """Blank spaCy tokenizers plus lookup lemma tables from spacy-lookups-data, per language.

    Pickled with the model. Each table travels as its own pickled blob and is unpacked only
    when its language is first met, so a run in one language never pays for the other nine.
    """

    def __init__(self, tables: Mapping[str, Mapping[str, str]]) -> None:
        self._packed = {language: pickle.dumps(dict(table), protocol=pickle.HIGHEST_PROTOCOL)
                        for language, table in tables.items()}
        self._tables: dict[str, dict[str, str]] = {}
        self._recent: dict[Document, list[Token]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"packed": self._packed}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._packed = state["packed"]
        self._tables = {}
        self._recent = {}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self._packed))

    def table(self, language: str) -> dict[str, str] | None:
        packed = self._packed.get(language)
        # Our own bytes, inside a model file whose hash was checked before loading.
        return pickle.loads(packed) if packed is not None else None

    def pipeline(self, language: str) -> tuple[Any, dict[str, str]]:
        """The language's blank spaCy pipeline and its lemma table."""
        from linter.nlp import blank

        if language not in self._tables:
            self._tables[language] = self.table(language) or {}
        return blank(language), self._tables[language]

    def tokens(self, document: Document) -> list[Token]:
        """Content tokens of a document: lemmas, special tokens and emoji; no punctuation.

        The last ``RECENT_DOCUMENTS`` of template size are remembered: a flagged template is
        scored, then explained (three passes over the same text), then reworded."""
        if len(document[1]) > TEMPLATE_SIZED:
            return self._tokenise(document)
        found = self._recent.get(document)
        if found is None:
            if len(self._recent) >= RECENT_DOCUMENTS:
                del self._recent[next(iter(self._recent))]
            found = self._recent[document] = self._tokenise(document)
        return found

    def _tokenise(self, document: Document) -> list[Token]:
        language, text = document
        nlp, table = self.pipeline(language)
        lowered = text.lower()
        # Lemma tables are keyed by lower-case forms; lower() keeps offsets unless a character
        # changes length (Turkish dotted I), where the original text is used instead.
        doc = nlp.make_doc(lowered if len(lowered) == len(text) else text)
        # Token attributes read as one array: building a Token object per word, and running
        # spaCy's lookup lemmatizer component (the same table.get(text, text)) in Python,
        # cost twice as much.
        strings = doc.vocab.strings
        result = []
        for orth, start, space, punct, stop, number, length in doc.to_array(_ATTRIBUTES).tolist():
            word = strings[orth]
            if space or punct or (length == 1 and not word.isalnum() and not _is_symbol_feature(word)):
                continue
            form = table.get(word, word).lower()
            result.append(Token(form, start, start + length, bool(stop or number) or form in _STRUCTURAL))
        return result


def full_lemma_table(language: str) -> dict[str, str]:
    """spacy-lookups-data's lookup table for ``language``, keyed by lower-case form.

    Read at training time only (it is large and slow to load); scoring uses the subset a model
    ships. Lower-case keys because tokens are lower-cased first (German nouns included).
    """
    from pathlib import Path

    import spacy_lookups_data
    import srsly

    entry = getattr(spacy_lookups_data, "id_" if language == "id" else language)["lemma_lookup"]
    path = Path(entry)
    raw = srsly.read_json(path) if path.exists() else srsly.read_gzip_json(path.with_name(path.name + ".gz"))
    table: dict[str, str] = {}
    for form, lemma in raw.items():
        lemma = lemma[0] if isinstance(lemma, list) else lemma
        key = form.lower()
        if key not in table or form == key:  # an exact lower-case entry wins
            table[key] = lemma.lower()
    return table


class WordNgrams:
    """The word analyser of the pipeline: content-word unigrams and all bigrams of lemmas."""

    def __init__(self, lemmatiser: Lemmatiser) -> None:
        self.lemmatiser = lemmatiser

    def __call__(self, document: Document) -> list[str]:
        found = self.lemmatiser.tokens(document)
        unigrams = [token.feature for token in found if token.unigram]
        return unigrams + [f"{a.feature} {b.feature}" for a, b in pairwise(found)]


def _is_symbol_feature(char: str) -> bool:
    return ord(char) > 0x2000  # emoji and pictographs carry signal; ASCII punctuation doesn't


_NOT_LETTERS = re.compile(r"xx(?:ph|url|money|pct|num)|[\W\d_]+")


def char_text(document: Document) -> str:
    """What the character n-gram analyser sees: letters only. Punctuation, emoji and digits are
    style, and the word features already see the structural tokens in context."""
    return _NOT_LETTERS.sub(" ", document[1].lower())


# --- templates -> documents -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Segment:
    """Where one text of a template sits in the document built from it."""

    field: TextField
    start: int  # offset in the original (not normalised) joined text


def template_texts(template: Template) -> list[TextField]:
    """The texts the classifier reads, in reading order: header, body, footer, button labels."""
    texts = [template.header.text] if template.header and template.header.text else []
    texts += [f for f in (template.body, template.footer) if f is not None]
    texts += [b.label for b in template.buttons if b.label is not None]
    return [t for t in texts if t.text.strip()]


def joined(template: Template) -> tuple[str, list[Segment]]:
    segments, parts, offset = [], [], 0
    for field in template_texts(template):
        segments.append(Segment(field, offset))
        parts.append(field.text)
        offset += len(field.text) + 1
    return "\n".join(parts), segments


def text_document(template: Template) -> Document:
    """What the model scores, without the offsets that only explanations need."""
    text, _ = joined(template)
    normalised = _NORMALISE.sub(_stand_in, text)
    return spacy_language(template.language), normalised


def document(template: Template) -> tuple[Document, Normalised, list[Segment]]:
    text, segments = joined(template)
    normalised = normalise(text)
    return (spacy_language(template.language), normalised.text), normalised, segments


