"""The web service without HTTP: the form as a template, spans, the report, rules and rewording."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from linter.classifier.scorer import Scorer
from linter.config import Config
from linter.engine import Linter
from linter.formatters import json_end, problem_dict
from linter.rules import ALL_RULES
from linter.run import lint_paths
from linter.sources import JsonSource
from linter.template import parse_template
from linter.web import is_loopback, pages, service

EXAMPLES = Path(__file__).parents[2] / "examples"
CONFIG = Config()

FORM = {
    "name": "order_update",
    "language": "en_US",
    "category": "UTILITY",
    "header": "Order {{1}}",
    "header_example": "A-1029",
    "body": "Hi {{1}}, your order {{2}} has shipped and should arrive within three days.",
    "examples": ["Ana", "A-1029"],
    "footer": "Reply STOP to opt out",
    "buttons": [
        {"type": "URL", "text": "Track order", "url": "https://shop.example/track/{{1}}",
         "phone_number": "", "example": "A-1029"},
        {"type": "PHONE_NUMBER", "text": "Call us", "url": "", "phone_number": "+442079460000", "example": ""},
        {"type": "QUICK_REPLY", "text": "Stop updates", "url": "", "phone_number": "", "example": ""},
    ],
}


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def test_form_template_is_the_flat_shape_without_empty_fields() -> None:
    raw = service.form_template({"name": "", "body": "Hi", "footer": "", "examples": [],
                                 "buttons": [{"type": "copy_code", "text": "ignored", "example": "X1"}]})
    assert raw == {"body": "Hi", "buttons": [{"type": "COPY_CODE", "example": "X1"}]}


def test_form_template_writes_url_examples_as_meta_lists() -> None:
    raw = service.form_template(FORM)
    assert raw["buttons"][0] == {"type": "URL", "text": "Track order", "url": "https://shop.example/track/{{1}}",
                                 "example": ["A-1029"]}
    assert raw["buttons"][1] == {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+442079460000"}


def test_form_fields_give_back_the_form() -> None:
    text = json.dumps(service.form_template(FORM))
    template = parse_template(json.loads(text), JsonSource("t.json", text))
    assert service.form_fields(template) == FORM


def test_a_clean_form_has_no_finding(scorer: Scorer) -> None:
    document = service.json_document(service.lint_form(FORM, CONFIG, scorer))
    assert document["findings"] == []
    assert document["summary"]["templates"] == 1


def test_findings_carry_their_span_in_the_field(scorer: Scorer) -> None:
    body = "Hi {{1}}, your order {{3}} has shipped and should arrive within three days."
    report = service.lint_form({**FORM, "body": body}, CONFIG, scorer)
    finding = next(f for f in service.json_document(report)["findings"] if f["code"] == "PH002")
    assert finding["pointer"] == "/body"
    assert body[finding["start"]:finding["end"]] == "{{3}}"
    assert finding["documentation"] == "/rules/PH002"


def test_the_report_extends_the_cli_json_without_renaming(scorer: Scorer) -> None:
    report = service.lint_form({**FORM, "name": "Order-Update"}, CONFIG, scorer)
    document = service.json_document(report)
    cli = json.loads(json_end([report.result], report.summary))
    assert set(cli) <= set(document)
    assert document["summary"] == cli["summary"]
    for extended, plain in zip(document["findings"], cli["findings"], strict=True):
        assert {key: extended[key] for key in plain} == plain
        assert set(extended) - set(plain) == {"documentation"}
        assert {"start", "end"} <= set(plain)


def test_an_upload_gives_the_same_findings_as_the_cli(scorer: Scorer) -> None:
    path = EXAMPLES / "spring_sale_broken.yaml"
    report = service.lint_bytes(path.read_bytes(), path.name, CONFIG, scorer)
    cli = lint_paths([str(path)], Linter(CONFIG, scorer))
    expected = [{**problem_dict(p), "path": path.name} for result in cli for p in result.problems]
    added = ("documentation",)
    found = [{k: v for k, v in f.items() if k not in added} for f in service.json_document(report)["findings"]]
    assert found == expected


def test_the_templates_list_holds_texts_and_the_marketing_gauge(scorer: Scorer) -> None:
    promo = {**FORM, "body": "Hi {{1}}, your order {{2}} has shipped. Use code SAVE20 for 20% off your "
                             "next order and shop our summer sale now!"}
    template = service.json_document(service.lint_form(promo, CONFIG, scorer))["templates"][0]
    assert template["texts"]["/body"] == promo["body"]
    classification = template["classification"]
    assert classification["probabilities"]["MARKETING"] >= classification["threshold"]
    phrase = classification["marketing_phrases"][0]
    assert template["texts"][phrase["pointer"]][phrase["start"]:phrase["end"]] == phrase["text"]


def test_no_classification_when_no_ca_rule_runs(scorer: Scorer) -> None:
    document = service.json_document(service.lint_form(FORM, Config(select=("PH",)), scorer))
    assert document["templates"][0]["classification"] is None


def test_a_batch_reports_readable_templates_and_the_broken_one(scorer: Scorer) -> None:
    lines = [json.dumps({"name": "a_one", "language": "en", "category": "UTILITY",
                         "body": "Your order {{1}} has shipped.", "examples": ["A-1"]}),
             "{broken",
             json.dumps({"name": "Bad-Name", "language": "en", "category": "UTILITY", "body": "Your bill is ready."})]
    document = service.json_document(service.lint_bytes("\n".join(lines).encode(), "t.jsonl", CONFIG, scorer))
    assert [t["template"] for t in document["templates"]] == ["a_one", "Bad-Name"]
    assert [e["line"] for e in document["errors"]] == [2]
    assert "NM001" in {f["code"] for f in document["findings"] if f["template"] == "Bad-Name"}


def test_csv_and_sarif_reports(scorer: Scorer) -> None:
    report = service.lint_bytes((EXAMPLES / "spring_sale_broken.yaml").read_bytes(), "s.yaml", CONFIG, scorer)
    rows = list(csv.DictReader(io.StringIO(service.csv_document(report))))
    assert len(rows) == report.summary.problems
    assert rows[0]["documentation"].startswith("/rules/")
    sarif = json.loads(service.sarif_document(report))
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == report.summary.problems


@pytest.mark.parametrize(("data", "message"), [
    (b"\xff\xfe\x00garbage", "not valid UTF-8"),
    (b"   ", "file is empty"),
    (b'{"name": "x"', "invalid JSON"),
    (b'{"title": "not a template"}', "not a template"),
])
def test_nothing_readable_is_one_error_with_the_reason(scorer: Scorer, data: bytes, message: str) -> None:
    with pytest.raises(service.UnreadableInput) as caught:
        service.lint_bytes(data, "upload.json", CONFIG, scorer)
    assert message in service.unreadable_dict(caught.value)["detail"]


@pytest.mark.parametrize(("given", "shown"), [
    ("../../etc/passwd.json", "passwd.json"), ("C:\\Users\\me\\t.csv", "t.csv"), ("", "upload"),
    ("a\x00b.yaml", "ab.yaml"),
])
def test_uploads_are_reported_under_their_bare_name(given: str, shown: str) -> None:
    assert service.safe_filename(given) == shown


def test_rules_and_limits() -> None:
    listed = service.rules_list()
    assert [r["code"] for r in listed] == [r.code for r in ALL_RULES]
    assert all(r["doc"] and r["documentation"] == f"/rules/{r['code']}" for r in listed)
    assert service.limits_dict()["header"] == 60
    assert "en_US" in service.limits_dict()["languages"]


def test_rule_pages_render_the_docstring_and_escape_it() -> None:
    page = pages.rule_page(ALL_RULES[0])
    assert "<h2>Why is this bad?</h2>" in page and "<pre><code>" in page
    assert pages.doc_html("x\n<script>alert(1)</script> `a<b`") == \
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; <code>a&lt;b</code></p>"
    assert pages.rules_page().count("<tr>") == len(ALL_RULES) + 1


def test_suggest_rewords_the_form_and_gives_the_form_back(scorer: Scorer) -> None:
    promo = {**FORM, "body": "Hi {{1}}, your order {{2}} has shipped. Use code {{3}} for 20% off your next "
                             "order. Shop now!", "examples": ["Ana", "A-1029", "SAVE20"]}
    suggestion = service.suggest_form(promo, CONFIG, scorer)["suggestions"][0]
    assert suggestion["action"] == "reword"
    assert "20% off" not in suggestion["form"]["body"]
    assert suggestion["form"]["examples"] == ["Ana", "A-1029"]
    assert suggestion["form"]["buttons"][0]["url"] == FORM["buttons"][0]["url"]


def test_suggest_on_nothing_readable_raises(scorer: Scorer) -> None:
    with pytest.raises(service.UnreadableInput):
        service.suggest_file(b"{oops", "x.json", CONFIG, scorer)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.168.1.5", False), ("example.com", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
