"""The HTTP API and the pages, through FastAPI's test client; and the ``serve`` command."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from linter import web
from linter.classifier.scorer import Scorer
from linter.cli import main
from linter.rules import ALL_RULES
from linter.web.app import create_app
from tests.web.server import free_port, wait_until_up

EXAMPLES = Path(__file__).parents[2] / "examples"
TEMPLATE = {"name": "order_update", "language": "en_US", "category": "UTILITY",
            "body": "Hi {{1}}, your order {{3}} has shipped and should arrive within three days.",
            "examples": ["Ana", "A-1029"]}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(scorer=Scorer()), raise_server_exceptions=False) as test_client:
        yield test_client


def test_lint_one_template(client: TestClient) -> None:
    response = client.post("/api/lint", json={"template": TEMPLATE})
    assert response.status_code == 200
    document = response.json()
    assert document["version"] == 1 and document["summary"]["templates"] == 1
    finding = next(f for f in document["findings"] if f["code"] == "PH002")
    assert TEMPLATE["body"][finding["start"]:finding["end"]] == "{{3}}"
    assert client.get(finding["documentation"]).status_code == 200


def test_lint_a_file(client: TestClient) -> None:
    content = (EXAMPLES / "appointments.csv").read_text(encoding="utf-8")
    document = client.post("/api/lint", json={"file": {"name": "appointments.csv", "content": content}}).json()
    assert document["summary"]["templates"] == len(document["templates"]) > 1
    assert {f["path"] for f in document["findings"]} <= {"appointments.csv"}


def test_reports_as_csv_and_sarif(client: TestClient) -> None:
    content = (EXAMPLES / "spring_sale_broken.yaml").read_text(encoding="utf-8")
    request = {"file": {"name": "spring.yaml", "content": content}}
    as_csv = client.post("/api/lint?format=csv", json=request)
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text.splitlines()[0].startswith("path,template,index,line,column,code")
    sarif = client.post("/api/lint?format=sarif", json=request)
    assert sarif.json()["version"] == "2.1.0"
    assert client.post("/api/lint?format=xml", json=request).status_code == 422


def test_suggest(client: TestClient) -> None:
    promo = {**TEMPLATE, "body": "Hi {{1}}, your order {{2}} has shipped. Use code {{3}} for 20% off your "
                                 "next order. Shop now!", "examples": ["Ana", "A-1029", "SAVE20"]}
    response = client.post("/api/suggest", json={"template": promo})
    assert response.status_code == 200
    suggestion = response.json()["suggestions"][0]
    assert suggestion["action"] == "reword" and suggestion["diff"].startswith("--- ")
    assert "Shop now" not in suggestion["form"]["body"]


def test_rules_and_limits(client: TestClient) -> None:
    assert [r["code"] for r in client.get("/api/rules").json()] == [r.code for r in ALL_RULES]
    limits = client.get("/api/limits").json()
    assert limits["body"] == 1024 and limits["max_request_bytes"] > 0


@pytest.mark.parametrize(("body", "expected"), [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe{}", ""),
])
def test_400_for_an_undecodable_body(client: TestClient, body: bytes, expected: str) -> None:
    response = client.post("/api/lint", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert expected in response.json()["detail"]


@pytest.mark.parametrize("content", ["{oops", "", "title: just some YAML"])
def test_400_for_a_file_without_any_readable_template(client: TestClient, content: str) -> None:
    for path in ("/api/lint", "/api/suggest"):
        response = client.post(path, json={"file": {"name": "t.json" if "{" in content else "t", "content": content}})
        assert response.status_code == 400
        answer = response.json()
        assert answer["detail"].startswith("no template could be read")
        assert answer["errors"][0]["message"]


@pytest.mark.parametrize(("request_body", "field"), [
    ({"template": {"body": 5}}, "template.body"),
    ({"template": {"bodyy": "Hi"}}, "template.bodyy"),
    ({"template": {"buttons": "Yes"}}, "template.buttons"),
    ({}, "body"),
    ({"template": {"body": "Hi"}, "file": {"content": "x"}}, "body"),
    ({"file": {"name": "t.csv"}}, "file.content"),
    ([1, 2], "body"),
])
def test_422_for_a_request_of_the_wrong_shape(client: TestClient, request_body: object, field: str) -> None:
    response = client.post("/api/lint", json=request_body)
    assert response.status_code == 422
    answer = response.json()
    assert answer["detail"].startswith("the request has the wrong shape")
    assert field in [error["field"] for error in answer["errors"]]


def test_413_over_the_size_limit_declared_or_streamed() -> None:
    with TestClient(create_app(scorer=Scorer(), max_request_bytes=1000)) as small:
        big = {"template": {**TEMPLATE, "body": "x" * 2000}}
        response = small.post("/api/lint", json=big)
        assert response.status_code == 413
        assert "larger than the limit" in response.json()["detail"]
        streamed = small.post("/api/lint", content=iter([b'{"template": {"body": "', b"x" * 2000, b'"}}']),
                              headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        assert small.post("/api/lint", json={"template": TEMPLATE}).status_code == 200


def test_a_local_server_answers_only_to_its_own_names() -> None:
    from linter.web import LOOPBACK_NAMES

    with TestClient(create_app(scorer=Scorer(), allowed_hosts=LOOPBACK_NAMES), base_url="http://localhost") as local:
        assert local.get("/api/rules").status_code == 200
        assert local.get("/api/rules", headers={"host": "attacker.example"}).status_code == 400


def test_nothing_is_logged_or_written(client: TestClient, caplog: pytest.LogCaptureFixture,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "Zanzibar-7741 quartz"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    caplog.set_level(logging.DEBUG)
    template = {**TEMPLATE, "body": f"Hi {{{{1}}}}, {secret}. Shop now for 20% off!"}
    client.post("/api/lint", json={"template": template})
    client.post("/api/suggest", json={"template": template})
    client.post("/api/lint", json={"file": {"name": "x.json", "content": "{" + secret}})
    client.post("/api/lint", json={"template": {"body": 7, "name": secret}})
    assert secret not in caplog.text
    assert list(tmp_path.iterdir()) == []


def test_api_answers_are_never_cached_and_pages_run_only_their_own_code(client: TestClient) -> None:
    response = client.post("/api/lint", json={"template": TEMPLATE})
    assert response.headers["cache-control"] == "no-store"
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def _references(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"#]+)"', html) + re.findall(r"url\(([^)]+)\)", html)


@pytest.mark.parametrize("path", ["/", "/rules", "/rules/PH002", "/docs"])
def test_pages_load_everything_from_this_server(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assets = [ref for ref in _references(response.text) if not ref.startswith("/") or ref.startswith("//")]
    assert assets == []
    for ref in _references(response.text):
        if ref.startswith(("/static/", "/swagger/")):
            assert client.get(ref).status_code == 200, ref


def test_static_code_has_no_outside_address(client: TestClient) -> None:
    for name in ("app.js", "style.css", "index.html"):
        assert not re.search(r"https?://[a-z0-9]", client.get(f"/static/{name}").text), name


def test_openapi_describes_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/lint", "/api/suggest", "/api/rules", "/api/limits"} <= set(schema["paths"])
    assert "/" not in schema["paths"]


def test_unknown_rule_page_is_404(client: TestClient) -> None:
    response = client.get("/rules/ZZ999")
    assert response.status_code == 404
    assert "unknown rule" in response.json()["detail"]


def test_serve_binds_to_localhost_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(web, "serve", lambda host, port, config: calls.append((host, port)))
    local = CliRunner().invoke(main, ["serve"])
    assert local.exit_code == 0 and calls == [("127.0.0.1", 8000)]
    assert local.stderr == ""
    everywhere = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert calls[-1] == ("0.0.0.0", 9000)
    assert "anyone who can reach this machine" in everywhere.stderr


def test_the_real_server_logs_requests_but_no_template(tmp_path: Path) -> None:
    port = free_port()
    secret = "Zanzibar-7741 quartz"
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_up(url, server.poll)
            body = json.dumps({"template": {**TEMPLATE, "body": f"Hi {{{{1}}}}, {secret}."}}).encode()
            request = urllib.request.Request(f"{url}/api/lint", body, {"content-type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as answer:
                assert answer.status == 200
        finally:
            server.terminate()
            server.wait(timeout=30)
    logged = log.read_text(encoding="utf-8")
    assert "Uvicorn running on http://127.0.0.1:" in logged and '"POST /api/lint HTTP/1.1" 200' in logged
    assert secret not in logged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["server.log"]


def test_serve_refuses_a_bad_config(tmp_path: Path) -> None:
    config = tmp_path / "wtlint.toml"
    config.write_text("nonsense = 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--config", str(config)])
    assert result.exit_code == 2
    assert "unknown key" in result.stderr


def test_the_request_body_is_json(client: TestClient) -> None:
    response = client.post("/api/lint", content=json.dumps({"template": TEMPLATE}),
                           headers={"content-type": "application/json"})
    assert response.status_code == 200


def test_the_other_languages_warm_up_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from linter.web import service

    seen: list[str] = []
    real = service.lint_form
    monkeypatch.setattr(service, "lint_form", lambda form, *args: seen.append(form["language"]) or real(form, *args))
    with TestClient(create_app(scorer=Scorer(), warm_languages=["fr", "nl"])) as warm:
        for thread in [t for t in threading.enumerate() if t.name == "wtlint-warm-up"]:
            thread.join(timeout=120)
        assert warm.post("/api/lint", json={"template": TEMPLATE}).status_code == 200
    assert seen == ["en_US", "fr", "nl", "en_US"]  # the warm-ups, then the request
