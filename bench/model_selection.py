"""Model selection: compare classifier variants on text unlike the training corpus.

Every variant is fitted on the corpus's train split exactly as `wtlint train` fits the shipped
model (same features, calibration and folds), its MARKETING threshold chosen on the validation
split; it is then measured on the validation and test splits and on data/challenge/, the
project-written set in another style (see data/challenge/README.md). Choices made with this
script are made on those sets only: never on ../shared/eval/.

Usage: python bench/model_selection.py [VARIANT ...]   (default: all)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from linter.classifier import features
from linter.classifier.evaluate import MAX_UTILITY_FLAGGED, recall_at_utility_rate
from linter.classifier.train import (
    CALIBRATION_FOLDS,
    SEED,
    Example,
    group_folds,
    lemma_tables,
    read_corpus,
)


@dataclass(frozen=True)
class Variant:
    name: str
    regularisation: float = 8.0
    words: bool = True
    chars: bool = True
    char_range: tuple[int, int] = (2, 5)
    class_weight: str | None = None


VARIANTS = {v.name: v for v in (
    Variant("shipped"),
    Variant("words-only", chars=False),
    Variant("chars-only", words=False),
    Variant("C=2", regularisation=2.0),
    Variant("C=32", regularisation=32.0),
    Variant("chars-3-5", char_range=(3, 5)),
    Variant("balanced", class_weight="balanced"),
)}


def pipeline(variant: Variant, lemmatiser: features.Lemmatiser) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    blocks = []
    if variant.words:
        blocks.append(("words", TfidfVectorizer(analyzer=features.WordNgrams(lemmatiser), sublinear_tf=True,
                                                min_df=2)))
    if variant.chars:
        blocks.append(("chars", TfidfVectorizer(analyzer="char_wb", preprocessor=features.char_text,
                                                ngram_range=variant.char_range, sublinear_tf=True, min_df=3,
                                                max_features=150_000, dtype=np.float32)))
    return Pipeline([("features", FeatureUnion(blocks)),
                     ("classifier", LogisticRegression(C=variant.regularisation, max_iter=3000, random_state=SEED,
                                                       class_weight=variant.class_weight))])


def fitted(variant: Variant, train: Sequence[Example]) -> Callable[[Sequence[Example]], np.ndarray]:
    """The variant fitted on ``train``: a function giving MARKETING probabilities."""
    from sklearn.calibration import CalibratedClassifierCV

    documents = [features.document(e.template)[0] for e in train]
    lemmatiser = features.Lemmatiser(lemma_tables(documents))
    model = CalibratedClassifierCV(pipeline(variant, lemmatiser), method="sigmoid", ensemble=False,
                                   cv=group_folds([e.family for e in train], CALIBRATION_FOLDS))
    model.fit(documents, [e.label for e in train])
    column = list(model.classes_).index("MARKETING")
    return lambda examples: model.predict_proba([features.document(e.template)[0] for e in examples])[:, column]


def measure(scores: np.ndarray, examples: Sequence[Example], threshold: float) -> dict[str, float]:
    from sklearn.metrics import roc_auc_score

    labels = np.array([e.label for e in examples])
    marketing, utility = scores[labels == "MARKETING"], scores[labels == "UTILITY"]
    return {"auc": roc_auc_score(labels == "MARKETING", scores),
            "recall@5%": recall_at_utility_rate(marketing, utility)[0],
            "U flagged": float(np.mean(utility >= threshold)),
            "M recall": float(np.mean(marketing >= threshold))}


def threshold_on(scores: np.ndarray, examples: Sequence[Example]) -> float:
    """As `wtlint train`: the lowest score flagging at most 5% of the UTILITY templates."""
    utility = np.sort(scores[np.array([e.label for e in examples]) == "UTILITY"])[::-1]
    allowed = int(np.floor(MAX_UTILITY_FLAGGED * len(utility)))
    return float(np.nextafter(utility[allowed], 1.0)) if allowed < len(utility) else 0.5


def main(names: Sequence[str]) -> None:
    corpus = read_corpus(sorted((ROOT / "data" / "corpus").glob("*.jsonl")))
    challenge = read_corpus(sorted((ROOT / "data" / "challenge").glob("*.jsonl")))
    split = {name: [e for e in corpus if e.split == name] for name in ("train", "validation", "test")}
    print(f"{'variant':<12} {'set':<10} {'AUC':>6} {'rec@5%':>7} {'U flag':>7} {'M rec':>6}")
    for name in names:
        variant = VARIANTS[name]
        score = fitted(variant, split["train"])
        threshold = threshold_on(score(split["validation"]), split["validation"])
        for label, examples in (("validation", split["validation"]), ("test", split["test"]),
                                ("challenge", challenge)):
            m = measure(score(examples), examples, threshold)
            print(f"{name:<12} {label:<10} {m['auc']:>6.3f} {m['recall@5%']:>7.3f} {m['U flagged']:>7.3f} "
                  f"{m['M recall']:>6.3f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or list(VARIANTS))
