"""Load the bundled (or a trusted) model and score templates, with the phrases that drove it.

joblib files run code when loaded, so the bundled file must match the sha256 pinned in
``pinned.py``; any other file needs the caller's explicit trust (``--trust-model``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from linter.classifier import features, pinned
from linter.classifier.errors import ModelError
from linter.classifier.features import Normalised, Segment
from linter.classifier.linear import LinearTextModel
from linter.template import Template

MODEL_FILE = "template_classifier.joblib"
META_FILE = "template_classifier.meta.json"
LABELS = ("AUTHENTICATION", "MARKETING", "UTILITY")
MAX_PHRASES = 5


def default_model_dir() -> Path:
    """The packaged copy (wheel installs), else the source checkout's models/."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "models"
    return packaged if (packaged / MODEL_FILE).exists() else here.parent / "models"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Phrase:
    """A span of the template that pushed the score, with its weight in log-odds."""

    text: str
    pointer: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True, slots=True)
class Prediction:
    probabilities: dict[str, float]
    predicted: str
    marketing_phrases: tuple[Phrase, ...]  # what pushed towards MARKETING
    utility_phrases: tuple[Phrase, ...]  # what pushed towards UTILITY

    @property
    def marketing(self) -> float:
        return self.probabilities["MARKETING"]


class Classifier:
    """The fitted pipeline plus what scoring needs: threshold, labels, lemma tables."""

    def __init__(self, artefact: dict[str, Any]) -> None:
        self.model: LinearTextModel = artefact["model"]
        self.threshold: float = artefact["threshold"]
        self.version: str = artefact["version"]
        self.labels: tuple[str, ...] = self.model.labels
        marketing, utility = self.labels.index("MARKETING"), self.labels.index("UTILITY")
        width = len(self.model.words.columns)
        # Log-odds of MARKETING against UTILITY, per word feature: the question CA001 asks.
        self._weights = self.model.coef[marketing, :width] - self.model.coef[utility, :width]

    def predict(self, templates: Sequence[Template], *, explain: bool = False) -> list[Prediction]:
        """Probabilities for each template; with ``explain``, the phrases behind them too
        (explaining costs as much as scoring: rules ask only for templates they flag)."""
        if not templates:
            return []
        probabilities = self.model.predict_proba([features.text_document(t) for t in templates])
        results = []
        for template, row in zip(templates, probabilities, strict=True):
            probs = {label: float(p) for label, p in zip(self.labels, row, strict=True)}
            phrases = self.explain(template) if explain else ((), ())
            results.append(Prediction(probs, self.decide(probs), *phrases))
        return results

    def explain(self, template: Template) -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
        """The phrases that pushed towards MARKETING, and those that pushed towards UTILITY."""
        return self._phrases(*features.document(template))

    def decide(self, probabilities: dict[str, float]) -> str:
        """MARKETING at or above the threshold; otherwise the likelier of the other two."""
        if probabilities["MARKETING"] >= self.threshold:
            return "MARKETING"
        return max(("UTILITY", "AUTHENTICATION"), key=lambda label: probabilities[label])

    def _phrases(self, doc: features.Document, normalised: Normalised,
                 segments: list[Segment]) -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
        columns = self.model.words.columns
        contribution = {gram: value * self._weights[columns[gram]]
                        for gram, value in self.model.word_weights(doc).items()}
        tokens = self.model.analyser.lemmatiser.tokens(doc)
        spans: list[tuple[float, int, int]] = []
        for i, token in enumerate(tokens):
            grams = [(token.feature, token.start, token.end)] if token.unigram else []
            if i + 1 < len(tokens):
                after = tokens[i + 1]
                grams.append((f"{token.feature} {after.feature}", token.start, after.end))
            spans += [(contribution[gram], start, end) for gram, start, end in grams if gram in contribution]
        positive = _pick(sorted(spans, reverse=True), normalised, segments, sign=1)
        negative = _pick(sorted(spans), normalised, segments, sign=-1)
        return positive, negative


def _pick(ranked: list[tuple[float, int, int]], normalised: Normalised, segments: list[Segment],
          sign: int) -> tuple[Phrase, ...]:
    chosen: list[Phrase] = []
    taken: list[tuple[int, int]] = []
    for weight, start, end in ranked:
        if weight * sign <= 0 or len(chosen) == MAX_PHRASES:
            break
        original = normalised.original_span(start, end)
        if any(original[0] < e and s < original[1] for s, e in taken):
            continue
        phrase = _locate(original, weight, segments)
        if phrase:
            chosen.append(phrase)
            taken.append(original)
    return tuple(chosen)


def _locate(span: tuple[int, int], weight: float, segments: list[Segment]) -> Phrase | None:
    for segment in segments:
        end_of_field = segment.start + len(segment.field.text)
        if segment.start <= span[0] < end_of_field:
            start, end = span[0] - segment.start, min(span[1], end_of_field) - segment.start
            text = segment.field.text[start:end]
            return Phrase(text, segment.field.pointer, start, end, round(weight, 4))
    return None


def load(model_dir: Path | None = None, *, trusted: bool = False) -> Classifier:
    """Load a model directory; anything but the bundled, hash-pinned file needs ``trusted``.

    A model is immutable once loaded, so one process loads each file once."""
    return _load((model_dir or default_model_dir()).resolve(), trusted)


@lru_cache(maxsize=4)
def _load(directory: Path, trusted: bool) -> Classifier:
    import joblib

    path = directory / MODEL_FILE if directory.is_dir() else directory
    if not path.is_file():
        raise ModelError(f"{path}: no model file (run 'wtlint train')")
    digest = sha256(path)
    if not trusted and digest != pinned.MODEL_SHA256:
        raise ModelError(f"{path}: sha256 {digest[:12]}... is not the bundled model's; refusing to "
                         "unpickle it (pass --trust-model if you made it yourself)")
    try:
        return Classifier(joblib.load(path))
    except Exception as error:  # a trusted file of one's own may fail in any way
        raise ModelError(f"{path}: not a model made by 'wtlint train' ({type(error).__name__}: {error})") \
            from error


def metadata(model_dir: Path | None = None) -> dict[str, Any]:
    directory = model_dir or default_model_dir()
    return json.loads((directory / META_FILE).read_text(encoding="utf-8"))
