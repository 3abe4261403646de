"""The page in a real headless Chromium: type a template, see the findings in place, take the
rewording, check a file and download the report. CI installs Debian's chromium (.ci/run)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.server import BROKEN_TEMPLATE, CHROMIUM, fill_template, launch, running_server

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)")

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_server() as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, url: str) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(url)
    tab.wait_for_selector("body.ready")
    yield tab
    context.close()
    assert errors == []


def test_the_form_shows_each_finding_in_place(page: Any) -> None:
    fill_template(page, BROKEN_TEMPLATE)
    assert page.inner_text("#f-header-count") == "65 / 60 characters: 5 too many"
    page.click("#check")
    page.wait_for_selector("#findings li")
    gap = page.locator("#preview .p-body mark.sev-error", has_text="{{3}}")
    assert gap.count() == 1
    finding = page.locator("#findings li", has_text="PH002")
    assert "placeholder-sequence" in finding.inner_text()
    assert finding.locator("a.code").get_attribute("href") == "/rules/PH002"
    assert page.locator("#preview .p-header mark.sev-error").count() >= 1
    assert page.get_attribute("#f-header", "aria-invalid") == "true"


def test_the_gauge_shows_the_marketing_probability_and_its_phrases(page: Any) -> None:
    fill_template(page, BROKEN_TEMPLATE)
    page.click("#check")
    page.wait_for_selector("#gauge .meter")
    assert page.locator("#gauge .fill.above").count() == 1  # at or above CA001's threshold
    assert page.locator("#preview mark.phrase").count() >= 1
    assert "CA001" in page.inner_text("#findings")


def test_the_rewording_is_a_diff_and_use_this_fills_the_form(page: Any) -> None:
    fill_template(page, BROKEN_TEMPLATE)
    page.click("#suggest")
    page.wait_for_selector("#use-rewording")
    assert page.locator("#rewording .diff .diff-del", has_text="20% off").count() == 1
    page.click("#copy-rewording")
    page.wait_for_selector("#copy-rewording:has-text('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Hi {{1}}, your order" in copied and "20% off" not in copied
    page.click("#use-rewording")
    assert "20% off" not in page.input_value("#f-body")
    assert "Hi {{1}}, your order" in page.input_value("#f-body")
    # Playwright's own selector engine, not a JavaScript predicate: the page's CSP forbids eval.
    page.wait_for_selector("#one-status:text-matches('^Done')")
    assert page.locator("#gauge .meter .fill").count() == 1
    assert page.locator("#gauge .fill.above").count() == 0


def test_a_file_becomes_a_sortable_filterable_table(page: Any, tmp_path: Path) -> None:
    templates = [
        {"name": "order_shipped", "language": "en_US", "category": "UTILITY",
         "body": "Your order {{1}} has shipped and should arrive within three days.", "examples": ["A-1"]},
        {"name": "Bad-Name", "language": "en-US", "category": "UTILITY", "body": "Your bill {{1}} is ready.",
         "examples": ["B-2"]},
    ]
    upload = tmp_path / "batch.json"
    upload.write_text(json.dumps(templates), encoding="utf-8")
    page.click("#tab-file")
    page.set_input_files("#file-input", str(upload))
    page.click("#check-file")
    page.wait_for_selector("#file-table tbody tr")
    assert "2 templates read" in page.inner_text("#file-summary")
    rows = page.locator("#file-table tbody tr")
    assert rows.filter(has_text="order_shipped").filter(has_text="No findings").count() == 1
    page.select_option("#filter-severity", "error")
    assert page.locator("#file-table tbody tr:visible").filter(has_text="order_shipped").count() == 0
    page.fill("#filter-text", "NM001")
    assert page.locator("#file-table tbody tr:visible").count() == 1
    page.select_option("#filter-severity", "")
    page.fill("#filter-text", "")
    page.click("th[data-key=template] button")
    assert page.get_attribute("th[data-key=template]", "aria-sort") == "ascending"
    assert page.locator("#file-table tbody tr").first.inner_text().startswith("Bad-Name")
    page.click("th[data-key=severity] button")
    assert page.get_attribute("th[data-key=severity]", "aria-sort") == "descending"
    assert "Error" in page.locator("#file-table tbody tr").first.inner_text()
    with page.expect_download() as download:
        page.click("[data-download=json]")
    report = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert report["summary"]["templates"] == 2


def test_a_bad_paste_gives_a_readable_error(page: Any) -> None:
    page.click("#tab-file")
    page.fill("#file-text", "{ this is not JSON")
    page.click("#check-file")
    page.wait_for_selector("#file-error:not([hidden])")
    assert page.inner_text("#file-error").startswith("No template could be read: invalid JSON")


def test_tabs_and_buttons_work_from_the_keyboard(page: Any) -> None:
    page.focus("#tab-one")
    page.keyboard.press("ArrowRight")
    assert page.is_visible("#panel-file") and not page.is_visible("#panel-one")
    page.keyboard.press("ArrowLeft")
    page.focus("#add-button")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Button 1 type"
    assert page.locator("label[for=b0-text]").inner_text() == "Label"
