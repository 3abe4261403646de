"""AU: authentication templates, and one-time codes outside them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter import limits
from linter.placeholders import Placeholder
from linter.problem import Finding, Location, Severity
from linter.rules.base import NoOptions, RuleContext, rule
from linter.template import Template
from linter.textutil import URL, emoji_spans


def _is_auth(template: Template) -> bool:
    return template.effective_category == "AUTHENTICATION"


@rule("AU001", "auth-forbidden-content", Severity.ERROR, sources=("M-CAT", "M-AUTH"))
def auth_forbidden_content(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Authentication templates carry the code and nothing else: no URL, header or emoji.

    ## What it does
    Flags an AUTHENTICATION template with a header, a URL in its text, a URL button, or emoji.

    ## Why is this bad?
    Meta's authentication templates are fixed text around the code; anything else is refused.

    ## Example
        AUTHENTICATION with header "Welcome!" and body "Your code is {{1}} 🔐 https://x.co"

    ## Use instead
        AUTHENTICATION with only the body, the security line and an OTP button.
    """
    if not _is_auth(template):
        return
    if template.headers:
        yield Finding("authentication templates cannot have a header", template.headers[0].location)
    for field in (template.body, template.footer):
        if field is None or field.generated:
            continue
        url = URL.search(field.text)
        if url:
            yield Finding(f"URL in an authentication {field.role.value}", field.at(url.start(), url.end()))
        for start, end, found in emoji_spans(field.text)[:1]:
            yield Finding(f"emoji {found} in an authentication {field.role.value}", field.at(start, end))
    for button in template.buttons:
        if button.type == "URL":
            yield Finding("authentication templates cannot have URL buttons", button.location)


