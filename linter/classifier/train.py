"""`wtlint train`: rebuild the model from data/, reproducibly, and write models/.

Steps: read the corpus; split it by template family (paraphrases never straddle the split);
fit TF-IDF word and character n-grams with a logistic regression, calibrated with sigmoid
scaling on family-grouped folds; choose the MARKETING threshold on the validation split so that
at most 5% of UTILITY templates are flagged; measure on the test split; write the joblib file,
its metadata, the model card and the pinned hash.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from linter.classifier import card, features, linear
from linter.classifier.evaluate import MAX_UTILITY_FLAGGED, label_of, metrics
from linter.classifier.model import META_FILE, MODEL_FILE, Classifier, sha256
from linter.sources import JsonSource
from linter.template import Template, parse_template

SEED = 20250401
SPLITS = {"train": range(80), "validation": range(80, 90), "test": range(90, 100)}
CALIBRATION_FOLDS = 5


@dataclass(frozen=True)
class Example:
    template: Template
    label: str
    family: str
    language: str
    industry: str

    @property
    def split(self) -> str:
        bucket = int(hashlib.sha256(self.family.encode()).hexdigest(), 16) % 100
        return next(name for name, buckets in SPLITS.items() if bucket in buckets)


def read_corpus(paths: Iterable[Path]) -> list[Example]:
    examples = []
    for path in sorted(paths):
        source = JsonSource(str(path), "")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            row = json.loads(line)
            template = parse_template(row, source, f"/{number}", number)
            label = label_of(template)
            if label is None:
                raise ValueError(f"{path}:{number + 1}: no valid category")
            examples.append(Example(template, label, row.get("family") or row.get("id") or str(number),
                                    template.language or "", row.get("industry", "")))
    return examples


def data_hash(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def lemma_tables(documents: Sequence[features.Document]) -> dict[str, dict[str, str]]:
    """From spacy-lookups-data, the lemma entries this corpus's vocabulary needs: every form
    seen in training, and every other form of the same lemmas (so unseen inflections match)."""
    plain = features.Lemmatiser({})
    seen: dict[str, set[str]] = defaultdict(set)
    for language, text in documents:
        if language in features.LEMMA_LANGUAGES:
            seen[language].update(token.feature for token in plain.tokens((language, text)))
    tables = {}
    for language, forms in sorted(seen.items()):
        table = features.full_lemma_table(language)
        lemmas = {table[form] for form in forms if form in table} | forms
        tables[language] = {form: lemma for form, lemma in sorted(table.items()) if lemma in lemmas}
    return tables


def build_pipeline(lemmatiser: features.Lemmatiser, regularisation: float = 8.0) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    words = TfidfVectorizer(analyzer=features.WordNgrams(lemmatiser), sublinear_tf=True, min_df=2)
    chars = TfidfVectorizer(analyzer="char_wb", preprocessor=features.char_text, ngram_range=(2, 5),
                            sublinear_tf=True, min_df=3, max_features=150_000, dtype=np.float32)
    return Pipeline([
        ("features", FeatureUnion([("words", words), ("chars", chars)])),
        ("classifier", LogisticRegression(C=regularisation, max_iter=3000, random_state=SEED)),
    ])


def group_folds(families: Sequence[str], folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Deterministic folds that keep each family on one side."""
    assignment = np.array([int(hashlib.sha256(f"{SEED}:{f}".encode()).hexdigest(), 16) % folds
                           for f in families])
    return [(np.flatnonzero(assignment != k), np.flatnonzero(assignment == k)) for k in range(folds)]


def fit(examples: Sequence[Example], lemmatiser: features.Lemmatiser) -> Any:
    from sklearn.calibration import CalibratedClassifierCV

    docs = [features.document(e.template)[0] for e in examples]
    labels = [e.label for e in examples]
    model = CalibratedClassifierCV(build_pipeline(lemmatiser), method="sigmoid", ensemble=False,
                                   cv=group_folds([e.family for e in examples], CALIBRATION_FOLDS))
    return model.fit(docs, labels)


