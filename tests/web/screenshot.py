"""Regenerate docs/serve.png, the README's picture of ``wtlint serve``:

    python -m tests.web.screenshot [OUT.png]

It starts the app, types a shipping update with a promotional tail, checks it, asks for the
rewording and photographs the page in Debian's headless Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.web.server import fill_template, launch, running_server

DEFAULT_OUT = Path(__file__).parents[2] / "docs" / "serve.png"
TEMPLATE = {
    "name": "order_update",
    "language": "en_US",
    "category": "UTILITY",
    "header": "Your order is on its way",
    "body": "Hi {{1}}, your order {{2}} has shipped and arrives on Friday. "
            "Use code SAVE20 for 20% off your next order. Shop now!!!",
    "examples": ["Ana", "A-1029"],
    "footer": "Reply STOP to opt out",
    "buttons": [{"type": "URL", "text": "Shop now", "url": "https://wa.me/15551234567"}],
}


def take(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with running_server() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.wait_for_selector("body.ready")
        fill_template(page, TEMPLATE)
        page.click("#check")
        page.wait_for_selector("#findings li")
        page.click("#suggest")
        page.wait_for_selector("#use-rewording")
        page.screenshot(path=str(out), full_page=True)
        browser.close()


if __name__ == "__main__":
    take(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
