"""The content-policy lexicons: complete, commented, up to date, and matched on lemmas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter import lexicon

FOLDER = Path(lexicon.__file__).parent / "resources" / "lexicons"
REQUIRED = {
    "sensitive_request": {"request", "secret", "warning", "partial"},
    "prohibited": {"drugs", "tobacco", "alcohol", "weapons", "adult", "gambling", "dating",
                   "payday_loans", "crypto", "mlm", "counterfeit", "animals", "sell"},
    "threat": {"phrase"},
    "spam": {"word"},
    "gambling_wording": {"phrase"},
}


@pytest.mark.parametrize("language", lexicon.LANGUAGES)
def test_every_lexicon_has_every_list_and_comments_its_entries(language: str) -> None:
    data = lexicon.entries(language)
    for section, keys in REQUIRED.items():
        assert keys <= set(data[section]), f"{language}: {section}"
        for key in keys:
            assert data[section][key], f"{language}: {section}.{key} is empty"
    text = (FOLDER / f"{language}.toml").read_text(encoding="utf-8")
    entry_lines = [line for line in text.splitlines() if line.strip().startswith('"')]
    assert entry_lines and all("#" in line for line in entry_lines), "every entry needs a comment"


@pytest.mark.parametrize("language", lexicon.LEMMA_LANGUAGES)
def test_lemma_tables_are_built_from_the_current_lexicons(language: str) -> None:
    shipped = json.loads((FOLDER / "lemmas" / f"{language}.json").read_text(encoding="utf-8"))
    assert shipped == lexicon.lemma_subset(language), "run: python -m linter.lexicon"


def test_inflected_forms_match_through_lemmas() -> None:
    found = lexicon.matches("nl", "Stuur ons je wachtwoorden.")
    assert [(m.key, m.text) for m in lexicon.of(found, "sensitive_request")] == [
        ("request", "Stuur"), ("secret", "wachtwoorden")]


def test_arabic_phrases_match_behind_a_joined_conjunction_or_preposition() -> None:
    from linter.lexicon import matches

    found = matches("ar", "تم شحن طلبك. واحصل على خصم 20% على طلبك القادم!")
    offer = [m for m in found if (m.section, m.key) == ("promotional", "offer")]
    assert [(m.text, m.sentence) for m in offer] == [("احصل على خصم", 1)]
    # a word that merely starts with the letter is not split into a phrase
    assert not [m for m in matches("ar", "وصل طلبك اليوم.") if m.section == "promotional"]


def test_a_pipeline_is_built_afresh_once_its_vocabulary_has_grown(monkeypatch) -> None:
    from linter import lexicon, nlp
    from linter.classifier.model import load
    from tests.conftest import make_raw, make_template

    template = make_template(make_raw(language="en_US", body="Shop now and save 20% on your next order {{1}}!"))
    text = "Never share your password. Buy now: limited offer!"
    before = (lexicon.matches("en", text), load().predict([template])[0].probabilities)
    old = nlp.blank("en")
    monkeypatch.setattr(nlp, "MAX_STRINGS", len(old.vocab.strings) + 5)
    for number in range(10):
        old.vocab.strings.add(f"never-seen-{number}")
    fresh = nlp.blank("en")
    assert fresh is not old and nlp.blank("en") is fresh
    assert lexicon.lexicon("en").nlp is fresh
    load().model.analyser.lemmatiser._recent.clear()  # tokenise again, on the fresh pipeline
    assert (tuple(lexicon.lexicon("en").matches(text)), load().predict([template])[0].probabilities) == before
