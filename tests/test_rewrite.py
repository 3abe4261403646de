"""The rewording engine: what it keeps, drops, renumbers, and when it advises MARKETING."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from linter import shapes
from linter.classifier.scorer import Scorer
from linter.config import Config
from linter.placeholders import parse
from linter.rewrite import Reader, rewrite, template_of
from linter.suggest import Suggester

CASES = tomllib.loads((Path(__file__).parent / "rewrite" / "cases.toml").read_text(encoding="utf-8"))["case"]


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    return Suggester(Config(), Scorer())


def utility(body: str, examples: list[str], language: str = "en_US", **parts: Any) -> dict[str, Any]:
    components: list[dict[str, Any]] = []
    if "header" in parts:
        components.append({"type": "HEADER", "format": "TEXT", "text": parts["header"]})
    components.append({"type": "BODY", "text": body, "example": {"body_text": [examples]}})
    if "footer" in parts:
        components.append({"type": "FOOTER", "text": parts["footer"]})
    if "buttons" in parts:
        components.append({"type": "BUTTONS", "buttons": parts["buttons"]})
    return {"name": "order_update", "language": language, "category": "UTILITY", "components": components}


def run(suggester: Suggester, create: dict[str, Any]):
    return rewrite(create, suggester.score, suggester.threshold)


def body_of(create: dict[str, Any]) -> str:
    return shapes.component(create, "BODY")["text"]


def errors(suggester: Suggester, create: dict[str, Any]) -> list[str]:
    return [p.code for p in suggester.checker.lint(template_of(create)) if p.severity.value == "error"]


@pytest.mark.parametrize("case", CASES, ids=[c["language"] for c in CASES])
def test_rewrite_in_every_language_keeps_the_transaction_and_drops_the_offer(suggester, case) -> None:
    result = run(suggester, utility(case["body"], case["examples"], case["language"]))
    assert result.action == "reword", result.reason
    text = body_of(result.rewritten)
    assert case["gone"] not in text
    assert list(result.kept_examples) == case["keep"]
    assert result.probability_after < min(suggester.threshold, result.probability_before)
    assert errors(suggester, result.rewritten) == []
    numbers = [p.number for p in parse(text).placeholders]
    assert sorted(set(numbers)) == list(range(1, len(case["keep"]) + 1))
    assert shapes.component(result.rewritten, "BODY")["example"]["body_text"] == [case["keep"]]


def test_placeholders_are_renumbered_with_their_examples(suggester) -> None:
    create = utility("Use code {{1}} for 20% off your next order! Hi {{2}}, your order {{3}} ships on {{4}}.",
                     ["SAVE20", "Ana", "ORD-1", "Monday"])
    result = run(suggester, create)
    assert result.action == "reword"
    assert body_of(result.rewritten).startswith("Hi {{1}}, your order {{2}} ships on {{3}}.")
    assert result.kept_examples == ("Ana", "ORD-1", "Monday")
    assert result.dropped_examples == ("SAVE20",)
    assert any(change.action == "renumbered" for change in result.changes)


def test_promotional_header_footer_and_buttons_go_a_personal_link_is_relabelled(suggester) -> None:
    create = utility("Hi {{1}}, your order {{2}} has shipped and arrives on {{3}}. Shop our new collection today!",
                     ["Ana", "ORD-1", "Monday"], header="Summer sale: 50% off everything",
                     footer="Shop now at acme.example",
                     buttons=[{"type": "URL", "text": "Shop now", "url": "https://acme.example/o/{{1}}",
                               "example": ["https://acme.example/o/ORD-1"]},
                              {"type": "URL", "text": "Shop the sale", "url": "https://acme.example/sale"},
                              {"type": "COPY_CODE", "example": "SAVE20"}])
    result = run(suggester, create)
    assert result.action == "reword"
    rewritten = result.rewritten
    assert shapes.component(rewritten, "HEADER") is None
    assert shapes.component(rewritten, "FOOTER") is None
    buttons = shapes.component(rewritten, "BUTTONS")["buttons"]
    assert [b["url"] for b in buttons] == ["https://acme.example/o/{{1}}"]
    assert buttons[0]["text"] != "Shop now"
    assert {c.part for c in result.changes} >= {"header", "footer", "buttons/1", "buttons/2"}


def test_hype_and_urgency_are_toned_down_not_removed_with_the_facts(suggester) -> None:
    create = utility("Amazing news, {{1}}!!! Your order {{2}} is ready for pickup at {{3}}. Hurry, "
                     "get 30% off your next order with code {{4}}!", ["Ana", "ORD-1", "Main Street", "X30"])
    result = run(suggester, create)
    text = body_of(result.rewritten)
    assert "!" not in text and "Amazing" not in text and "30%" not in text
    assert "Your order {{2}} is ready for pickup at {{3}}" in text


def test_a_body_that_would_end_with_a_placeholder_gets_a_sign_off(suggester) -> None:
    create = utility("Hi {{1}}, your parcel arrives on {{2}}. Use code {{3}} for 20% off your next order.",
                     ["Ana", "Monday", "X20"])
    result = run(suggester, create)
    assert result.action == "reword"
    assert not body_of(result.rewritten).rstrip(".").endswith("}}")
    assert errors(suggester, result.rewritten) == []


def test_promotional_through_and_through_is_advised_as_marketing(suggester) -> None:
    create = utility("Big summer sale! Get 50% off everything with code {{1}}. Shop now before it ends!",
                     ["SUMMER50"])
    result = run(suggester, create)
    assert result.action == "recategorise"
    assert "MARKETING" in result.reason and result.rewritten is None


@pytest.mark.parametrize(("category", "body"), [
    ("MARKETING", "Get 50% off with code {{1}}!"),
    ("UTILITY", "Hi {{1}}, your appointment is confirmed for {{2}}. Reply to this message to reschedule."),
])
def test_nothing_to_do(suggester, category: str, body: str) -> None:
    create = utility(body, ["A", "B"][: len(parse(body).placeholders)])
    create["category"] = category
    assert run(suggester, create).action == "none"


def test_rewrite_is_deterministic_and_leaves_its_input_alone(suggester) -> None:
    create = utility(CASES[0]["body"], CASES[0]["examples"])
    before = copy.deepcopy(create)
    first, second = run(suggester, create), run(suggester, create)
    assert first == second
    assert create == before


def test_named_placeholders_keep_only_their_examples(suggester) -> None:
    create = {"name": "n", "language": "en_US", "category": "UTILITY", "parameter_format": "NAMED",
              "components": [{"type": "BODY", "text": "Hi {{first_name}}, your order {{order_id}} has shipped. "
                              "Use code {{promo}} for 20% off your next order!",
                              "example": {"body_text_named_params": [
                                  {"param_name": "first_name", "example": "Ana"},
                                  {"param_name": "order_id", "example": "ORD-1"},
                                  {"param_name": "promo", "example": "X20"}]}}]}
    result = run(suggester, create)
    params = shapes.component(result.rewritten, "BODY")["example"]["body_text_named_params"]
    assert [p["param_name"] for p in params] == ["first_name", "order_id"]


def test_sentences_ending_in_a_placeholder_still_split() -> None:
    assert Reader("en_US").sentences("Paid: {{4}}. Thanks {{1}}!") == ["Paid: {{4}}. ", "Thanks {{1}}!"]


def test_legacy_braces_keep_their_examples_in_place(suggester) -> None:
    create = utility("Hi {1}, track order {3} with number {2}. Use code {4} for 20% off your next order!",
                     ["Ana", "ORD-1", "https://t.example/x", "X20"])
    result = run(suggester, create)
    assert result.action == "reword"
    assert body_of(result.rewritten).startswith("Hi {1}, track order {3} with number {2}.")
    assert shapes.component(result.rewritten, "BODY")["example"]["body_text"] == [
        ["Ana", "ORD-1", "https://t.example/x", "X20"]]


def test_exclamation_marks_alone_do_not_call_for_a_rewording(suggester) -> None:
    create = utility("Hi {{1}}, thanks for your order! We will tell you when order {{2}} ships. Have a nice day!",
                     ["Ana", "ORD-1"])
    assert run(suggester, create).action == "none"


def test_errors_the_original_already_had_are_told_apart(suggester, tmp_path) -> None:
    from linter import loader

    path = tmp_path / "t.json"
    path.write_text('{"name": "Bad-Name", "language": "en_US", "category": "UTILITY", "body": '
                    '"Hi {{1}}, your order {{2}} has shipped. Use code {{3}} for 20% off your next order!", '
                    '"examples": ["Ana", "ORD-1", "X20"]}')
    [template] = list(loader.read(str(path)))
    advice = suggester.advise(template)
    assert advice.action == "reword"
    assert [e.split()[0] for e in advice.rule_errors] == ["NM001"]
    assert advice.new_rule_errors == ()


def test_ca001_findings_carry_the_rewording() -> None:
    from tests.conftest import lint, make_raw

    raw = make_raw(body="Hi {{1}}, your order {{2}} has shipped. Use code {{3}} for 20% off your next order! "
                        "Shop our new summer collection today!", examples=["Ana", "ORD-1", "X20"])
    [finding] = lint(raw, "CA001")
    rewording = finding.details["rewording"]
    assert rewording["body"].startswith("Hi {{1}}, your order {{2}} has shipped.")
    assert "20% off" not in rewording["body"] and rewording["probability_after"] < finding.details["threshold"]
    assert finding.suggestion.title.startswith('reword it as "Hi {{1}}, your order {{2}} has shipped.')
    [plain] = lint(raw, "CA001", options={"reword": False})
    assert "rewording" not in plain.details and plain.suggestion.edits[0].replacement == "MARKETING"


def test_the_classifiers_phrases_cut_a_clause_out_of_a_sentence_that_must_stay() -> None:
    def score(templates):
        return [{"MARKETING": 0.9 if "zorblax" in t.body.text else 0.1, "UTILITY": 0.1, "AUTHENTICATION": 0.0}
                for t in templates]

    create = utility("Your order {{1}} has shipped, zorblax awaits you at checkout.", ["ORD-1"])
    assert rewrite(create, score, 0.5).action == "recategorise"  # without the phrases, no way out
    result = rewrite(create, score, 0.5, explain=lambda template: ["zorblax"])
    assert result.action == "reword"
    assert body_of(result.rewritten).startswith("Your order {{1}} has shipped.")
    assert [c.text for c in result.changes if c.action == "removed"] == ["zorblax awaits you at checkout."]