def choose_threshold(classifier: Classifier, validation: Sequence[Example]) -> float:
    """The lowest MARKETING probability that flags at most 5% of validation UTILITY templates."""
    utility = [e.template for e in validation if e.label == "UTILITY"]
    scores = np.sort([p.marketing for p in classifier.predict(utility, explain=False)])[::-1]
    allowed = int(np.floor(MAX_UTILITY_FLAGGED * len(scores)))
    return float(np.nextafter(scores[allowed], 1.0)) if allowed < len(scores) else 0.5


def library_versions() -> dict[str, str]:
    import joblib
    import sklearn
    import spacy
    import spacy_lookups_data

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "spacy": spacy.__version__, "spacy-lookups-data": spacy_lookups_data.__version__,
            "numpy": np.__version__, "joblib": joblib.__version__}


def train(data_dir: Path, out_dir: Path, *, pin_file: Path | None = None,
          progress: Callable[[str], None] = lambda message: None) -> dict[str, Any]:
    """Fit, measure and write the artefacts; returns the metadata written."""
    import joblib

    paths = sorted((data_dir / "corpus").glob("*.jsonl")) if (data_dir / "corpus").is_dir() \
        else sorted(data_dir.glob("*.jsonl"))
    if not paths:
        raise FileNotFoundError(f"{data_dir}: no *.jsonl corpus files")
    examples = read_corpus(paths)
    by_split = {name: [e for e in examples if e.split == name] for name in SPLITS}
    progress(f"{len(examples)} templates: " + ", ".join(f"{k} {len(v)}" for k, v in by_split.items()))
    lemmatiser = features.Lemmatiser(lemma_tables([features.document(e.template)[0] for e in by_split["train"]]))
    progress("fitting")
    artefact = {"model": linear.export(fit(by_split["train"], lemmatiser)), "threshold": 0.5,
                "version": data_hash(paths)[:12]}
    classifier = Classifier(artefact)
    artefact["threshold"] = classifier.threshold = choose_threshold(classifier, by_split["validation"])
    progress(f"threshold {classifier.threshold:.4f}; measuring")
    evaluation = {name: _measure(classifier, by_split[name]) for name in ("validation", "test")}
    challenge = sorted((data_dir / "challenge").glob("*.jsonl"))
    if challenge:  # templates by other writers, never trained on (data/challenge/README.md)
        evaluation["challenge"] = _measure(classifier, read_corpus(challenge))
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / MODEL_FILE
    joblib.dump(artefact, model_path)  # uncompressed: a cold start spends no time inflating it
    meta = {
        "schema_version": 1,
        "model_version": artefact["version"],
        "created_at": datetime.now(UTC).strftime("%Y-%m-%d"),
        "sha256": sha256(model_path),
        "data_sha256": data_hash(paths),
        "data_files": [p.name for p in paths],
        "labels": list(classifier.labels),
        "threshold": classifier.threshold,
        "seed": SEED,
        "libraries": library_versions(),
        "counts": _counts(examples, by_split),
        "metrics": evaluation,
    }
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    card.write(meta, out_dir)
    if pin_file is not None:
        pin_file.write_text('"""The sha256 of the bundled model file; `wtlint train` rewrites this file."""\n\n'
                            f'MODEL_SHA256 = "{meta["sha256"]}"\n', encoding="utf-8")
    return meta


def _measure(classifier: Classifier, examples: Sequence[Example]) -> dict[str, Any]:
    predictions = classifier.predict([e.template for e in examples], explain=False)
    labels = [e.label for e in examples]
    result = {"overall": metrics(labels, predictions, classifier.threshold), "by_language": {}}
    languages = sorted({features.spacy_language(e.language) for e in examples})
    for language in languages:
        rows = [i for i, e in enumerate(examples) if features.spacy_language(e.language) == language]
        result["by_language"][language] = metrics([labels[i] for i in rows], [predictions[i] for i in rows],
                                                  classifier.threshold)
    return result


def _counts(examples: Sequence[Example], by_split: dict[str, list[Example]]) -> dict[str, Any]:
    return {
        "by_label": dict(Counter(e.label for e in examples)),
        "by_language": dict(sorted(Counter(features.spacy_language(e.language) for e in examples).items())),
        "by_split": {name: len(rows) for name, rows in by_split.items()},
        "industries": len({e.industry for e in examples}),
        "families": len({e.family for e in examples}),
    }
