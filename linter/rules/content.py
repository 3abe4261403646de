"""CT: content policy (what a template says, in every supported language)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from linter import lexicon
from linter.problem import Finding, Severity
from linter.rules.base import NoOptions, RuleContext, remember_first, rule
from linter.template import Template, TextField
from linter.textutil import URL, WORD


@lru_cache(maxsize=1)
def _shorteners() -> frozenset[str]:
    text = resources.files("linter.resources").joinpath("url_shorteners.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def _host(url: str) -> str:
    candidate = url if "://" in url else f"http://{url}"
    try:
        return (urlsplit(candidate).hostname or "").lower()
    except ValueError:
        return ""


def _is_shortener(host: str) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in _shorteners() for i in range(len(parts) - 1))


def _texts_with_links(template: Template) -> Iterator[TextField]:
    yield from (field for field in template.all_texts() if not field.generated)


@rule("CT001", "url-shortener", Severity.ERROR, predicts=("INVALID_FORMAT", "SCAM"),
      sources=("M-OLDGUIDE", "WAM"))
def url_shortener(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Links must show where they lead: no URL shorteners.

    ## What it does
    Finds links to shortening services (bit.ly, tinyurl.com, goo.gl, t.co, ow.ly, is.gd,
    cutt.ly, rb.gy and others listed in `linter/resources/url_shorteners.txt`) in any text or
    URL button.

    ## Why is this bad?
    Reviewers cannot see the destination and scammers hide behind shorteners: Meta rejects
    such templates.

    ## Example
        Track your parcel: https://bit.ly/3xYz

    ## Use instead
        Track your parcel: https://shop.example.com/track/{{1}}
    """
    for field in _texts_with_links(template):
        for match in URL.finditer(field.text):
            host = _host(match.group())
            if _is_shortener(host):
                yield Finding(f"shortened link ({host}) in the {field.role.value}",
                              field.at(match.start(), match.end()))


_SPACES = re.compile(r"\s+")


def _fingerprint(template: Template) -> str:
    """Body and footer, case and spacing folded, placeholders made anonymous."""
    parts = []
    for field in (template.body, template.footer):
        if field is not None:
            text = field.text
            for placeholder in reversed(field.placeholders):
                text = text[:placeholder.start] + "{{}}" + text[placeholder.end:]
            parts.append(_SPACES.sub(" ", text).strip().casefold())
    return "\n".join(parts)


