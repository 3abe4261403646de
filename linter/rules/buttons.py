"""BT: buttons."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from linter import limits
from linter.problem import Finding, Location, Severity
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Button, Template, TextField
from linter.textutil import emoji_spans

_TYPE_LIMITS = {
    "QUICK_REPLY": limits.QUICK_REPLY_BUTTONS_MAX,
    "URL": limits.URL_BUTTONS_MAX,
    "PHONE_NUMBER": limits.PHONE_BUTTONS_MAX,
    "COPY_CODE": limits.COPY_CODE_BUTTONS_MAX,
}


@rule("BT001", "button-count", Severity.ERROR, sources=("M-COMP",))
def button_count(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """At most 10 buttons: up to 10 quick replies, 2 URL, 1 phone and 1 copy-code button.

    ## What it does
    Counts the buttons in all and by type.

    ## Why is this bad?
    Meta refuses templates over these limits.

    ## Example
        Three URL buttons.

    ## Use instead
        At most two URL buttons; link the rest from the page they open.
    """
    buttons = template.buttons
    if len(buttons) > limits.BUTTONS_MAX:
        yield Finding(f"{len(buttons)} buttons; at most {limits.BUTTONS_MAX}",
                      buttons[limits.BUTTONS_MAX].location)
    counts = Counter(button.type for button in buttons)
    for kind, limit in _TYPE_LIMITS.items():
        if counts[kind] > limit:
            extra = [b for b in buttons if b.type == kind][limit]
            yield Finding(f"{counts[kind]} {kind} buttons; at most {limit}", extra.location)


def _label_problem(label: TextField) -> tuple[str, int, int] | None:
    text = label.text
    if not text.strip():
        return "button label is empty", 0, 0
    if len(text) > limits.BUTTON_LABEL_MAX_CHARS:
        return ((f"button label {text!r} has {len(text)} characters; at most "
                 f"{limits.BUTTON_LABEL_MAX_CHARS}"), limits.BUTTON_LABEL_MAX_CHARS, len(text))
    if label.placeholders or label.malformed:
        return f"placeholder in the button label {text!r}", 0, len(text)
    if "\n" in text:
        return f"newline in the button label {text!r}", text.index("\n"), text.index("\n") + 1
    emoji = emoji_spans(text)
    if emoji:
        return f"emoji {emoji[0][2]} in the button label {text!r}", emoji[0][0], emoji[0][1]
    return None


@rule("BT002", "button-label", Severity.ERROR, sources=("M-COMP", "WAM"))
def button_label(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A button label is 1-25 characters of plain text.

    ## What it does
    Flags empty labels, labels over 25 characters, and placeholders, emoji or newlines in a
    label.

    ## Why is this bad?
    Meta refuses the template.

    ## Example
        {"type": "QUICK_REPLY", "text": "👉 Click here to see all your order details"}

    ## Use instead
        {"type": "QUICK_REPLY", "text": "See order details"}
    """
    for button in template.buttons:
        if button.label is None or button.label.generated:
            continue
        problem = _label_problem(button.label)
        if problem:
            message, start, end = problem
            yield Finding(message, button.label.at(start, end))


def _url_problems(url: TextField) -> Iterator[tuple[str, int, int]]:
    text = url.text
    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in ("http", "https"):
        yield "URL must start with http:// or https://", 0, len(text)
    if any(char.isspace() for char in text):
        yield "URL contains whitespace", 0, len(text)
    if len(text) > limits.URL_MAX_CHARS:
        yield f"URL has {len(text)} characters; at most {limits.URL_MAX_CHARS}", 0, len(text)
    placeholders = url.placeholders
    if len(placeholders) > 1:
        yield "URL has more than one placeholder", placeholders[1].start, placeholders[-1].end
    if placeholders and text[placeholders[-1].end:].strip():
        yield "the URL placeholder must be at the end", placeholders[0].start, placeholders[0].end
    if placeholders and ("{{" in parts.netloc or "{" in parts.netloc):
        yield "placeholder in the URL's domain", placeholders[0].start, placeholders[0].end
    if placeholders and not url.examples:
        yield "URL placeholder without an example URL", placeholders[0].start, placeholders[0].end


