"""One blank spaCy pipeline per language for the whole process.

Building a blank pipeline (tokenizer exceptions, affix rules) costs about a tenth of a second
(French and Indonesian: seconds); the classifier, the content lexicons and rewording all
tokenise with the same one. The classifier only calls its tokenizer, so the pipes the lexicons
add do not change what it sees.

spaCy keeps every string it has tokenised: a run over millions of varied texts would grow
without end, so a pipeline whose vocabulary passes ``MAX_STRINGS`` is built afresh (whoever
holds one asks ``blank`` again rather than keeping it).
"""

from __future__ import annotations

from typing import Any

MAX_STRINGS = 250_000  # about 50 MiB of vocabulary in one language; a rebuild takes 0.1-2.6 s

_pipelines: dict[str, Any] = {}


def blank(language: str) -> Any:
    """``spacy.blank(language)`` with a sentencizer, shared; ``xx`` for any other language."""
    nlp = _pipelines.get(language)
    if nlp is None or len(nlp.vocab.strings) > MAX_STRINGS:
        nlp = _pipelines[language] = _build(language)
    return nlp


def _build(language: str) -> Any:
    import spacy

    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    return nlp
