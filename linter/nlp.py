"""One blank spaCy pipeline per language for the whole process.

Building a blank pipeline (tokenizer exceptions, affix rules) costs about a tenth of a second;
the classifier, the content lexicons and rewording all tokenise with the same one. The
classifier only calls its tokenizer, so the pipes the lexicons add do not change what it sees.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def blank(language: str) -> Any:
    """``spacy.blank(language)`` with a sentencizer, shared; ``xx`` for any other language."""
    import spacy

    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    return nlp
