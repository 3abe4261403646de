"""The web app: HTTP routes over ``linter.web.service``, the page's files and the API docs.

Safe by default: requests are size-limited, answers are never cached, templates are neither
written nor logged (the access log holds methods, paths and status codes only).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from linter import __version__, rules
from linter.classifier.scorer import Scorer
from linter.config import Config
from linter.web import pages, service

MAX_REQUEST_BYTES = 5 * 1024 * 1024  # a few thousand templates: larger runs belong to the CLI
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# The page runs only its own files; the API docs page (Swagger UI) needs one inline script.
_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
_DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'unsafe-inline'"


class ButtonFields(BaseModel):
    """One button as the form has it."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field("QUICK_REPLY", description="QUICK_REPLY, URL, PHONE_NUMBER or COPY_CODE")
    text: str = Field("", description="The label")
    url: str = Field("", description="URL buttons: the address, may end with {{1}}")
    phone_number: str = Field("", description="PHONE_NUMBER buttons")
    example: str = Field("", description="URL buttons: the value of {{1}}; COPY_CODE buttons: the code")


class TemplateFields(BaseModel):
    """One template as the form has it: the flat shape of the README's "What wtlint reads"."""

    model_config = ConfigDict(extra="forbid")
    name: str = ""
    language: str = Field("", description="Meta's code, e.g. en_US")
    category: str = Field("", description="MARKETING, UTILITY or AUTHENTICATION")
    header: str = Field("", description="Header text, or a media marker such as [IMAGE]")
    header_example: str = Field("", description="The value of the header's placeholder")
    body: str = ""
    examples: list[str] | dict[str, str] = Field(
        default_factory=list, description="Values of {{1}}, {{2}}... in order, or of named placeholders")
    footer: str = ""
    buttons: list[ButtonFields] = Field(default_factory=list)


class UploadedFile(BaseModel):
    """A template file's name and text, as pasted or uploaded."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field("upload", description="Its extension picks the format (.json, .jsonl, .yaml, .csv); "
                                            "without one, the content does")
    content: str


class LintRequest(BaseModel):
    """Either one template's fields or a file of templates."""

    model_config = ConfigDict(extra="forbid")
    template: TemplateFields | None = None
    file: UploadedFile | None = None

    @model_validator(mode="after")
    def _one_input(self) -> LintRequest:
        if (self.template is None) == (self.file is None):
            raise ValueError("give either 'template' (one template's fields) or 'file' (a name and content)")
        return self

    def given(self) -> TemplateFields | UploadedFile:
        """The one input the request holds."""
        if self.template is not None:
            return self.template
        assert self.file is not None  # _one_input checked that one of them is set
        return self.file


class ErrorAnswer(BaseModel):
    """What the API answers to a request it cannot serve."""

    detail: str = Field(description="What is wrong, in a sentence")
    errors: list[dict[str, Any]] = Field(default_factory=list, description="Each problem with its place")


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorAnswer, "description": "The body is not JSON, or no template could be read from the file"},
    413: {"model": ErrorAnswer, "description": "The request is larger than the limit"},
    422: {"model": ErrorAnswer, "description": "The request has the wrong shape"},
}
ReportFormat = Literal["json", "csv", "sarif"]
_MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "sarif": "application/sarif+json"}


def create_app(config: Config | None = None, scorer: Scorer | None = None,
               max_request_bytes: int = MAX_REQUEST_BYTES, allowed_hosts: list[str] | None = None,
               warm_languages: Sequence[str] = ()) -> FastAPI:
    """The app; ``config`` is the run's wtlint configuration (default: the rules' defaults).
    With ``allowed_hosts``, a request naming any other host is refused (400): a page on another
    site cannot reach a local server through DNS rebinding. The pipelines of
    ``warm_languages`` are built in the background once the app is up (French takes seconds)."""
    config = config or Config()
    scorer = scorer or Scorer()
    lock = threading.Lock()  # one lint at a time: the scorer keeps the batch it is scoring

    def lint_once(language: str) -> None:
        with lock:
            service.lint_form({"name": "warm_up", "language": language, "category": "UTILITY",
                               "body": "Your order {{1}} has shipped.", "examples": ["A-1"]}, config, scorer)

    @asynccontextmanager
    async def warm_up(_: FastAPI) -> AsyncIterator[None]:
        # Load the model and the language pipelines now rather than on the first visitor's click.
        lint_once("en_US")
        threading.Thread(target=lambda: [lint_once(language) for language in warm_languages],
                         name="wtlint-warm-up", daemon=True).start()
        yield

    app = FastAPI(title="wtlint", version=__version__, lifespan=warm_up, docs_url=None, redoc_url=None,
                  description="Lint WhatsApp Business message templates: the engine of the `wtlint` "
                              "command, and the same JSON report as `wtlint check --format json`.")
    app.add_middleware(_BodyLimit, max_bytes=max_request_bytes)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.middleware("http")(_security_headers)
    _add_error_handlers(app)
    _add_api(app, config, scorer, max_request_bytes, lock)
    _add_pages(app)
    return app


