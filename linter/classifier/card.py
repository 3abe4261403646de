"""The model card (models/README.md), written by `wtlint train` from the metadata.

The section between the REAL-EVAL markers is written by `bench/classifier_eval.py` (it
evaluates on real templates the project may not train on) and is kept when retraining.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linter.classifier.report import HEADER, _row

BEGIN, END = "<!-- REAL-EVAL:BEGIN -->", "<!-- REAL-EVAL:END -->"


def kept_real_eval(card: Path) -> str:
    if not card.exists():
        return f"{BEGIN}\nNot measured yet: run `python bench/classifier_eval.py`.\n{END}"
    text = card.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        return text[text.index(BEGIN):text.index(END) + len(END)]
    return f"{BEGIN}\n{END}"


def render(meta: dict[str, Any], real_eval: str) -> str:
    counts = meta["counts"]
    test = meta["metrics"]["test"]
    per_class = "\n".join(f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"
                          for label, m in test["overall"]["per_class"].items())
    languages = "\n".join(_row(language, m) for language, m in test["by_language"].items())
    libraries = ", ".join(f"{k} {v}" for k, v in meta["libraries"].items())
    return f"""# Model card: wtlint template classifier

Model `{meta['model_version']}`, built {meta['created_at']} by `wtlint train` from `data/`
(sha256 of the data `{meta['data_sha256'][:16]}...`, of the model file `{meta['sha256'][:16]}...`,
pinned in `linter/classifier/pinned.py`). Libraries: {libraries}.

## Intended use
Predicts whether Meta will treat a WhatsApp message template as MARKETING, UTILITY or
AUTHENTICATION, so that wtlint can warn (CA001) when a template declared UTILITY or
AUTHENTICATION reads as marketing, and (CA003) when a MARKETING template reads as utility. It
is a pre-submission warning with an explanation, not a substitute for Meta's review; its
probability is calibrated on this project's data, not on Meta's decisions.

Out of scope: moderation of message content in general, languages outside the ten trained ones
(they get character features only and much weaker predictions), templates whose meaning sits
in their media header.

## Data
{sum(counts['by_label'].values())} templates written for this project (see `data/README.md`):
{', '.join(f'{k} {v}' for k, v in sorted(counts['by_label'].items()))}; languages
{', '.join(f'{k} {v}' for k, v in counts['by_language'].items())}; {counts['industries']} industries,
{counts['families']} families. Split by family (paraphrases stay on one side): train
{counts['by_split']['train']}, validation {counts['by_split']['validation']}, test {counts['by_split']['test']}.

## Method
Text = header, body, footer and button labels. Placeholders, URLs, money, percentages and numbers
become tokens (`xxph`, `xxurl`, `xxmoney`, `xxpct`, `xxnum`). A blank spaCy pipeline of the
template's language tokenises; lookup lemmas from spacy-lookups-data (en, es, pt, id, de, fr, it,
nl; the entries the vocabulary needs ship inside the model, so nothing is downloaded or loaded
at run time). Features: TF-IDF of lemma unigrams (content words only) and bigrams, and of
character 2-5-grams of the letters (punctuation, emoji and digits are style, not intent).
Classifier: multinomial logistic regression, probabilities calibrated with sigmoid scaling on
family-grouped folds, fixed seed ({meta['seed']}). Explanations: each word feature's weight
(MARKETING vs UTILITY log-odds) times its value, mapped back to the span of the original text.

Decision threshold for CA001: MARKETING probability >= **{meta['threshold']:.3f}**, the lowest
value that flags at most 5% of the validation split's UTILITY templates.

## Metrics on the held-out test split (this project's data)
```
{HEADER}
{_row('overall', test['overall'])}
{languages}
```

| class | precision | recall | F1 | n |
|---|---|---|---|---|
{per_class}

These numbers are optimistic: the test split is written by the same people in the same way as
the training data. The real-template evaluation below is the one to trust.
{_challenge(meta['metrics'].get('challenge'))}
## Evaluation on real templates written by others
{real_eval}

## Known weaknesses
- Trained only on templates written for this project; real templates are messier, and the
  threshold chosen on our validation data flags more real UTILITY templates than 5%.
- Meta's line between UTILITY and MARKETING moves; relationship messages, generic feedback
  requests and cold outreach need intent, which n-grams see only through wording.
- Languages other than the ten trained ones, romanised scripts and heavy code-switching get
  weaker predictions. Media-only templates are judged on their text alone.
- Word n-grams carry the corpus's habits: German formal openings ("Guten Tag Frau Klein, Ihr ...")
  weigh towards MARKETING, so a short, formal German utility message can be flagged.
- One promotional sentence in a long utility message is the commonest miss; wave 4's pairs
  narrowed it. Scoring each sentence too and stacking the scores gained another 0.02 recall on
  validation at half the speed, and is not shipped.

## How to retrain
`wtlint train` (reads `data/corpus/*.jsonl`, measures on `data/challenge/` too, writes this
folder and the pinned hash); the same data and library versions give the same file. Then
`python bench/classifier_eval.py` to refresh the real-template section.

With labelled templates of your own (best: Meta's decisions on them), `wtlint train --data DIR
--out MODEL_DIR` trains on `DIR/corpus/*.jsonl` (or `DIR/*.jsonl`) in the record format of
`data/README.md`, and `wtlint check --model MODEL_DIR --trust-model` uses the result.
"""


def _challenge(metrics: dict[str, Any] | None) -> str:
    if metrics is None:
        return ""
    languages = "\n".join(_row(language, m) for language, m in metrics["by_language"].items())
    return f"""
## Metrics on templates by other writers (`data/challenge/`, never trained on)
```
{HEADER}
{_row('overall', metrics['overall'])}
{languages}
```
Written to imitate real businesses by writers who never read the corpus; as easy for the model
as its own test split, so written text cannot stand in for real templates (below).
"""


def write(meta: dict[str, Any], out_dir: Path) -> None:
    card = out_dir / "README.md"
    card.write_text(render(meta, kept_real_eval(card)), encoding="utf-8")
