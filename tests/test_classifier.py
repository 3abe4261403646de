"""The classifier: the shipped model, its pinning, training, scoring and explanations."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sklearn
from click.testing import CliRunner

from linter.classifier import model as model_module
from linter.classifier.errors import ModelError
from linter.classifier.model import load, metadata, sha256
from linter.classifier.pinned import MODEL_SHA256
from linter.classifier.train import data_hash, train
from linter.cli import main
from tests.conftest import make_raw, make_template

ROOT = Path(__file__).parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "classifier"
BUNDLED = model_module.default_model_dir()


def test_bundled_model_matches_its_pin_metadata_libraries_and_data() -> None:
    meta = metadata()
    assert sha256(BUNDLED / model_module.MODEL_FILE) == MODEL_SHA256 == meta["sha256"]
    assert meta["libraries"]["scikit-learn"] == sklearn.__version__, "pickles depend on the version"
    corpus = sorted((ROOT / "data" / "corpus").glob("*.jsonl"))
    assert meta["data_sha256"] == data_hash(corpus), "data/ changed: run 'wtlint train'"
    assert 0 < meta["threshold"] < 1


def test_model_card_and_metadata_agree() -> None:
    card = (BUNDLED / "README.md").read_text(encoding="utf-8")
    meta = metadata()
    assert meta["model_version"] in card and f"{meta['threshold']:.3f}" in card


def test_an_unpinned_file_is_refused_unless_trusted(tmp_path: Path) -> None:
    copy = tmp_path / model_module.MODEL_FILE
    shutil.copy(BUNDLED / model_module.MODEL_FILE, copy)
    with copy.open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelError, match="refusing to unpickle"):
        load(tmp_path)


def test_model_flag_needs_trust() -> None:
    result = CliRunner().invoke(main, ["check", "--model", str(BUNDLED), str(ROOT / "examples")])
    assert result.exit_code == 2 and "--trust-model" in result.stderr


def test_predictions_are_probabilities_with_explanations_in_the_text() -> None:
    classifier = load()
    template = make_template(make_raw(body="Hi {{1}}, your order {{2}} has shipped! Use code SAVE20 "
                                           "for 20% off your next order. Shop now!"))
    [prediction] = classifier.predict([template], explain=True)
    assert sum(prediction.probabilities.values()) == pytest.approx(1.0)
    assert prediction.predicted == "MARKETING"
    assert 1 <= len(prediction.marketing_phrases) <= 5
    body = template.body
    assert body is not None
    for phrase in prediction.marketing_phrases:
        assert phrase.pointer == "/body"
        assert body.text[phrase.start:phrase.end] == phrase.text
        assert phrase.weight > 0


def test_training_on_a_tiny_corpus_is_reproducible(tmp_path: Path) -> None:
    first = train(FIXTURE, tmp_path / "a")
    second = train(FIXTURE, tmp_path / "b")
    assert first["sha256"] == second["sha256"]
    assert (tmp_path / "a" / "README.md").exists()
    classifier = load(tmp_path / "a", trusted=True)
    [prediction] = classifier.predict([make_template(make_raw(body="Hi {{1}}, get 30% off with code SAVE30 now!"))])
    assert set(prediction.probabilities) == {"MARKETING", "UTILITY", "AUTHENTICATION"}


def test_classify_json_contract() -> None:
    result = CliRunner().invoke(main, ["classify", "--format", "json", str(ROOT / "examples")])
    assert result.exit_code == 0, result.output
    templates = json.loads(result.stdout)["templates"]
    assert len(templates) == 6
    for item in templates:
        assert {"path", "index", "template", "declared", "predicted", "probabilities"} <= item.keys()
        assert set(item["probabilities"]) == {"MARKETING", "UTILITY", "AUTHENTICATION"}
    shipping = next(t for t in templates if t["template"] == "shipping_update")
    assert shipping["predicted"] == "UTILITY" and shipping["index"] == 0


def test_evaluate_reports_the_asked_metrics(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", "--format", "json", "--slice", "industry",
                                       str(FIXTURE / "corpus" / "tiny.jsonl")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    overall = report["overall"]
    for key in ("roc_auc_marketing", "pr_auc_marketing", "marketing_recall_at_5pct_utility", "per_class",
                "confusion"):
        assert key in overall
    assert set(report["slices"]) == {"language", "industry"}
    assert result.stderr == ""  # no progress outside a terminal: CI logs stay clean


def test_train_and_evaluate_show_progress_on_a_terminal_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    import io

    from linter import cli
    from linter.classifier.evaluate import evaluate

    result = CliRunner().invoke(main, ["train", "--data", str(FIXTURE), "--out", str(tmp_path / "model")])
    assert result.exit_code == 0 and result.stderr == ""
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(cli.sys, "stderr", terminal)
    steps = cli._progress(steps=True)
    steps.set_description_str("fitting")
    steps.close()
    counted = cli._progress(total=3)
    report = evaluate(load(), [make_template(make_raw())] * 3, scored=counted.update)
    assert counted.n == 3 and report["overall"]["templates"] == 3
    counted.close()
    assert "fitting" in terminal.getvalue()


@pytest.mark.parametrize(("ignored", "loaded"), [("CA", "False False True"), ("CA,CT", "False False False")])
def test_runs_without_the_model_never_import_it(ignored: str, loaded: str) -> None:
    code = ("import sys\nfrom click.testing import CliRunner\nfrom linter.cli import main\n"
            f"CliRunner().invoke(main, ['check', '--ignore', {ignored!r}, {str(ROOT / 'examples')!r}])\n"
            "print('sklearn' in sys.modules, 'joblib' in sys.modules, 'spacy' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert output.stdout.strip() == loaded


def test_exported_model_scores_exactly_like_the_scikit_learn_pipeline() -> None:
    from linter.classifier import features, linear
    from linter.classifier.train import fit, lemma_tables, read_corpus

    examples = read_corpus(sorted((FIXTURE / "corpus").glob("*.jsonl")))
    documents = [features.document(e.template)[0] for e in examples]
    calibrated = fit(examples, features.Lemmatiser(lemma_tables(documents)))
    exported = linear.export(calibrated)
    probe = documents + [("en", "brand new words xxpct off"), ("xx", "")]
    assert exported.labels == tuple(calibrated.classes_)
    assert abs(exported.predict_proba(probe) - calibrated.predict_proba(probe)).max() < 1e-5


def test_char_ngrams_match_scikit_learn() -> None:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from linter.classifier.linear import Vocabulary

    text = "a ab abc  abcd abcde abcdef é ab"
    grams = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()(text)
    known = sorted(set(grams))[::2]  # some n-grams unknown to the vocabulary, as in real texts
    vocabulary = Vocabulary({g: i for i, g in enumerate(known)}, np.arange(1.0, len(known) + 1), 7)
    expected = vocabulary.weights(grams)
    for _ in range(2):  # computed, then from the per-word cache
        columns, values = vocabulary.char_weights(text, 2, 5)
        assert columns.tolist() == expected[0].tolist() and np.allclose(values, expected[1])


def test_the_fast_document_is_the_explained_one() -> None:
    from linter.classifier import features
    from linter.classifier.train import read_corpus

    examples = read_corpus(sorted((ROOT / "data" / "corpus").glob("*.jsonl")))[::37]
    assert len(examples) > 150
    for example in examples:
        assert features.text_document(example.template) == features.document(example.template)[0]


def test_the_first_character_guard_never_changes_what_is_normalised() -> None:
    import re

    from linter.classifier import features

    unguarded = re.compile(features._TOKENS, re.IGNORECASE)
    codes = re.search(r"\(\?:([A-Z|]+)\)", features._CURRENCY).group(1).split("|")
    symbols = list(re.search(r"\[([^\]]+)\]", features._CURRENCY).group(1))
    currencies = ["R$", "US$", "Rp", "Rp.", "RM", "Rs.", "ريال", "درهم", "جنيه", *codes, *symbols]
    assert {"USD", "FCFA", "TL", "₹", "฿"} <= set(currencies)
    for currency in currencies:
        for text in (f"pay {currency}20 now", f"total: 1.299,90 {currency.lower()}", f"{currency} 5"):
            assert features._NORMALISE.sub("<>", text) == unguarded.sub("<>", text), text
    for text in ("{{1}}{2} https://x.io/a WWW.SHOP.COM 20% %5 3,5 0", "x" * 50 + "9"):
        assert features._NORMALISE.sub("<>", text) == unguarded.sub("<>", text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Hi {{1}}, paid", "Hi xxph , paid"),
    ("{{1}}{{2}}", "xxph  xxph"),
    ("order#{{1}}\nby 20%", "order# xxph\nby xxpct"),
])
def test_tokens_are_set_apart_by_one_space_only_where_needed(text: str, expected: str) -> None:
    from linter.classifier import features

    normalised = features.normalise(text)
    assert normalised.text == expected
    assert len(normalised.starts) == len(normalised.ends) == len(expected)
    template = make_template(make_raw(body=text, drop=("header", "footer", "buttons", "examples")))
    assert features.text_document(template)[1] == expected
