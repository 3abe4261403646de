"""The rules' documentation as HTML pages: the catalogue and one page per rule.

A rule's docstring is its documentation (``wtlint rule CODE`` prints the same text); this turns
its few Markdown forms (``## headings``, indented examples, ``- `` lists, `code`) into HTML.
"""

from __future__ import annotations

import html
import re

from linter import rules
from linter.rules.base import Rule

_CODE = re.compile(r"`([^`]+)`")


def _inline(text: str) -> str:
    return _CODE.sub(r"<code>\1</code>", html.escape(text))


def doc_html(doc: str) -> str:
    """The docstring after its summary line, as HTML blocks."""
    blocks: list[str] = []
    paragraph: list[str] = []
    example: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(f"<p>{_inline(' '.join(paragraph))}</p>")
        if example:
            blocks.append(f"<pre><code>{html.escape(chr(10).join(example))}</code></pre>")
        if items:
            blocks.append("<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + "</ul>")
        paragraph.clear()
        example.clear()
        items.clear()

    for line in doc.splitlines()[1:]:
        if line.startswith("    ") and not items:
            example.append(line[4:])
            continue
        if example or not line.strip():
            flush()
        if line.startswith("## "):
            blocks.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.startswith("- "):
            items.append(line[2:])
        elif line.strip() and items:
            items[-1] += " " + line.strip()
        elif line.strip():
            paragraph.append(line.strip())
    flush()
    return "\n".join(blocks)


def _page(title: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{html.escape(title)}</title>\n<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">\n'
            f'<link rel="stylesheet" href="/static/style.css">\n'
            f'</head>\n<body class="doc">\n<header class="top"><p class="brand"><a href="/">wtlint</a></p>\n'
            f'<nav aria-label="Site"><a href="/">Check a template</a> <a href="/rules">All rules</a> '
            f'<a href="/docs">API</a></nav></header>\n<main id="main">\n{body}\n</main>\n</body>\n</html>\n')


def rule_page(rule: Rule) -> str:
    """One rule's documentation page."""
    state = "" if rule.enabled_by_default else ", off by default"
    facts = [f"<p class=\"lead\">{_inline(rule.summary)}</p>",
             (f'<p><span class="sev sev-{rule.severity.value}">{rule.severity.value}</span>'
              f" by default{state}.</p>")]
    if rule.predicts:
        facts.append(f"<p>Meta's rejection reason when it fires: {html.escape(', '.join(rule.predicts))}.</p>")
    return _page(f"{rule.code} {rule.name} - wtlint",
                 f"<h1>{rule.code} {html.escape(rule.name)}</h1>\n" + "\n".join(facts) + "\n"
                 + doc_html(rule.doc) + '\n<p><a href="/rules">All rules</a></p>')


def rules_page() -> str:
    """The catalogue: every rule with its severity and summary."""
    rows = "\n".join(
        f'<tr><td><a href="/rules/{r.code}">{r.code}</a></td><td>{html.escape(r.name)}</td>'
        f'<td><span class="sev sev-{r.severity.value}">{r.severity.value}</span></td>'
        f"<td>{_inline(r.summary)}{'' if r.enabled_by_default else ' (off by default)'}</td></tr>"
        for r in rules.ALL_RULES)
    table = (f"<table class=\"rules\"><caption>{len(rules.ALL_RULES)} rules</caption>\n<thead><tr>"
             '<th scope="col">Code</th><th scope="col">Name</th><th scope="col">Severity</th>'
             f'<th scope="col">What it checks</th></tr></thead>\n<tbody>\n{rows}\n</tbody></table>')
    return _page("wtlint rules", "<h1>Rules</h1>\n<p>Each finding names one of these rules. "
                                 "Error: Meta will reject the template. Warning: a likely rejection "
                                 "or re-categorisation. Info: worth a look.</p>\n" + table)
