"""Helpers for the browser tests and the docs screenshot: the app on a free port, in a thread,
and a headless Chromium (Debian's, never a downloaded one)."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from linter.config import Config

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# A UTILITY template with the mistakes the page should show: a numbering gap, a header over 60
# characters, a promotional tail and a button that opens WhatsApp.
BROKEN_TEMPLATE = {
    "name": "order_update",
    "language": "en_US",
    "category": "UTILITY",
    "header": "Your order is confirmed and on its way to you, thank you so much!",
    "body": "Hi {{1}}, your order {{3}} has shipped and arrives on Friday. "
            "Use code SAVE20 for 20% off your next order. Shop now!",
    "examples": ["Ana", "A-1029"],
    "footer": "Reply STOP to opt out",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(config: Config | None = None) -> Iterator[str]:
    """``wtlint serve`` on 127.0.0.1 and a free port, until the block ends; yields its URL."""
    import uvicorn

    from linter.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url, lambda: None if thread.is_alive() else 1)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def wait_until_up(url: str, stopped: Callable[[], int | None], seconds: float = 120) -> None:
    """Wait for the server at ``url`` to answer; ``stopped`` says whether it ended instead
    (None while it runs, as ``Popen.poll``)."""
    deadline = time.monotonic() + seconds  # the first start loads the classifier and spaCy
    while time.monotonic() < deadline:
        if stopped() is not None:
            raise RuntimeError("the server stopped while starting")
        try:
            with urllib.request.urlopen(f"{url}/api/limits", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server at {url} did not answer within {seconds} s")


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def fill_template(page: Any, fields: dict[str, Any]) -> None:
    """Type a template into the page's form, as a person would."""
    page.fill("#f-name", fields.get("name", ""))
    page.fill("#f-language", fields.get("language", ""))
    page.select_option("#f-category", fields.get("category", ""))
    page.fill("#f-header", fields.get("header", ""))
    page.fill("#f-body", fields.get("body", ""))
    inputs = page.locator("#example-inputs input")
    for position, value in enumerate(fields.get("examples", [])):
        inputs.nth(position).fill(value)
    page.fill("#f-footer", fields.get("footer", ""))
    for position, button in enumerate(fields.get("buttons", [])):
        page.click("#add-button")
        row = page.locator("#button-list > li").nth(position)
        row.locator("select").select_option(button["type"])
        for key in ("text", "url", "phone_number", "example"):
            if button.get(key):
                row.locator(f"[data-name={key}]").fill(button[key])