@rule("CT007", "duplicate-content", Severity.ERROR, predicts=("INVALID_FORMAT",), sources=("M-REV",))
def duplicate_content(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Two templates in the linted set may not say the same thing.

    ## What it does
    Compares body and footer across every template of the run (all files), ignoring case,
    spacing and placeholder numbering or names. AUTHENTICATION templates are exempt: Meta
    writes their text.

    ## Why is this bad?
    Meta rejects a template whose content duplicates an existing one of the account, even
    under another name; translations are separate templates and are not affected.

    ## Example
        order_shipped and order_dispatched both say "Your order {{1}} has shipped."

    ## Use instead
        Keep one template and send it for both cases.
    """
    if template.body is None or template.effective_category == "AUTHENTICATION":
        return
    fingerprint = _fingerprint(template)
    if not fingerprint:
        return
    first = remember_first(ctx.sightings, ("CT007", template.language, fingerprint), template)
    if first is not None:
        yield Finding(f"same body and footer as {first}", template.body.whole)


def _lexicon_fields(template: Template) -> Iterator[tuple[TextField, tuple[lexicon.Match, ...]]]:
    """Each authored text with its lexicon matches, in the template's language."""
    language = lexicon.language_of(template.language)
    if language is None:
        return
    texts = [template.header.text if template.header else None, template.body, template.footer]
    texts += [button.label for button in template.buttons]
    for field in texts:
        if field is not None and not field.generated and field.text.strip():
            yield field, lexicon.matches(language, field.text)


def _in_a_name(text: str, match: lexicon.Match) -> bool:
    """Capitalised mid-sentence: part of a proper name such as a shop's."""
    before = text[:match.start].rstrip()
    return match.text[:1].isupper() and bool(before) and before[-1] not in ".!?:\n"


_PARTIAL_REACH = 25  # "the last 4 digits of your card number": the partial phrase governs what follows


# "... the last 4 digits and your PIN": a conjunction starts a second, separate request.
_CONJUNCTION = re.compile(r"[,;&+]|\b(?:and|or|plus|y|o|e|ou|und|oder|sowie|et|ed|dan|atau|और|या)\b|و",
                          re.IGNORECASE)


def _excused(text: str, secret: lexicon.Match, partial: list[lexicon.Match]) -> bool:
    """A secret inside a partial identifier, or governed by one just before it."""
    for p in partial:
        if p.start <= secret.start and secret.end <= p.end:
            return True
        between = text[p.end:secret.start]
        if p.sentence == secret.sentence and 0 <= len(between) <= _PARTIAL_REACH \
                and not _CONJUNCTION.search(between):
            return True
    return False


@rule("CT002", "sensitive-data-request", Severity.ERROR, predicts=("SCAM", "ABUSIVE_CONTENT"),
      sources=("M-REV",))
def sensitive_data_request(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """A template may not ask for card numbers, CVVs, PINs, passwords, codes or ID numbers.

    ## What it does
    In each sentence, looks for a secret (full card number, CVV, PIN, password, one-time code,
    national ID number such as CPF, Aadhaar, NIK, DNI or BSN) together with a request to send,
    share or reply with it, using the lexicon of the template's language
    (`linter/resources/lexicons/<lang>.toml`, matched on words and lemmas). A sentence that
    warns ("we will never ask for your PIN", "nunca pediremos sua senha", "do not share this
    code") is good practice and is not flagged; partial identifiers ("last 4 digits") are fine.
    AUTHENTICATION templates are exempt: Meta writes their text.

    ## Why is this bad?
    Meta rejects templates that collect sensitive data over WhatsApp, and they are what
    phishing looks like to your customers.

    ## Example
        Reply with your card number and CVV to confirm the payment.

    ## Use instead
        Confirm the payment in the app. We will never ask for your card details here.
    """
    if template.effective_category == "AUTHENTICATION":
        return
    for field, found in _lexicon_fields(template):
        requests = lexicon.of(found, "sensitive_request", "request")
        warnings = lexicon.of(found, "sensitive_request", "warning")
        partial = lexicon.of(found, "sensitive_request", "partial")
        for secret in lexicon.of(found, "sensitive_request", "secret"):
            asking = [r for r in requests if r.sentence == secret.sentence]
            warned = any(w.sentence == secret.sentence for w in warnings)
            if asking and not warned and not _excused(field.text, secret, partial):
                yield Finding(f"asks for '{secret.text}' ('{asking[0].text}') in the {field.role.value}",
                              field.at(secret.start, secret.end))
                break


_PRODUCT_SECTIONS = ("drugs", "tobacco", "alcohol", "weapons", "adult", "gambling", "dating",
                     "payday_loans", "crypto", "mlm", "counterfeit", "animals")


@rule("CT003", "prohibited-commerce", Severity.ERROR, predicts=("ABUSIVE_CONTENT",),
      sources=("M-REV", "COMMERCE"))
def prohibited_commerce(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Templates may not sell or promote what WhatsApp's Commerce Policy forbids.

    ## What it does
    Finds products of the Commerce Policy's forbidden categories (drugs and prescription
    medicine sold without prescription, tobacco and vapes, alcohol, weapons, adult services,
    real-money gambling, dating, payday loans, crypto offerings, MLM, counterfeits, animals)
    anywhere in a MARKETING template, and in other templates in a sentence that sells or
    promotes (buy, order, price, discount, delivery...). Outside MARKETING, a product word
    written as part of a capitalised name (a merchant such as "Vinos y Licores La Rioja" in a
    card-payment alert) is not counted, except in languages that capitalise every noun (German).

    The boundary: a pharmacy telling a customer that *their* prescription is ready, or a
    bank reporting a card payment at a bar, names no forbidden product in a selling sentence
    and is not flagged; "buy tramadol without prescription, fast delivery" is. Compounds that
    name no product ("wine glasses", "verres à vin") are listed per language under
    `prohibited.not_product` and never count.

    ## Why is this bad?
    Meta rejects such templates and can restrict the account.

    ## Example
        Order premium vapes today with free delivery!

    ## Use instead
        Do not use WhatsApp templates to sell restricted goods.
    """
    marketing = template.effective_category == "MARKETING"
    for field, found in _lexicon_fields(template):
        selling = lexicon.of(found, "prohibited", "sell")
        # Compounds that contain a product word but name no product ("wine glasses").
        harmless = lexicon.of(found, "prohibited", "not_product")
        for product in (m for m in found if m.section == "prohibited" and m.key in _PRODUCT_SECTIONS):
            if any(h.start <= product.start and product.end <= h.end for h in harmless):
                continue
            if not marketing and lexicon.language_of(template.language) not in lexicon.CAPITALISES_NOUNS \
                    and _in_a_name(field.text, product):
                continue  # "a card payment at Vinos y Licores La Rioja" reports, it does not sell
            if marketing or any(s.sentence == product.sentence for s in selling):
                yield Finding(f"promotes {product.key.replace('_', ' ')} ('{product.text}') in the "
                              f"{field.role.value}", field.at(product.start, product.end))
                return


@rule("CT004", "threatening-content", Severity.ERROR, predicts=("ABUSIVE_CONTENT",), sources=("M-REV",))
def threatening_content(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """No threats: legal action, public shaming, contacting family or employer.

    ## What it does
    Finds debt-collection style threats from the lexicon of the template's language ("legal
    action", "we will contact your family", "acciones legales", "nome sujo"...).

    ## Why is this bad?
    Meta rejects threatening templates as abusive, and they damage the account's quality rating.

    ## Example
        Pay {{1}} today or we will take legal action and inform your employer.

    ## Use instead
        Your payment of {{1}} is overdue. Reply to this message to agree a payment plan.
    """
    for field, found in _lexicon_fields(template):
        for threat in lexicon.of(found, "threat"):
            yield Finding(f"threatening wording '{threat.text}' in the {field.role.value}",
                          field.at(threat.start, threat.end))
            break


_REPEATED_MARKS = re.compile(r"[!?¡¿]{3,}")
_SHOUT_MIN_LETTERS = 15
_SHOUT_MIN_WORDS = 4


def _shouted_runs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of 4+ consecutive words in capitals (scripts without case never shout)."""
    run: list[re.Match[str]] = []
    for word in [*WORD.finditer(text), None]:
        if word is not None and word.group().isupper() and len(word.group()) >= 2:
            run.append(word)
            continue
        if len(run) >= _SHOUT_MIN_WORDS and sum(len(w.group()) for w in run) >= _SHOUT_MIN_LETTERS:
            yield run[0].start(), run[-1].end()
        run = []


@rule("CT005", "shouting", Severity.WARNING, predicts=("PROMOTIONAL",), sources=("BP",))
def shouting(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """No shouting: long ALL-CAPS runs, "!!!", or spam words in capitals.

    ## What it does
    Flags four or more words in capitals in a row (15 letters or more, so acronyms pass),
    three or more `!`/`?` in a row, and spam words of the language's lexicon written in
    capitals ("FREE", "URGENT", "GRATIS", "URGENTE").

    ## Why is this bad?
    It reads as spam to reviewers, to Meta's classifier and to customers, who block and
    report such senders.

    ## Example
        FREE DELIVERY ON ALL ORDERS TODAY!!!

    ## Use instead
        Free delivery on all orders today.
    """
    shouted: dict[str, list[tuple[int, int]]] = {}
    for field in (template.header.text if template.header else None, template.body, template.footer):
        if field is None or field.generated:
            continue
        text = field.text
        shouted[field.pointer] = runs = list(_shouted_runs(text))
        for start, end in runs[:1]:
            yield Finding(f"text in capitals: '{text[start:end]}'", field.at(start, end))
        for marks in _REPEATED_MARKS.finditer(text):
            yield Finding(f"repeated '{marks.group()}'", field.at(marks.start(), marks.end()))
            break
    for field, found in _lexicon_fields(template):
        runs = shouted.get(field.pointer, [])
        for word in lexicon.of(found, "spam"):
            inside_run = any(start <= word.start < end for start, end in runs)
            if word.text.isupper() and sum(c.isalpha() for c in word.text) >= 3 and not inside_run:
                yield Finding(f"spam word in capitals: '{word.text}'", field.at(word.start, word.end))
                break


@rule("CT008", "gambling-wording", Severity.WARNING, predicts=("PROMOTIONAL", "ABUSIVE_CONTENT"),
      sources=("TW",))
def gambling_wording(template: Template, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
    """Prize-draw wording ("win a prize", raffle, lottery, jackpot) draws extra scrutiny.

    ## What it does
    Finds prize and lottery wording from the lexicon of the template's language, in any
    category.

    ## Why is this bad?
    Twilio and Meta treat it as gambling or scam signals: such templates are often rejected
    or blocked by recipients.

    ## Example
        Reply YES to enter our raffle and win a prize!

    ## Use instead
        Say what the customer gets and on what terms, without lottery language.
    """
    for field, found in _lexicon_fields(template):
        for phrase in lexicon.of(found, "gambling_wording"):
            yield Finding(f"gambling wording '{phrase.text}' in the {field.role.value}",
                          field.at(phrase.start, phrase.end))
            break


@dataclass(frozen=True, slots=True)
class LanguageMismatchOptions:
    min_confidence: float = 0.9
    min_words: int = 6
    detect_mixing: bool = False
    min_mixed_words: int = 8


def _mostly_latin(words: list[str]) -> bool:
    latin = sum(1 for word in words if all(c < "\u0250" for c in word))
    return latin >= 0.8 * len(words)


_SENTENCES = re.compile(r"[.!?。؟।\n]+")
_NOT_PROSE = re.compile(r"\{\{[^{}]*\}\}|\{\d+\}|(?:https?://|www\.)\S+|[\d_*~`]+")


def _prose(template: Template) -> str:
    fields = [template.header.text if template.header else None, template.body, template.footer]
    return "\n".join(_NOT_PROSE.sub(" ", f.text) for f in fields if f is not None and not f.generated)


def _text_to_identify(template: Template, options: LanguageMismatchOptions) -> str | None:
    """The prose CT006 identifies, or None where it judges nothing: no supported declared
    language, too few words, or romanised Hindi or Arabic (identifiers read it as English)."""
    from linter import langid

    declared = langid.base_language(template.language)
    text = _prose(template)
    words = WORD.findall(text)
    if not declared or not langid.supported(declared) or len(words) < options.min_words:
        return None
    if declared in langid.NON_LATIN and _mostly_latin(words):
        return None
    return text


_GUESSES = "CT006 guesses"  # the batch's language guesses, in the rule's memory


def _identify_batch(templates: Sequence[Template], ctx: RuleContext[LanguageMismatchOptions]) -> None:
    from linter import langid

    texts = [text for t in templates if (text := _text_to_identify(t, ctx.options)) is not None]
    ctx.memory[_GUESSES] = langid.best_guesses(texts)


@rule("CT006", "language-mismatch", Severity.WARNING, options=LanguageMismatchOptions,
      predicts=("INVALID_FORMAT",), sources=("M-OLDGUIDE",), prepare=_identify_batch)
def language_mismatch(template: Template, ctx: RuleContext[LanguageMismatchOptions]) -> Iterator[Finding]:
    """The text is in the declared language, not another one or a mix of two.

    ## What it does
    Identifies the language of the header, body and footer (placeholders, links and numbers
    set aside) with the lingua library, among the languages Meta supports, offline. It warns
    only when confident: at least `min_words` words and a confidence of at least
    `min_confidence` for a language other than the declared one; or two languages that each
    take `min_mixed_words` words or more, one of them the declared one. Short texts, and texts
    made mostly of placeholders, names and brand words, are never flagged; nor are close
    relatives (Indonesian/Malay, Spanish/Portuguese/Catalan, Danish/Norwegian/Swedish...), which
    identifiers confuse on short texts, and romanised text under a language with its own script
    (Hinglish under `hi`, Arabizi under `ar`). Mixing is judged
    sentence by sentence and is off by default: on real templates it mistook related languages
    (Spanish/Portuguese/Catalan, Danish/Norwegian) for each other in about 1% of them.

    ## Why is this bad?
    Meta rejects templates whose content does not match their language, and sends the right
    translation by language code: a Portuguese text under `es` reaches Spanish speakers.

    ## Example
        "language": "es", body: "Olá {{1}}, seu pedido foi enviado e chega amanhã."

    ## Use instead
        "language": "pt_BR"

    ## Options
    - `min_confidence` (float, default 0.9)
    - `min_words` (int, default 6)
    - `detect_mixing` (bool, default false): also report two languages in one template
    - `min_mixed_words` (int, default 8): words a sentence needs to count for mixing
    """
    from linter import langid

    text = _text_to_identify(template, ctx.options)
    if text is None:
        return
    declared = langid.base_language(template.language)
    where = template.body.whole if template.body else template.at("language")
    best = ctx.memory.get(_GUESSES, {}).get(text) or langid.best_guess(text)
    if (best.language != declared and not langid.related(best.language, declared)
            and best.confidence >= ctx.options.min_confidence):
        yield Finding(f"text reads as {best.name} ({best.confidence:.0%}), declared {template.language}",
                      where)
        return
    if not ctx.options.detect_mixing:
        return
    # Mixing is judged sentence by sentence: a sentence counts only when it is long enough and
    # confidently one language on its own (short stretches are where identification errs).
    confident = {}
    for sentence in _SENTENCES.split(text):
        if len(WORD.findall(sentence)) >= ctx.options.min_mixed_words:
            guess = langid.best_guess(sentence)
            if guess.confidence >= ctx.options.min_confidence:
                confident[guess.language] = guess.name
    others = [name for lang, name in confident.items() if lang != declared and not langid.related(lang, declared)]
    if declared in confident and others:
        other = others[0]
        yield Finding(f"text mixes {confident[declared]} and {other}", where)
