"""The fitted scikit-learn pipeline, exported to plain NumPy arrays for scoring.

Unpickling any scikit-learn object imports scikit-learn and SciPy (about 0.8 s), which alone
would break the one-second budget for a cold `wtlint check`. `wtlint train` fits the real
pipeline (TfidfVectorizer x2 -> LogisticRegression, calibrated by CalibratedClassifierCV) and
exports its parameters here; a test checks that both give the same probabilities.
"""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from linter.classifier.features import Document, WordNgrams, char_text

WORD_CACHE = 200_000  # distinct words whose character n-gram columns are kept (a few tens of MiB at most)
CACHED_WORD_LENGTH = 40  # longer "words" are pasted links or junk: worked out, not kept


@dataclass
class Vocabulary:
    """One TfidfVectorizer: feature -> column, idf per column, sublinear tf, L2 norm."""

    columns: dict[str, int]
    idf: np.ndarray
    offset: int  # where this block starts in the concatenated feature vector
    _word_columns: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        # joblib unpickles in pure Python: a dict of 100,000 n-grams costs it most of a second.
        # The features travel as one blob in column order, which C pickle reads in milliseconds.
        features = sorted(self.columns, key=self.columns.__getitem__)
        return {"features": pickle.dumps(features, protocol=pickle.HIGHEST_PROTOCOL),
                "idf": self.idf, "offset": self.offset}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Our own bytes, inside a model file whose hash was checked before loading.
        features = pickle.loads(state["features"])
        self.columns = dict(zip(features, range(len(features)), strict=True))
        self.idf, self.offset = state["idf"], state["offset"]
        self._word_columns = {}

    def weights(self, grams: list[str]) -> tuple[np.ndarray, np.ndarray]:
        columns = self.columns
        return self.column_weights([columns[g] for g in grams if g in columns])

    def column_weights(self, found: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Sublinear tf-idf, L2-normalised, of the known features' columns (one per occurrence)."""
        counts = Counter(found)
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0)
        local = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[local]
        values /= np.sqrt(values @ values)
        return local + self.offset, values

    def char_weights(self, text: str, low: int, high: int) -> tuple[np.ndarray, np.ndarray]:
        """``weights(char_wb_ngrams(text, low, high))``, with each word's columns worked out
        once per process: templates share most of their words."""
        found: list[int] = []
        for word in text.split():
            known = self._word_columns.get(word)
            if known is None:
                known = [self.columns[g] for g in _word_ngrams(word, low, high) if g in self.columns]
                if len(self._word_columns) < WORD_CACHE and len(word) <= CACHED_WORD_LENGTH:
                    self._word_columns[word] = known
            found += known
        return self.column_weights(found)



def _word_ngrams(word: str, low: int, high: int) -> list[str]:
    """scikit-learn's ``char_wb`` analyser on one word: n-grams inside the space-padded word."""
    padded = f" {word} "
    grams = []
    for n in range(low, high + 1):
        if len(padded) <= n:  # a short word counts once, whole
            grams.append(padded)
            break
        grams += [padded[i:i + n] for i in range(len(padded) - n + 1)]
    return grams


@dataclass
class LinearTextModel:
    labels: tuple[str, ...]
    analyser: WordNgrams
    words: Vocabulary
    chars: Vocabulary
    char_range: tuple[int, int]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray
    calibration: np.ndarray  # (classes, 2): sigmoid a, b per class

    def features(self, document: Document) -> tuple[np.ndarray, np.ndarray]:
        word_cols, word_vals = self.words.weights(self.analyser(document))
        char_cols, char_vals = self.chars.char_weights(char_text(document), *self.char_range)
        return np.concatenate([word_cols, char_cols]), np.concatenate([word_vals, char_vals])

    def predict_proba(self, documents: list[Document]) -> np.ndarray:
        scores = np.empty((len(documents), len(self.labels)))
        for row, document in enumerate(documents):
            columns, values = self.features(document)
            scores[row] = self.coef[:, columns] @ values + self.intercept
        # CalibratedClassifierCV(method="sigmoid"): one sigmoid per class, then normalised.
        proba = 1.0 / (1.0 + np.exp(self.calibration[:, 0] * scores + self.calibration[:, 1]))
        total = proba.sum(axis=1, keepdims=True)
        return np.divide(proba, total, out=np.full_like(proba, 1 / len(self.labels)), where=total != 0)

    def word_weights(self, document: Document) -> dict[str, float]:
        """tf-idf value of each word feature of the document."""
        analysed = self.analyser(document)
        grams = list(dict.fromkeys(g for g in analysed if g in self.words.columns))
        columns, values = self.words.weights(analysed)
        by_column = dict(zip(columns.tolist(), values.tolist()))
        return {gram: by_column[self.words.columns[gram] + self.words.offset] for gram in grams}


def export(calibrated: Any) -> LinearTextModel:
    """Export a fitted CalibratedClassifierCV(ensemble=False) around our pipeline."""
    [calibrated_classifier] = calibrated.calibrated_classifiers_
    pipeline = calibrated_classifier.estimator
    (_, words), (_, chars) = pipeline.named_steps["features"].transformer_list
    logistic = pipeline.named_steps["classifier"]
    classes = list(calibrated.classes_)
    order = [list(logistic.classes_).index(label) for label in classes]
    calibration = np.array([[c.a_, c.b_] for c in calibrated_classifier.calibrators])
    return LinearTextModel(
        labels=tuple(classes),
        analyser=words.analyzer,
        words=Vocabulary({g: int(c) for g, c in words.vocabulary_.items()}, words.idf_.astype(np.float64), 0),
        chars=Vocabulary({g: int(c) for g, c in chars.vocabulary_.items()}, chars.idf_.astype(np.float64),
                         len(words.vocabulary_)),
        char_range=tuple(chars.ngram_range),
        coef=logistic.coef_[order].astype(np.float64),
        intercept=logistic.intercept_[order].astype(np.float64),
        calibration=calibration[order],
    )
