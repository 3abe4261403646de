"""BD: the body text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter import limits
from linter.problem import Edit, Finding, Severity, Suggestion
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Template, TextField
from linter.textutil import WORD, blank_placeholders, emoji_spans, without_placeholders


def _authored_body(template: Template) -> TextField | None:
    body = template.body
    return body if body is not None and not body.generated else None


@rule("BD001", "body-missing", Severity.ERROR, sources=("M-COMP",))
def body_missing(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Every MARKETING and UTILITY template needs a body text.

    ## What it does
    Reports a template without a BODY component, or whose body text is empty. AUTHENTICATION
    templates are exempt: Meta writes their body.

    ## Why is this bad?
    The body is the message; Meta refuses a template without one.

    ## Example
        "components": [{"type": "HEADER", "format": "TEXT", "text": "Order update"}]

    ## Use instead
        "components": [{"type": "BODY", "text": "Your order {{1}} has shipped."}]
    """
    if template.effective_category == "AUTHENTICATION":
        return
    if template.body is None or not template.body.text.strip():
        where = template.body.whole if template.body else template.location
        yield Finding("template has no body text", where)


@rule("BD002", "body-length", Severity.ERROR, sources=("M-COMP",))
def body_length(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """The body is at most 1024 characters long.

    ## What it does
    Counts the characters of the body text, placeholders as written.

    ## Why is this bad?
    Meta refuses longer bodies.

    ## Example
        A body of 1,100 characters.

    ## Use instead
        Cut it to the transactional facts; link to the details with a URL button.
    """
    body = _authored_body(template)
    if body and len(body.text) > limits.BODY_MAX_CHARS:
        yield Finding(f"body has {len(body.text)} characters; the limit is {limits.BODY_MAX_CHARS}",
                      body.at(limits.BODY_MAX_CHARS, len(body.text)))


@dataclass(frozen=True, slots=True)
class StrictLengthOptions:
    max_chars: int = limits.BODY_STRICT_MAX_CHARS


@rule("BD003", "body-length-strict", Severity.WARNING, options=StrictLengthOptions,
      sources=("BIRD",))
def body_length_strict(template: Template, ctx: RuleContext[StrictLengthOptions]) -> Iterator[Finding]:
    """MARKETING and UTILITY bodies should stay within 550 characters.

    ## What it does
    Flags a MARKETING or UTILITY body longer than `max_chars` (default 550) but within Meta's
    hard limit of 1024 (BD002 reports those).

    ## Why is this bad?
    Providers report a newer, stricter cap for these categories; long bodies are also the ones
    reviewers re-categorise most.

    ## Example
        A UTILITY body of 700 characters.

    ## Use instead
        Keep the facts the recipient needs and drop the rest.

    ## Options
    - `max_chars` (int, default 550)
    """
    body = _authored_body(template)
    limit = ctx.options.max_chars
    if (body and template.effective_category in ("MARKETING", "UTILITY")
            and limit < len(body.text) <= limits.BODY_MAX_CHARS):
        yield Finding(f"body has {len(body.text)} characters; keep {template.effective_category} "
                      f"bodies within {limit}", body.at(limit, len(body.text)))


_NEWLINE_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")


@rule("BD004", "consecutive-newlines", Severity.ERROR, sources=("M-OLDGUIDE", "WAM"))
def consecutive_newlines(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """The body may not hold more than two newlines in a row.

    ## What it does
    Flags three or more consecutive newlines (lines holding only spaces count as empty).

    ## Why is this bad?
    WhatsApp Manager refuses such bodies ("too many consecutive new lines").

    ## Example
        Your order has shipped.\\n\\n\\nThanks!

    ## Use instead
        Your order has shipped.\\n\\nThanks!
    """
    body = _authored_body(template)
    if not body:
        return
    for match in _NEWLINE_RUN.finditer(body.text):
        count = match.group().count("\n")
        location = body.at(match.start(), match.end())
        yield Finding(f"{count} consecutive newlines; at most {limits.MAX_CONSECUTIVE_NEWLINES}",
                      location, Suggestion("keep one empty line", (Edit(location, "\n\n"),), safe=True))


@dataclass(frozen=True, slots=True)
class EmojiOptions:
    max_marketing: int = limits.EMOJI_MAX_MARKETING
    max_utility: int = limits.EMOJI_MAX_UTILITY


@rule("BD005", "emoji-count", Severity.WARNING, options=EmojiOptions, sources=("WAM", "TW"))
def emoji_count(template: Template, ctx: RuleContext[EmojiOptions]) -> Iterator[Finding]:
    """Too many emoji make a template look like an advert.

    ## What it does
    Counts the emoji of the body (a sequence such as a flag or a skin tone counts once) and
    flags more than `max_marketing` in MARKETING or `max_utility` in UTILITY templates.

    ## Why is this bad?
    Reviewers and Meta's classifier read emoji-heavy utility messages as promotional.

    ## Example
        🎉🎉 Your order 📦 has shipped 🚚💨 and arrives soon ⏰✅!

    ## Use instead
        Your order has shipped 📦 and arrives soon.

    ## Options
    - `max_marketing` (int, default 10)
    - `max_utility` (int, default 6)
    """
    body = _authored_body(template)
    limit = {"MARKETING": ctx.options.max_marketing,
             "UTILITY": ctx.options.max_utility}.get(template.effective_category or "")
    if not body or limit is None:
        return
    found = emoji_spans(body.text)
    if len(found) > limit:
        start = found[limit][0]
        yield Finding(f"{len(found)} emoji in a {template.effective_category} body; at most {limit}",
                      body.at(start, found[-1][1]))


_MARKERS = "*_~"
# An opener follows the start or a non-word character and precedes a non-space; a closer is
# the mirror image. "~5 min" (approximately) and snake_case words are not formatting.
_OPENER = {m: re.compile(rf"(?:^|(?<=[\s(\[\"'«¿¡]))\{m}(?=[^\s\{m}{'0-9' if m == '~' else ''}])")
           for m in _MARKERS}
_CLOSER = {m: re.compile(rf"(?<=[^\s\{m}])\{m}(?=$|[\s.,!?;:)\]\"'»…])") for m in _MARKERS}
_BULLET = re.compile(r"^[ \t]*[*~_-][ \t]")


def _unpaired(line: str, marker: str) -> int | None:
    """Offset of the first marker that opens without closing (or closes without opening)."""
    events = sorted([(m.start(), "open") for m in _OPENER[marker].finditer(line)]
                    + [(m.start(), "close") for m in _CLOSER[marker].finditer(line)])
    pending: int | None = None
    for offset, kind in events:
        if kind == "open" and pending is None:
            pending = offset
        elif kind == "close" and pending is not None and offset != pending:
            pending = None
        elif kind == "close" and pending is None:
            return offset
    return pending


@rule("BD006", "unbalanced-formatting", Severity.WARNING, sources=("TW",))
def unbalanced_formatting(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Formatting markers must come in pairs.

    ## What it does
    Looks for a `*bold*`, `_italic_` or `~strike~` marker without its partner on the same
    line, and for an odd number of triple backticks. Bullets (`* item`), snake_case words,
    placeholders and `~5 min` are not formatting.

    ## Why is this bad?
    WhatsApp shows the stray marker as a literal character; reviewers see a sloppy template and
    Twilio's checks refuse it.

    ## Example
        Your order is *confirmed. Thank you!

    ## Use instead
        Your order is *confirmed*. Thank you!
    """
    body = _authored_body(template)
    if not body:
        return
    text = blank_placeholders(body.text, body.placeholders)
    if text.count("```") % 2:
        yield Finding("unpaired ``` (monospace) marker", body.at(text.rfind("```"), text.rfind("```") + 3))
    line_start = 0
    for line in text.split("\n"):
        content = _BULLET.sub(lambda m: " " * len(m.group()), line).replace("```", "   ")
        for marker in _MARKERS:
            offset = _unpaired(content, marker)
            if offset is not None:
                yield Finding(f"unpaired '{marker}' formatting marker",
                              body.at(line_start + offset, line_start + offset + 1))
        line_start += len(line) + 1


_GENERIC_WORDS = frozenset("""
hi hello hey dear hiya greetings congratulations congrats thanks thank you thx ok okay yes no
hola buenos buenas días dias tardes noches estimado estimada gracias felicidades felicitaciones
olá ola oi bom boa dia tarde noite prezado prezada obrigado obrigada parabéns parabens
halo hai selamat pagi siang sore malam terima kasih
namaste नमस्ते नमस्कार धन्यवाद बधाई शुभकामनाएं
مرحبا أهلا اهلا السلام عليكم شكرا مبروك
hallo guten tag morgen abend lieber liebe sehr geehrte geehrter danke glückwunsch
bonjour bonsoir salut cher chère merci félicitations bravo
ciao buongiorno buonasera caro cara grazie complimenti auguri
goedemorgen goedemiddag goedenavond beste bedankt dank gefeliciteerd proficiat
""".split())


@rule("BD007", "too-generic", Severity.WARNING, predicts=("INVALID_FORMAT", "INCORRECT_CATEGORY"),
      sources=("M-CAT", "TW"))
def too_generic(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A body must say something besides placeholders and a greeting.

    ## What it does
    Flags a body with fewer than two content words once placeholders, greetings, thanks and
    punctuation are set aside (`{{1}}`, `Hi {{1}}!`, `Congratulations!`).

    ## Why is this bad?
    Meta cannot tell what such a template is for, so it is rejected or the sender could put
    any message in the placeholders.

    ## Example
        Hi {{1}}, {{2}}

    ## Use instead
        Hi {{1}}, your appointment is confirmed for {{2}}.
    """
    body = _authored_body(template)
    if not body or not body.text.strip():
        return
    words = WORD.findall(without_placeholders(body.text, body.placeholders).lower())
    content = [word for word in words if word not in _GENERIC_WORDS and not word.isdigit()]
    if len(content) < 2:
        yield Finding("body has no content besides placeholders and greetings", body.whole)


_LITERAL_ESCAPE = re.compile(r"\\[ntr]|</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,200})?/?>"
                             r"|&(?:#\d{1,6}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
_ESCAPE_FIXES = {"\\n": "\n", "\\t": " ", "\\r": ""}


@rule("BD008", "literal-escape", Severity.WARNING, sources=("TW",))
def literal_escape(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Literal `\\n`, `\\t`, HTML tags or entities in a text are export bugs.

    ## What it does
    Looks in the header, body and footer for a backslash escape written out as text, an HTML
    tag such as `<br>` or an entity such as `&amp;`.

    ## Why is this bad?
    WhatsApp shows them as typed; reviewers reject templates that look broken.

    ## Example
        Your order has shipped.\\nThanks, &amp; see you soon<br>

    ## Use instead
        Your order has shipped.
        Thanks, & see you soon
    """
    texts = [t for t in (template.header.text if template.header else None, template.body,
                         template.footer) if t is not None and not t.generated]
    for text in texts:
        for match in _LITERAL_ESCAPE.finditer(text.text):
            location = text.at(match.start(), match.end())
            fix = _ESCAPE_FIXES.get(match.group())
            suggestion = (Suggestion(f"replace {match.group()} with a real character",
                                     (Edit(location, fix),), safe=True) if fix is not None else None)
            yield Finding(f"literal {match.group()!r} in the {text.role.value}", location, suggestion)
