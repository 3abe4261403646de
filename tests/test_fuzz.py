"""Property-based tests: any input gives templates and findings or clean input errors."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.config import Config
from linter.engine import Linter
from linter.loader import InputError, read_bytes
from linter.placeholders import parse
from linter.template import Template

SUFFIXES = ["", ".json", ".jsonl", ".yaml", ".csv"]
STRUCTURAL = Linter(Config(ignore=("CA", "CT")))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["name", "language", "category", "body", "components", "type", "text", "format",
                         "buttons", "example", "header", "footer", "examples", "url", "phone_number",
                         "data", "otp_type", "supported_apps"]), children, max_size=6),
    max_leaves=25)


_texts = st.text(alphabet=st.sampled_from("ab {}12!.,\n*%€ؤ"), max_size=40) | st.sampled_from(
    ["Hi {{1}}, your order {{2}} shipped.", "Use code {{1}} for 20% off your next order!", "{{1}}", "Shop now"])
_component = st.fixed_dictionaries(
    {"type": st.sampled_from(["HEADER", "BODY", "FOOTER", "BUTTONS", "body"])},
    optional={"text": _texts, "format": st.sampled_from(["TEXT", "IMAGE", "x"]),
              "example": json_values, "buttons": st.lists(
                  st.fixed_dictionaries({"type": st.sampled_from(["URL", "QUICK_REPLY", "COPY_CODE", "PHONE_NUMBER"])},
                                        optional={"text": _texts, "url": _texts, "example": json_values}),
                  max_size=3)})
template_values = st.fixed_dictionaries(
    {"category": st.sampled_from(["UTILITY", "MARKETING", "AUTHENTICATION", "TRANSACTIONAL"])},
    optional={"name": _texts, "language": st.sampled_from(["en_US", "ar", "de", "xx", "hi"]),
              "components": st.lists(_component, max_size=4), "body": _texts, "examples": json_values,
              "footer": _texts, "buttons": st.lists(_texts | json_values, max_size=3)})


def _lint_all(data: bytes, suffix: str) -> None:
    for item in read_bytes(data, "fuzz" + suffix, suffix):
        if isinstance(item, InputError):
            assert item.message and "\n" not in item.message
        else:
            assert isinstance(item, Template)
            for problem in STRUCTURAL.lint(item):
                assert problem.position.line >= 1 and problem.position.column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(SUFFIXES))
def test_any_bytes_give_templates_or_clean_errors(data: bytes, suffix: str) -> None:
    _lint_all(data, suffix)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values | template_values, st.sampled_from([".json", ".jsonl", ""]))
def test_any_json_shape_gives_templates_or_clean_errors(value: object, suffix: str) -> None:
    _lint_all(json.dumps(value).encode(), suffix)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("{}[]%#$ 1a_\n"), max_size=60))
def test_placeholder_spans_are_inside_the_text_and_never_overlap(text: str) -> None:
    parsed = parse(text)
    spans = sorted([(p.start, p.end) for p in parsed.placeholders] + [(m.start, m.end) for m in parsed.malformed])
    for (start, end), following in zip(spans, spans[1:] + [(len(text), len(text))]):
        assert 0 <= start < end <= following[0]
        assert text[start:end]


@pytest.mark.parametrize("body", ["{" * 1_000_000, "\n \t" * 330_000, "\\n" * 500_000, "*a " * 330_000,
                                  "[1" * 500_000, "🎉a" * 300_000])
def test_one_megabyte_of_adversarial_text_is_linted_in_linear_time(body: str) -> None:
    from tests.conftest import make_raw, make_template

    started = time.perf_counter()
    problems = STRUCTURAL.lint(make_template(make_raw(body=body, examples=[])))
    # Linear work takes a few seconds; a quadratic pattern or position lookup takes minutes.
    assert time.perf_counter() - started < 60
    assert len(problems) <= 200  # rules stop after 100 findings of one kind per template


def _fuzz_target() -> Any:
    """fuzz/fuzz_readers.py, loaded from its path: fuzz/ is not a package."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[1] / "fuzz" / "fuzz_readers.py"
    spec = importlib.util.spec_from_file_location("fuzz_readers", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fuzz_target_passes_its_seed_corpus_and_random_bytes_without_atheris() -> None:
    import random
    from pathlib import Path

    target = _fuzz_target()
    seeds = sorted((Path(__file__).parents[1] / "fuzz" / "corpus").iterdir())
    assert len(seeds) >= 8
    for seed in seeds:
        target.check(seed.read_bytes())
    rng = random.Random(6)
    for _ in range(300):
        seed = rng.choice(seeds).read_bytes()
        cut = rng.randrange(len(seed))
        target.check(seed[:cut] + rng.randbytes(rng.randrange(8)) + seed[cut + rng.randrange(4):])
        target.check(rng.randbytes(rng.randrange(200)))


def _templates_in(data: bytes, suffix: str) -> list[Template]:
    return [t for t in read_bytes(data, "fuzz" + suffix, suffix) if isinstance(t, Template)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values | template_values, st.sampled_from([".json", ".jsonl", ".yaml"]))
def test_safe_fixes_never_crash_and_leave_the_file_readable(value: object, suffix: str) -> None:
    import yaml

    from linter.fixes import fix_bytes

    data = (yaml.safe_dump(value, allow_unicode=True) if suffix == ".yaml" else json.dumps(value)).encode()
    text = fix_bytes(data, "fuzz" + suffix, STRUCTURAL).text()
    if text is not None:
        assert len(_templates_in(text.encode(), suffix)) == len(_templates_in(data, suffix))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(template_values)
def test_rewording_never_crashes_on_any_shape(value: object) -> None:
    from linter import shapes, writer
    from linter.rewrite import rewrite

    def score(templates: list[Template]) -> list[dict[str, float]]:
        return [{"MARKETING": 0.9, "UTILITY": 0.1, "AUTHENTICATION": 0.0} for _ in templates]

    for template in _templates_in(json.dumps(value).encode(), ".json"):
        outcome = rewrite(shapes.to_create_shape(writer.raw_of(template)), score, 0.5)
        assert outcome.action in ("reword", "recategorise", "none")


@pytest.mark.parametrize("text", ['["' + "\\\"" * 300_000 + '"]', "[" * 200_000 + "]" * 200_000,
                                  "{" + ",".join(f'"k{i}": [{i}, "v"]' for i in range(60_000)) + "}",
                                  '"' + "\\u00e9" * 170_000 + '"'])
def test_the_json_source_map_is_linear_on_a_megabyte(text: str) -> None:
    from linter.jsonmap import source_map

    started = time.perf_counter()
    entries = source_map(text)
    assert time.perf_counter() - started < 30
    assert ("" in entries) is (not text.startswith("[["))  # too deep to place: no positions, no error


@pytest.mark.parametrize("text", ["{{" * 500_000, "1" * 1_000_000, "$ 1," * 250_000, "R$" * 500_000,
                                  "https://" * 125_000, "9 %" * 330_000])
def test_the_classifier_normaliser_is_linear_on_a_megabyte(text: str) -> None:
    from linter.classifier import features

    started = time.perf_counter()
    normalised = features.normalise(text)
    assert time.perf_counter() - started < 30
    assert len(normalised.starts) == len(normalised.text)
