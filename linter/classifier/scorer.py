"""What rules see of the classifier: a lazily loaded model that scores templates in batches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from linter.template import Template

if TYPE_CHECKING:  # importing the model module costs nothing, but keep rules free of it
    from linter.classifier.model import Classifier, Prediction


class Scorer:
    """Loads the model on first use (so a run without CA rules never imports scikit-learn)
    and keeps the predictions of the batch being linted."""

    def __init__(self, model_dir: Path | None = None, *, trusted: bool = False) -> None:
        self.model_dir = model_dir
        self.trusted = trusted
        self._batch: dict[int, tuple[Template, Prediction]] = {}

    @cached_property
    def classifier(self) -> Classifier:
        from linter.classifier.model import load

        return load(self.model_dir, trusted=self.trusted)

    def prepare(self, templates: Sequence[Template]) -> None:
        """Score a batch at once: vectorising many texts together is much faster."""
        predictions = self.classifier.predict(templates)
        self._batch = {id(t): (t, p) for t, p in zip(templates, predictions, strict=True)}

    def predict(self, template: Template) -> Prediction:
        """The template's probabilities (from the prepared batch when it is in it)."""
        cached = self._batch.get(id(template))
        if cached is not None and cached[0] is template:
            return cached[1]
        return self.classifier.predict([template])[0]

    def explained(self, template: Template) -> Prediction:
        """The prediction with the phrases that drove it."""
        prediction = self.predict(template)
        if prediction.marketing_phrases or prediction.utility_phrases:
            return prediction
        marketing, utility = self.classifier.explain(template)
        return replace(prediction, marketing_phrases=marketing, utility_phrases=utility)