@rule("AU002", "auth-otp-button", Severity.ERROR, sources=("M-AUTH-CC",))
def auth_otp_button(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """An authentication template has exactly one OTP button.

    ## What it does
    Flags an AUTHENTICATION template with no OTP button, more than one, or one whose
    `otp_type` is not COPY_CODE, ONE_TAP or ZERO_TAP.

    ## Why is this bad?
    Meta requires the copy-code or one-tap button on every authentication template.

    ## Example
        AUTHENTICATION with no BUTTONS component

    ## Use instead
        {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE"}]}
    """
    if not _is_auth(template):
        return
    otp = [button for button in template.buttons if button.is_otp]
    if len(otp) != 1:
        yield Finding(f"authentication template with {len(otp)} OTP buttons; exactly 1 needed",
                      otp[1].location if otp else template.location)
    for button in otp:
        if button.otp_type not in limits.OTP_TYPES:
            yield Finding(f"otp_type {button.otp_type!r}; use COPY_CODE, ONE_TAP or ZERO_TAP",
                          Location(f"{button.pointer}/otp_type"))


@rule("AU003", "auth-expiry", Severity.ERROR, sources=("M-AUTH-CC", "M-TTL"))
def auth_expiry(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Code expiry is 1-90 minutes; an authentication TTL is 30-900 seconds.

    ## What it does
    Checks `code_expiration_minutes` (footer) and `message_send_ttl_seconds`.

    ## Why is this bad?
    Meta refuses values outside these ranges.

    ## Example
        {"type": "FOOTER", "code_expiration_minutes": 120}

    ## Use instead
        {"type": "FOOTER", "code_expiration_minutes": 10}
    """
    minutes = template.code_expiration_minutes
    if minutes is not None and minutes not in limits.CODE_EXPIRATION_MINUTES:
        where = template.footer.pointer.rsplit("/", 1)[0] if template.footer else template.pointer
        yield Finding(f"code_expiration_minutes {minutes}; use 1 to 90",
                      Location(f"{where}/code_expiration_minutes"))
    ttl = template.message_send_ttl_seconds
    if _is_auth(template) and ttl is not None and ttl not in limits.AUTH_TTL_SECONDS:
        yield Finding(f"message_send_ttl_seconds {ttl}; authentication allows 30 to 900",
                      template.at("message_send_ttl_seconds"))


@rule("AU004", "auth-app-signature", Severity.ERROR, sources=("M-AUTH", "WAM"))
def auth_app_signature(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """One-tap and zero-tap buttons name a valid Android app and signature hash.

    ## What it does
    For ONE_TAP and ZERO_TAP buttons: at least one app, each with a valid Android package name
    and an 11-character signature hash of `[A-Za-z0-9/+=]`; ZERO_TAP also needs
    `zero_tap_terms_accepted: true`.

    ## Why is this bad?
    Meta refuses the button, and the autofill would never reach the app.

    ## Example
        {"type": "OTP", "otp_type": "ONE_TAP", "supported_apps": [{"package_name": "shop"}]}

    ## Use instead
        {"type": "OTP", "otp_type": "ONE_TAP", "supported_apps":
         [{"package_name": "com.example.shop", "signature_hash": "K8a/AINcGX7"}]}
    """
    for button in template.buttons:
        if not button.is_otp or button.otp_type not in ("ONE_TAP", "ZERO_TAP"):
            continue
        if not button.apps:
            yield Finding(f"{button.otp_type} button without supported_apps", button.location)
        for app in button.apps:
            if not limits.ANDROID_PACKAGE_PATTERN.match(app.package_name or ""):
                yield Finding(f"package_name {app.package_name!r} is not an Android application id",
                              Location(f"{app.pointer}/package_name"))
            if not limits.SIGNATURE_HASH_PATTERN.match(app.signature_hash or ""):
                yield Finding(f"signature_hash {app.signature_hash!r} must be 11 characters of "
                              "A-Z a-z 0-9 / + =", Location(f"{app.pointer}/signature_hash"))
        if button.otp_type == "ZERO_TAP" and button.zero_tap_terms_accepted is not True:
            yield Finding("ZERO_TAP button without zero_tap_terms_accepted: true", button.location)


# Phrases that name a one-time code, per language; a match next to a placeholder in the same
# sentence is a message that delivers a code.
_CODE_PHRASES = re.compile(
    r"\b(?:verification|security|login|one[- ]time|confirmation|access|auth(?:entication)?)"
    r"\s+(?:code|pin|password)\b|\bOTP\b|\bpasscode\b"
    r"|c[óo]digo\s+(?:de\s+)?(?:verifica[çc][ãa]o|verificaci[óo]n|seguran[çc]a|seguridad|acesso"
    r"|acceso|confirma[çc][ãa]o|confirmaci[óo]n|autentica[çc][ãa]o|autenticaci[óo]n)"
    r"|\bkode\s+(?:verifikasi|OTP|keamanan|akses)\b"
    r"|\b(?:Bestätigungscode|Verifizierungscode|Sicherheitscode|Einmalcode|Einmalpasswort)\b"
    r"|\bcode\s+de\s+(?:vérification|sécurité|confirmation|connexion)\b"
    r"|\bcodice\s+(?:di\s+)?(?:verifica|sicurezza|accesso|conferma)\b"
    r"|\b(?:verificatiecode|beveiligingscode|inlogcode|toegangscode)\b"
    r"|सत्यापन\s+कोड|वन\s+टाइम\s+पासवर्ड|ओटीपी"
    r"|رمز\s+(?:التحقق|التفعيل|الدخول)|كلمة\s+المرور\s+لمرة\s+واحدة",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n।؟]")
# Negations just before the phrase ("do not share the OTP", "nunca compartilhe o código").
_NEGATION_REACH = 30
_NEGATED = re.compile(r"\b(?:not|never|don't|no|nunca|jamás|jamais|não|nao|jangan|nicht|niemals|kein\w*|ne|non|"
                      r"mai|niet|nooit|geen)\b|मत|कभी|لا\s|أبدا|ابدا", re.IGNORECASE)
_CODE_WINDOW_AFTER = 25  # "your verification code is: {{1}}"
_CODE_WINDOW_BEFORE = 20  # "*{{1}}* is your verification code"


@rule("AU005", "otp-outside-auth", Severity.ERROR, predicts=("INCORRECT_CATEGORY",),
      sources=("M-CAT",))
def otp_outside_auth(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """One-time codes are sent with AUTHENTICATION templates only.

    ## What it does
    Flags a MARKETING or UTILITY body with a sentence that names a one-time code
    ("verification code", "OTP", "código de verificação", "kode OTP", "Bestätigungscode",
    "सत्यापन कोड", "رمز التحقق"...) next to a placeholder that would carry it.

    ## Why is this bad?
    Meta rejects codes in other categories: they must use the authentication format.

    ## Example
        UTILITY: Your verification code is {{1}}.

    ## Use instead
        Declare the template AUTHENTICATION and use Meta's OTP format.
    """
    body = template.body
    if body is None or template.effective_category not in ("MARKETING", "UTILITY"):
        return
    for phrase in _CODE_PHRASES.finditer(body.text):
        if _NEGATED.search(body.text[max(0, phrase.start() - _NEGATION_REACH):phrase.start()]):
            continue  # "never share your verification code": a warning, not a code
        if _code_placeholder_near(body.text, phrase.start(), phrase.end(), body.placeholders):
            yield Finding(f"delivers a one-time code ({phrase.group()!r}) in a "
                          f"{template.effective_category} template", body.at(phrase.start(), phrase.end()))
            return


def _code_placeholder_near(text: str, start: int, end: int, placeholders: tuple[Placeholder, ...]) -> bool:
    """A placeholder just after ("code is {{1}}") or before ("{{1}} is your code") the phrase,
    in the same sentence."""
    for placeholder in placeholders:
        if end <= placeholder.start <= end + _CODE_WINDOW_AFTER:
            between = text[end:placeholder.start]
        elif start - _CODE_WINDOW_BEFORE <= placeholder.end <= start:
            between = text[placeholder.end:start]
        else:
            continue
        if not _SENTENCE_END.search(between):
            return True
    return False