@rule("BT003", "button-url", Severity.ERROR, sources=("M-COMP",))
def button_url(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """URL buttons need a clean http(s) URL with at most one trailing placeholder.

    ## What it does
    Flags URLs that are not http(s), contain whitespace, exceed 2000 characters, hold more than
    one placeholder, a placeholder that is not at the end or that sits in the domain, or a
    placeholder without an example URL.

    ## Why is this bad?
    Meta refuses such buttons: only the path may vary, and reviewers open the example.

    ## Example
        {"type": "URL", "text": "Track", "url": "https://{{1}}.example.com/track/{{2}}"}

    ## Use instead
        {"type": "URL", "text": "Track", "url": "https://example.com/track/{{1}}",
         "example": ["https://example.com/track/A1B2C3"]}
    """
    for button in template.buttons:
        if button.url is None or button.url.generated:
            continue
        for message, start, end in _url_problems(button.url):
            yield Finding(message, button.url.at(start, end))


@rule("BT004", "button-whatsapp-link", Severity.ERROR, sources=("WAM", "CM-KC"))
def button_whatsapp_link(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A URL button may not open WhatsApp itself.

    ## What it does
    Flags URL buttons pointing at `wa.me`, `api.whatsapp.com` or `chat.whatsapp.com`.

    ## Why is this bad?
    WhatsApp Manager refuses click-to-chat links in buttons; use a quick reply or a phone button.

    ## Example
        {"type": "URL", "text": "Chat with us", "url": "https://wa.me/15551234567"}

    ## Use instead
        {"type": "QUICK_REPLY", "text": "Talk to an agent"}
    """
    for button in template.buttons:
        if button.url is None or button.url.generated:
            continue
        host = (urlsplit(button.url.text.strip()).hostname or "").lower()
        if host in limits.WHATSAPP_LINK_HOSTS:
            yield Finding(f"URL button opens WhatsApp ({host})", button.url.whole)


@rule("BT005", "button-phone", Severity.ERROR, sources=("M-COMP",))
def button_phone(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A phone button needs a valid international number, at most 20 characters.

    ## What it does
    Parses the number with Google's libphonenumber (`phonenumbers`): it must start with `+`
    and the country code, be a valid number of that country, and fit in 20 characters.

    ## Why is this bad?
    Meta refuses the button, or customers tap a number that cannot be dialled.

    ## Example
        {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "0800 123 456"}

    ## Use instead
        {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+31201234567"}
    """
    for button in template.buttons:
        if button.type != "PHONE_NUMBER":
            continue
        location = Location(f"{button.pointer}/phone_number")
        message = _phone_problem(button.phone_number)
        if message:
            yield Finding(message, location)


def _phone_problem(number: str | None) -> str | None:
    if not number or not number.strip():
        return "phone button without a phone_number"
    if len(number) > limits.PHONE_MAX_CHARS:
        return f"phone number has {len(number)} characters; at most {limits.PHONE_MAX_CHARS}"
    import phonenumbers  # only templates with a phone button pay for its metadata

    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return f"phone number {number!r} is not international: write +<country code><number>"
    if not phonenumbers.is_valid_number(parsed):
        return f"phone number {number!r} is not a valid number"
    return None


def _is_quick_reply(button: Button) -> bool:
    return button.type == "QUICK_REPLY"


@rule("BT006", "button-grouping", Severity.ERROR, sources=("M-COMP",))
def button_grouping(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Quick replies form one block before or after the other buttons.

    ## What it does
    Flags buttons where quick replies and call-to-action buttons interleave.

    ## Why is this bad?
    Meta refuses templates whose quick replies are not grouped.

    ## Example
        QUICK_REPLY, URL, QUICK_REPLY

    ## Use instead
        QUICK_REPLY, QUICK_REPLY, URL
    """
    kinds = [_is_quick_reply(button) for button in template.buttons]
    changes = [i for i in range(1, len(kinds)) if kinds[i] != kinds[i - 1]]
    if len(changes) > 1:
        yield Finding("quick replies and other buttons are interleaved; group the quick replies",
                      template.buttons[changes[1]].location)


@rule("BT007", "button-duplicate-label", Severity.ERROR, sources=("WAM",))
def button_duplicate_label(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Two buttons may not share a label.

    ## What it does
    Compares labels, ignoring case and surrounding spaces.

    ## Why is this bad?
    WhatsApp Manager refuses it: the customer could not tell the buttons apart.

    ## Example
        "Yes", "yes"

    ## Use instead
        "Yes, confirm", "No, reschedule"
    """
    seen: set[str] = set()
    for button in template.buttons:
        key = button.text.strip().casefold()
        if key and key in seen and button.label:
            yield Finding(f"button label {button.text!r} is used twice", button.label.whole)
        seen.add(key)


@rule("BT008", "button-otp-misuse", Severity.ERROR, sources=("M-AUTH",))
def button_otp_misuse(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """OTP buttons belong to AUTHENTICATION templates, alone.

    ## What it does
    Flags an OTP button in a MARKETING or UTILITY template, and an OTP button combined with
    other buttons.

    ## Why is this bad?
    Meta only accepts one-time-password buttons in authentication templates, without others.

    ## Example
        UTILITY template with {"type": "OTP", "otp_type": "COPY_CODE"}

    ## Use instead
        Declare it AUTHENTICATION and keep only the OTP button.
    """
    otp = [button for button in template.buttons if button.is_otp]
    if not otp:
        return
    if template.effective_category != "AUTHENTICATION":
        yield Finding(f"OTP button in a {template.category or 'template without category'}",
                      otp[0].location)
    others = [button for button in template.buttons if not button.is_otp]
    if others:
        yield Finding(f"OTP button combined with a {others[0].type} button", others[0].location)


@dataclass(frozen=True, slots=True)
class CopyCodeOptions:
    max_chars: int = limits.COPY_CODE_EXAMPLE_MAX_CHARS


@rule("BT009", "copy-code-example", Severity.ERROR, options=CopyCodeOptions, sources=("M-COMP",))
def copy_code_example(template: Template, ctx: RuleContext[CopyCodeOptions]) -> Iterator[Finding]:
    """A copy-code button needs an example code of at most 15 characters.

    ## What it does
    Flags a COPY_CODE button (the coupon kind; OTP buttons are AU rules) without `example`, or
    with an example longer than `max_chars`.

    ## Why is this bad?
    Meta refuses the button.

    ## Example
        {"type": "COPY_CODE"}

    ## Use instead
        {"type": "COPY_CODE", "example": "SUMMER25"}

    ## Options
    - `max_chars` (int, default 15; some providers document 20)
    """
    for button in template.buttons:
        if button.type != "COPY_CODE":
            continue
        if not button.example:
            yield Finding("COPY_CODE button without an example code", button.location)
        elif len(button.example) > ctx.options.max_chars:
            yield Finding(f"example code {button.example!r} has {len(button.example)} characters; "
                          f"at most {ctx.options.max_chars}", Location(f"{button.pointer}/example"))