def _add_api(app: FastAPI, config: Config, scorer: Scorer, max_request_bytes: int,
             lock: threading.Lock) -> None:
    @app.post("/api/lint", tags=["api"], response_model=None, responses=_ERRORS)
    def lint(request: LintRequest, report_format: Annotated[ReportFormat, Query(
            alias="format", description="json: the CLI's JSON report, extended; csv: one row per "
                                        "finding; sarif: SARIF 2.1.0")] = "json") -> Response:
        """Lint one template (``template``) or a file of templates (``file``)."""
        given = request.given()
        with lock:
            if isinstance(given, TemplateFields):
                report = service.lint_form(given.model_dump(), config, scorer)
            else:
                report = service.lint_bytes(given.content.encode(), given.name, config, scorer)
        if report_format == "json":
            return JSONResponse(service.json_document(report))
        text = service.csv_document(report) if report_format == "csv" else service.sarif_document(report)
        return Response(text, media_type=_MEDIA_TYPES[report_format])

    @app.post("/api/suggest", tags=["api"], responses=_ERRORS)
    def suggest(request: LintRequest) -> dict[str, Any]:
        """Reword templates that read as MARKETING: what ``wtlint suggest --format json`` prints,
        each rewritten template also as the form's fields (``form``)."""
        given = request.given()
        with lock:
            if isinstance(given, TemplateFields):
                return service.suggest_form(given.model_dump(), config, scorer)
            return service.suggest_file(given.content.encode(), given.name, config, scorer)

    @app.get("/api/rules", tags=["api"])
    def list_rules() -> list[dict[str, Any]]:
        """Every rule with its code, name, default severity and documentation."""
        return service.rules_list()

    @app.get("/api/limits", tags=["api"])
    def meta_limits() -> dict[str, Any]:
        """Meta's length limits, categories and language codes, as the form counts them, and
        the largest request this server takes."""
        return {**service.limits_dict(), "max_request_bytes": max_request_bytes}


def _add_pages(app: FastAPI) -> None:
    static = resources.files("linter.web") / "static"

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse((static / "index.html").read_text(encoding="utf-8"))

    @app.get("/rules", include_in_schema=False)
    def rules_index() -> HTMLResponse:
        return HTMLResponse(pages.rules_page())

    @app.get("/rules/{code}", include_in_schema=False)
    def rule_doc(code: str) -> HTMLResponse:
        try:
            return HTMLResponse(pages.rule_page(rules.get(code)))
        except KeyError:
            raise HTTPException(404, f"unknown rule {code!r}; see /rules") from None

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="wtlint API",
                                   swagger_js_url="/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.mount("/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")


def _swagger_dir() -> str:
    import swagger_ui_bundle  # Swagger UI's files, served from here: the docs work offline

    return str(swagger_ui_bundle.swagger_ui_path)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = error.errors()
        if any(p.get("type") == "json_invalid" for p in problems):
            reason = problems[0].get("ctx", {}).get("error", "")
            return JSONResponse({"detail": f"the request body is not valid JSON: {reason}"}, 400)
        messages = [{"field": ".".join(str(part) for part in p["loc"][1:]) or "body", "message": p["msg"]}
                    for p in problems]
        detail = "; ".join(f"{m['field']}: {m['message']}" for m in messages)
        return JSONResponse({"detail": f"the request has the wrong shape: {detail}", "errors": messages}, 422)

    @app.exception_handler(service.UnreadableInput)
    async def unreadable(_: Request, error: service.UnreadableInput) -> JSONResponse:
        return JSONResponse(service.unreadable_dict(error), 400)


async def _security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.update(_SECURITY_HEADERS)
    response.headers["Content-Security-Policy"] = _DOCS_CSP if request.url.path == "/docs" else _CSP
    if request.url.path.startswith("/api/"):
        response.headers["Cache-Control"] = "no-store"
    return response


class _BodyLimit:
    """Refuse a request body over ``max_bytes`` with 413, whether or not it declares its length
    (the body is read here, at most ``max_bytes`` of it, and handed on whole)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            more = message.get("more_body", False)
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = f"{self.max_bytes / 1024 / 1024:g} MiB"
        response = JSONResponse({"detail": f"the request is larger than the limit of {limit}; "
                                           "split the file, or lint it with the wtlint command"}, 413)
        await response(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands over the body read already, then waits for the disconnect."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


