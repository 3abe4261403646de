"""Reword a template that reads as promotional into a transactional one, or say it cannot be.

The rewrite works on Meta's create shape and is deterministic:

1. the body is cut into lines and sentences (spaCy's sentencizer) and each sentence is read
   with the language's lexicon (``[promotional]``, ``[neutralise]``, ``[transactional]``);
2. promotional sentences go (a sentence that also carries a placeholder loses only its
   promotional clause), and so do promotional headers, footers and buttons (a promotional URL
   button that points at the user's own transaction is relabelled instead); hype and urgency
   words, promotional emoji and exclamation marks are toned down;
3. every sentence is scored on its own: one without a placeholder that reads as an advert, and
   whose removal lowers the whole template's score, goes too;
4. while the classifier still scores the template at or above the threshold, the part whose
   removal lowers the score most goes: first parts with no placeholder and no transactional
   word, then parts with no placeholder, then sentences that read as adverts on their own, and
   last the placeholder-free clause that holds one of the classifier's promotional phrases;
5. the remaining placeholders are renumbered 1..N, their examples follow them, and a greeting or
   a sign-off is added where Meta's rules on placeholders at the ends of the body need one.

When nothing transactional is left, or the score stays at or above the threshold, the advice is
to submit the template as MARKETING.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from linter import lexicon, limits, shapes
from linter.lexicon import Match
from linter.nlp import blank
from linter.placeholders import PlaceholderKind, parse, placeholder_text
from linter.sources import JsonSource
from linter.template import Template, TemplateError, parse_template
from linter.textutil import WORD, emoji_spans, is_filler, without_placeholders

PROMOTIONAL = "promotional"
NEUTRALISE = "neutralise"
TRANSACTIONAL = "transactional"
# Emoji that only add excitement; the rest (a parcel, a calendar) carry meaning and stay.
PROMOTIONAL_EMOJI = frozenset("🎉🎊🥳🔥💥🤑💸💰🎁🏷️⚡✨🤩😍👉🚨⏰⏳⌛💯🆕🆓🛍️🛒❤️😱🙌🚀⭐🌟")
_EXCLAMATION = re.compile(r"\s*[!¡]+")
_CLAUSE_BREAK = re.compile(r"(?<=[,;،])\s+|\s+(?=[–—-]\s)")
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?،。])")
_LEADING_JUNK = re.compile(r"^[\s,;:.\-–—،]+")
_DOUBLE_PUNCT = re.compile(r"([,;:])\s*([.!?])")
_TERMINAL = ".!?।。؟"
_FORMATTING = frozenset("*_~")
_NUMBERED = re.compile(r"\{\{\s*(\d+)\s*\}\}")
DEFAULT_BUTTON_LABEL = "View details"
MIN_WORDS_ALONE = 4  # shorter sentences say too little for the classifier to judge alone


@dataclass(frozen=True, slots=True)
class Change:
    """One thing the rewrite changed, and why."""

    part: str  # body, header, footer, buttons/<n>, category
    action: str  # removed, toned down, punctuated, relabelled, renumbered, added
    text: str
    why: str

    def as_dict(self) -> dict[str, str]:
        return {"what": f"{self.action} {self.part}: {self.text}".rstrip(": "), "why": self.why,
                "part": self.part, "action": self.action, "text": self.text}


@dataclass(frozen=True, slots=True)
class Rewrite:
    """The outcome: ``reword`` with a rewritten template, ``recategorise`` or ``none``."""

    action: str
    reason: str
    probability_before: float
    probability_after: float | None = None
    rewritten: dict[str, Any] | None = None
    changes: tuple[Change, ...] = ()
    kept_examples: tuple[str, ...] = ()  # example values of the placeholders that survived
    dropped_examples: tuple[str, ...] = ()


Score = Callable[[Sequence[Template]], list[Mapping[str, float]]]  # probabilities per label
Explain = Callable[[Template], Sequence[str]]  # phrases pushing towards MARKETING, strongest first
MAX_PHRASE_CUTS = 3


def _marketing(templates: Sequence[Template], score: Score) -> list[float]:
    return [p["MARKETING"] for p in score(templates)]


# --- the pieces of a template -------------------------------------------------------------------

@dataclass(slots=True)
class Piece:
    """A sentence of the body (or a run of line breaks between lines)."""

    text: str
    line_break: bool = False
    core: bool = False  # carries a placeholder or a transactional word
    has_placeholder: bool = False
    cue: bool = False  # holds a transactional word
    keep: bool = True
    alone: float = 0.0  # MARKETING probability of the sentence as a body of its own
    alone_share: float = 0.0  # the same against UTILITY: MARKETING / (MARKETING + UTILITY)


@dataclass(slots=True)
class Draft:
    """A template being rewritten: the body in pieces, the other parts whole."""

    create: dict[str, Any]
    pieces: list[Piece]
    header: bool = True  # keep the header component
    footer: bool = True
    buttons: list[bool] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def copy(self) -> Draft:
        return Draft(self.create, [replace(p) for p in self.pieces], self.header, self.footer,
                     list(self.buttons), list(self.changes))


class Reader:
    """The language's lexicon and sentencizer, and the phrases they find in a text."""

    def __init__(self, language: str | None) -> None:
        self.language = lexicon.language_of(language)
        self._entries = lexicon.entries(self.language) if self.language else {}

    def matches(self, text: str, section: str) -> list[Match]:
        if not self.language or not text.strip():
            return []
        # *bold*, _italic_ and ~strike~ markers would split phrases ("*-15 %* sur votre
        # prochaine commande"): the lexicon reads the text without them
        kept = [i for i, char in enumerate(text) if char not in _FORMATTING]
        found = lexicon.of(lexicon.matches(self.language, "".join(text[i] for i in kept)), section)
        return [replace(m, start=kept[m.start], end=kept[m.end - 1] + 1,
                        text=text[kept[m.start]:kept[m.end - 1] + 1]) for m in found]

    def sentences(self, text: str) -> list[str]:
        """``text`` cut into sentences that join back into it exactly."""
        if not text.strip():
            return [text]
        # "{{4}}." is one token to spaCy, so a sentence ending in a placeholder would not end:
        # the sentencizer reads a copy with each placeholder masked by a word and a space of
        # the same length, which keeps every offset.
        masked = text
        for placeholder in parse(text).placeholders:
            width = placeholder.end - placeholder.start
            masked = masked[:placeholder.start] + "x" * (width - 1) + " " + masked[placeholder.end:]
        nlp = lexicon.lexicon(self.language).nlp if self.language else blank("xx")
        doc = nlp.get_pipe("sentencizer")(nlp.make_doc(masked))
        return [text[s.start_char:s.end_char + len(s.text_with_ws) - len(s.text)] for s in doc.sents]

    def neutral(self, key: str, default: str) -> str:
        return self.neutrals(key, (default,))[0]

    def neutrals(self, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        """The lexicon's ``[neutral]`` texts for ``key`` (a button label, a sign-off...)."""
        return tuple(self._entries.get("neutral", {}).get(key) or default)


def _pieces(text: str, reader: Reader) -> list[Piece]:
    pieces = []
    for part in re.split(r"(\n+)", text):
        if part.startswith("\n"):
            pieces.append(Piece(part, line_break=True))
        elif part:
            pieces += [_piece(sentence, reader) for sentence in reader.sentences(part)]
    return pieces


def _piece(text: str, reader: Reader) -> Piece:
    has_placeholder = bool(parse(text).placeholders)
    cue = bool(reader.matches(text, TRANSACTIONAL))
    return Piece(text, core=has_placeholder or cue, has_placeholder=has_placeholder, cue=cue)


# --- step 2: the lexicon pass --------------------------------------------------------------------

def _why(found: list[Match]) -> str:
    kinds = sorted({m.key.replace("_", " ") for m in found})
    phrases = ", ".join(f"'{m.text}'" for m in found[:3])
    return f"promotional ({', '.join(kinds)}): {phrases}"


def _lexicon_pass(draft: Draft, reader: Reader) -> None:
    for piece in draft.pieces:
        if piece.line_break:
            continue
        found = reader.matches(piece.text, PROMOTIONAL)
        if found:
            _drop_promotional(piece, found, draft, reader)
        if piece.keep:
            _tone_down(piece, draft, reader)
    _lexicon_parts(draft, reader)


def _drop_promotional(piece: Piece, found: list[Match], draft: Draft, reader: Reader) -> None:
    clauses = _CLAUSE_BREAK.split(piece.text)
    kept = [c for c in clauses if not reader.matches(c, PROMOTIONAL)]
    if piece.has_placeholder and kept and len(kept) < len(clauses):
        removed = [c.strip() for c in clauses if c not in kept]
        piece.text = _close_sentence(" ".join(kept), piece.text)
        piece.has_placeholder = bool(parse(piece.text).placeholders)
        draft.changes.append(Change("body", "removed", " ".join(removed), _why(found)))
        return
    piece.keep = False
    draft.changes.append(Change("body", "removed", piece.text.strip(), _why(found)))


def _close_sentence(text: str, original: str) -> str:
    """Kept clauses of a sentence, ending as the sentence did (or with a full stop)."""
    stripped = original.rstrip()
    trailing = original[len(stripped):]
    end = stripped[-1] if stripped and stripped[-1] in _TERMINAL else "."
    body = text.strip().rstrip(",;:-–—،").rstrip()
    if body and body[-1] not in _TERMINAL:
        body += end
    return body + (trailing or " ")


def _tone_down(piece: Piece, draft: Draft, reader: Reader) -> None:
    before = piece.text
    spans = [(m.start, m.end) for m in reader.matches(before, NEUTRALISE)]
    spans += [(s, e) for s, e, emoji in emoji_spans(before) if emoji in PROMOTIONAL_EMOJI]
    text = _tidy(_cut(before, spans), before)
    text = _EXCLAMATION.sub(".", text) if "!" in text or "¡" in text else text
    text = text.replace("..", ".").replace("?.", "?")
    if text == before:
        return
    placeholders = parse(text).placeholders
    if not WORD.search(without_placeholders(text, placeholders)):
        if not placeholders:
            piece.keep = False
            draft.changes.append(Change("body", "removed", before.strip(), "hype without information"))
            return
        # "Great news, {{1}}!" keeps the name as a plain greeting
        names = " ".join(text[p.start:p.end] for p in placeholders)
        text = f"{reader.neutral('greeting', 'Hello')} {names}." + before[len(before.rstrip()):]
    piece.text = text
    # Exclamation marks alone are worth toning down only in a rewording made for other reasons.
    action, why = ("toned down", "hype and urgency read as marketing") if spans else \
        ("punctuated", "exclamation marks read as marketing")
    draft.changes.append(Change("body", action, f"{before.strip()} -> {text.strip()}", why))


def _cut(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` without the spans (overlapping ones count once)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + text[end:]
    return text


def _tidy(text: str, original: str) -> str:
    """Spaces and punctuation left clean after words were cut out of ``original``."""
    trailing = original[len(original.rstrip()):]
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _DOUBLE_PUNCT.sub(r"\2", text)
    text = _LEADING_JUNK.sub("", text).rstrip()
    if text and original.lstrip()[:1].isupper() and text[0].islower():
        text = text[0].upper() + text[1:]
    return text + trailing if text else ""


def _lexicon_parts(draft: Draft, reader: Reader) -> None:
    header = shapes.component(draft.create, "HEADER")
    if header and header.get("text") and reader.matches(header["text"], PROMOTIONAL):
        draft.header = False
        draft.changes.append(Change("header", "removed", header["text"],
                                    _why(reader.matches(header["text"], PROMOTIONAL))))
    footer = shapes.component(draft.create, "FOOTER")
    if footer and footer.get("text") and reader.matches(footer["text"], PROMOTIONAL):
        draft.footer = False
        draft.changes.append(Change("footer", "removed", footer["text"],
                                    _why(reader.matches(footer["text"], PROMOTIONAL))))
    for index, button in enumerate(_buttons(draft.create)):
        label = str(button.get("text", ""))
        found = reader.matches(label, PROMOTIONAL)
        if str(button.get("type", "")).upper() == "COPY_CODE":
            draft.buttons[index] = False
            draft.changes.append(Change(f"buttons/{index}", "removed", label or "copy code",
                                        "a code to copy in a utility message is an offer code"))
        elif found:
            draft.buttons[index] = False
            draft.changes.append(Change(f"buttons/{index}", "removed", label, _why(found)))


def _buttons(create: dict[str, Any]) -> list[dict[str, Any]]:
    buttons = shapes.component(create, "BUTTONS")
    return [b for b in (buttons or {}).get("buttons", []) if isinstance(b, dict)]


def _personal_url(button: dict[str, Any]) -> bool:
    """A URL button whose link carries a placeholder points at the user's own transaction."""
    return str(button.get("type", "")).upper() == "URL" and bool(parse(str(button.get("url", ""))).placeholders)


# --- assembling a draft --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Assembled:
    create: dict[str, Any]
    kept: tuple[str, ...] = ()  # example values of the body placeholders that stayed
    dropped: tuple[str, ...] = ()
    renumbered: bool = False


def assemble(draft: Draft, relabel: str) -> Assembled:
    """The draft as a create-shape template (a second component of a kind, which Meta would
    refuse anyway, is left as it was)."""
    create = copy.deepcopy(draft.create)
    first = {kind: shapes.component(create, kind) for kind in ("HEADER", "BODY", "FOOTER", "BUTTONS")}
    components = []
    body = Assembled(create)
    for component in create.get("components", []):
        kind = next((k for k, c in first.items() if c is component), None)
        if kind == "BODY":
            body = _assembled_body(component, draft.pieces)
            component = body.create
        elif (kind == "HEADER" and not draft.header) or \
                (kind == "FOOTER" and not draft.footer and component.get("text")):
            continue
        elif kind == "BUTTONS":
            component["buttons"] = [_relabelled(b, relabel) if not keep and _personal_url(b) else b
                                    for b, keep in zip(_buttons(draft.create), draft.buttons, strict=True)
                                    if keep or _personal_url(b)]
            if not component["buttons"]:
                continue
        components.append(component)
    create["components"] = components
    return replace(body, create=create)


def _relabelled(button: dict[str, Any], label: str) -> dict[str, Any]:
    return {**button, "text": label}


def _assembled_body(component: dict[str, Any], pieces: list[Piece]) -> Assembled:
    """The body of the kept pieces, placeholders renumbered 1..N with their examples."""
    text = _join(pieces)
    placeholders = parse(text).placeholders
    numbers: list[int] = []
    for placeholder in placeholders:
        if placeholder.number is not None and placeholder.number not in numbers:
            numbers.append(placeholder.number)
    # Legacy {1} braces are PH013's to fix; renumbering around them would mismatch the examples.
    legacy = any(p.kind is PlaceholderKind.LEGACY for p in placeholders)
    renumber = {old: old if legacy else new for new, old in enumerate(numbers, 1)}  # old -> new
    text = _NUMBERED.sub(lambda m: placeholder_text(renumber.get(int(m.group(1)), int(m.group(1)))), text)
    example = copy.deepcopy(component.get("example") or {})
    if not isinstance(example, dict):  # not Meta's shape: left for the rules to report
        example = {}
    rows = example.get("body_text")
    rows = rows if isinstance(rows, list) else None
    values = [str(v) for v in (rows[0] if rows and isinstance(rows[0], list) else rows or [])]
    if legacy:
        kept, dropped = tuple(values), ()
    else:
        kept = tuple(values[n - 1] for n in numbers if n <= len(values))
        dropped = tuple(v for n, v in enumerate(values, 1) if n not in renumber)
        if rows:
            example["body_text"] = [list(kept)]
    if isinstance(example.get("body_text_named_params"), list):
        named = {p.name for p in parse(text).placeholders if p.name}
        params = [p for p in example["body_text_named_params"] if isinstance(p, dict)]
        example["body_text_named_params"] = [p for p in params if p.get("param_name") in named]
        kept = tuple(str(p.get("example")) for p in example["body_text_named_params"])
        dropped = tuple(str(p.get("example")) for p in params if p.get("param_name") not in named)
    out = {**component, "text": text} | ({"example": example} if example else {})
    return Assembled(out, kept, dropped, any(old != new for old, new in renumber.items()))


def _join(pieces: list[Piece]) -> str:
    parts: list[str] = []
    for piece in pieces:
        if piece.line_break:
            if parts and not parts[-1].startswith("\n"):
                parts.append(piece.text)
            elif parts:
                parts[-1] = max(parts[-1], piece.text, key=len)
        elif piece.keep:
            parts.append(piece.text)
    text = "".join(parts)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- the whole rewrite ---------------------------------------------------------------------------

def template_of(create: dict[str, Any], path: str = "<rewritten>") -> Template:
    """A ``Template`` of a create-shape dict, placed in its own JSON text (on one line: json's
    C encoder writes it, and rewording makes several candidates per template)."""
    return parse_template(create, JsonSource(path, json.dumps(create, ensure_ascii=False)))


def rewrite(create: dict[str, Any], score: Score, threshold: float, explain: Explain | None = None) -> Rewrite:
    """Reword ``create`` (Meta's create shape) below ``threshold``, or advise MARKETING;
    ``explain`` (the classifier's phrases) lets a last step cut clauses rather than sentences."""
    try:
        before = _marketing([template_of(create)], score)[0]
    except TemplateError as error:  # only a template wtlint reads can be reworded
        return Rewrite("none", f"not a template wtlint can reword: {error.message}", 0.0)
    category = str(create.get("category", "")).upper()
    body = shapes.component(create, "BODY")
    if category in ("MARKETING", "AUTHENTICATION") or body is None or not body.get("text"):
        reason = ("declared MARKETING: nothing to reword" if category == "MARKETING" else
                  "authentication text is written by Meta" if category == "AUTHENTICATION" else
                  "no body text to reword")
        return Rewrite("none", reason, before)
    reader = Reader(create.get("language") if isinstance(create.get("language"), str) else None)
    draft = Draft(create, _pieces(body["text"], reader), buttons=[True] * len(_buttons(create)))
    _lexicon_pass(draft, reader)
    relabel = reader.neutral("url_button", DEFAULT_BUTTON_LABEL)
    _sentence_pass(draft, score, threshold, relabel)
    if before < threshold and all(change.action == "punctuated" for change in draft.changes):
        return Rewrite("none", "reads as transactional already", before)
    draft, after = _reduce(draft, score, threshold, relabel)
    if after >= threshold and explain is not None:
        draft, after = _cut_phrases(draft, score, threshold, relabel, explain)
    if not any(p.keep and p.core for p in draft.pieces):
        return Rewrite("recategorise", "nothing transactional is left once the promotional parts "
                       "are removed: submit it as MARKETING", before, changes=tuple(draft.changes))
    if after >= threshold:
        return Rewrite("recategorise", f"still reads as MARKETING ({after:.0%}) after removing the "
                       "promotional parts: submit it as MARKETING", before, after, changes=tuple(draft.changes))
    result = assemble(draft, relabel)
    rewritten, closing = _meta_fixups(result.create, reader)
    renumbered = [Change("body", "renumbered", "placeholders", "placeholders must run 1..N without "
                         "gaps; their examples moved with them")] if result.renumbered else []
    changes = [*draft.changes, *closing, *_relabel_changes(draft, relabel), *renumbered]
    return Rewrite("reword", "the transactional part stays; the promotional parts are removed",
                   before, _marketing([template_of(rewritten)], score)[0], rewritten, tuple(changes),
                   result.kept, result.dropped)


def _reduce(draft: Draft, score: Score, threshold: float, relabel: str) -> tuple[Draft, float]:
    """Drop, one at a time, the part whose removal lowers the score most, until below the
    threshold: first parts with no placeholder and no transactional word, then parts with no
    placeholder, then sentences that read as marketing on their own (never the last one that
    carries the transaction)."""
    current = _marketing([template_of(assemble(draft, relabel).create)], score)[0]
    for allowed in (_plain_parts, _unplaced_parts, _promotional_sentences):
        while current >= threshold:
            options = [(what, _without(draft, what)) for what in allowed(draft, threshold)]
            best = _best_cut([d for _, d in options], current, score, relabel)
            if best is None:
                break
            what, draft = options[best[0]]
            draft.changes.append(Change(*_describe(what, draft), _lowers(current, best[1])))
            current = best[1]
    return draft, current


def _best_cut(drafts: list[Draft], current: float, score: Score, relabel: str) -> tuple[int, float] | None:
    """Which of ``drafts`` scores lowest, and its score, if that is below ``current``."""
    if not drafts:
        return None
    scores = _marketing([template_of(assemble(d, relabel).create) for d in drafts], score)
    best = min(range(len(drafts)), key=lambda i: (scores[i], i))
    return (best, scores[best]) if scores[best] < current else None


def _lowers(before: float, after: float) -> str:
    return (f"the classifier reads it as promotional: without it the MARKETING probability falls "
            f"from {before:.0%} to {after:.0%}")


def _sentence_pass(draft: Draft, score: Score, threshold: float, relabel: str) -> None:
    """Drop the sentences that read as an advert on their own and whose removal lowers the
    whole template's score, whatever that score is: a coupon sentence the lexicon does not know
    still goes. Short texts are where the classifier errs, and losing the user's details is worse
    than keeping a promotion, so sentences with a placeholder stay."""
    sentences = [i for i, p in enumerate(draft.pieces) if p.keep and not p.line_break]
    alone = score([_alone(draft.create, draft.pieces[i].text) for i in sentences])
    whole = _marketing([template_of(assemble(d, relabel).create)
                        for d in (draft, *(_without(draft, ("body", i)) for i in sentences))], score)
    for i, p, without in zip(sentences, alone, whole[1:], strict=True):
        piece = draft.pieces[i]
        piece.alone = p["MARKETING"]
        piece.alone_share = p["MARKETING"] / ((p["MARKETING"] + p["UTILITY"]) or 1.0)
        if _reads_as_advert(piece, threshold) and not piece.has_placeholder and without < whole[0]:
            piece.keep = False
            draft.changes.append(Change("body", "removed", piece.text.strip(),
                                        f"reads as an advert on its own (MARKETING {p['MARKETING']:.0%})"))


def _reads_as_advert(piece: Piece, threshold: float) -> bool:
    """The sentence alone scores as MARKETING, more than as UTILITY, and is long enough for
    the score to mean something."""
    plain = without_placeholders(piece.text, parse(piece.text).placeholders)
    words = sum(any(char.isalnum() for char in word) for word in plain.split())
    return piece.alone >= threshold and piece.alone_share >= 0.5 and words >= MIN_WORDS_ALONE


def _cut_phrases(draft: Draft, score: Score, threshold: float, relabel: str, explain: Explain
                 ) -> tuple[Draft, float]:
    """The last step, guided by the classifier's phrases: in a sentence that must stay (it
    carries a placeholder), cut the clause without one that holds a phrase pushing towards
    MARKETING, the one whose removal lowers the score most, while the score stays too high."""
    current = _marketing([template_of(assemble(draft, relabel).create)], score)[0]
    for _ in range(MAX_PHRASE_CUTS):
        if current < threshold:
            break
        phrases = explain(template_of(assemble(draft, relabel).create))
        options = [cut for phrase in phrases if (cut := _without_clause(draft, phrase)) is not None]
        best = _best_cut([d for d, _ in options], current, score, relabel)
        if best is None:
            break
        draft, clause = options[best[0]]
        draft.changes.append(Change("body", "removed", clause, _lowers(current, best[1])))
        current = best[1]
    return draft, current


def _without_clause(draft: Draft, phrase: str) -> tuple[Draft, str] | None:
    """``draft`` without the placeholder-free clause holding ``phrase``, and that clause."""
    for index, piece in enumerate(draft.pieces):
        if not piece.keep or piece.line_break or phrase not in piece.text:
            continue
        clauses = _CLAUSE_BREAK.split(piece.text)
        hit = next((n for n, clause in enumerate(clauses) if phrase in clause), None)
        if hit is None or len(clauses) < 2 or parse(clauses[hit]).placeholders:
            return None
        out = draft.copy()
        out.pieces[index].text = _close_sentence(" ".join(c for n, c in enumerate(clauses) if n != hit), piece.text)
        return out, clauses[hit].strip()
    return None


def _alone(create: dict[str, Any], sentence: str) -> Template:
    return template_of({key: value for key, value in create.items() if key != "components"}
                       | {"components": [{"type": "BODY", "text": sentence.strip()}]})


def _plain_parts(draft: Draft, threshold: float) -> list[tuple[str, int]]:
    parts = [("body", i) for i, p in enumerate(draft.pieces) if p.keep and not p.line_break and not p.core]
    return parts + _other_parts(draft)


def _unplaced_parts(draft: Draft, threshold: float) -> list[tuple[str, int]]:
    return [("body", i) for i, p in enumerate(draft.pieces)
            if p.keep and not p.line_break and not p.has_placeholder] + _other_parts(draft)


def _promotional_sentences(draft: Draft, threshold: float) -> list[tuple[str, int]]:
    sentences = [i for i, p in enumerate(draft.pieces) if p.keep and not p.line_break]
    core = [i for i in sentences if draft.pieces[i].core]
    return [("body", i) for i in sentences if _reads_as_advert(draft.pieces[i], threshold)
            and (len(core) > 1 or i not in core)]


def _other_parts(draft: Draft) -> list[tuple[str, int]]:
    parts = []
    header = shapes.component(draft.create, "HEADER")
    if draft.header and header and header.get("text"):
        parts.append(("header", 0))
    footer = shapes.component(draft.create, "FOOTER")
    if draft.footer and footer and footer.get("text"):
        parts.append(("footer", 0))
    buttons = _buttons(draft.create)
    parts += [("buttons", i) for i, keep in enumerate(draft.buttons) if keep and not _personal_url(buttons[i])]
    return parts


def _without(draft: Draft, what: tuple[str, int]) -> Draft:
    out = draft.copy()
    kind, index = what
    if kind == "body":
        out.pieces[index].keep = False
    elif kind == "header":
        out.header = False
    elif kind == "footer":
        out.footer = False
    else:
        out.buttons[index] = False
    return out


def _describe(what: tuple[str, int], draft: Draft) -> tuple[str, str, str]:
    kind, index = what
    if kind == "body":
        return "body", "removed", draft.pieces[index].text.strip()
    if kind == "buttons":
        return f"buttons/{index}", "removed", str(_buttons(draft.create)[index].get("text", ""))
    return kind, "removed", str((shapes.component(draft.create, kind.upper()) or {}).get("text", ""))


def _relabel_changes(draft: Draft, relabel: str) -> list[Change]:
    return [Change(f"buttons/{i}", "relabelled", f"{b.get('text', '')} -> {relabel}",
                   "the button links to the user's own transaction; a neutral label keeps it")
            for i, (b, keep) in enumerate(zip(_buttons(draft.create), draft.buttons, strict=True))
            if not keep and _personal_url(b)]


def _too_short(text: str) -> bool:
    """Ends with a placeholder, or has fewer words than PH006 asks for its placeholders."""
    placeholders = parse(text).placeholders
    words = len(WORD.findall(without_placeholders(text, placeholders, " x ")))
    return not WORD.search(text[placeholders[-1].end:]) or \
        words < limits.PLACEHOLDER_WORD_RATIO * len(placeholders) + 1


def _meta_fixups(create: dict[str, Any], reader: Reader) -> tuple[dict[str, Any], list[Change]]:
    """Meta refuses a body that starts or ends with a placeholder, or has too few words for its
    placeholders (PH004, PH006): a shortened body gets a greeting or a short sign-off."""
    body = shapes.component(create, "BODY")
    text = (body or {}).get("text", "")
    placeholders = parse(text).placeholders
    if not body or not placeholders:
        return create, []
    changes = []
    if all(is_filler(char) for char in text[:placeholders[0].start]):
        greeting = reader.neutral("greeting", "Hello")
        text = f"{greeting} {text.lstrip()}"
        changes.append(Change("body", "added", greeting, "a body may not start with a placeholder"))
    if _too_short(text):
        closings = reader.neutrals("closing", ("Thank you.", "If you have any questions, reply to this message."))
        closing = next((c for c in closings if not _too_short(f"{text}\n\n{c}")), closings[-1])
        text = f"{text}\n\n{closing}"
        changes.append(Change("body", "added", closing, "a body may not end with a placeholder or "
                              "have too few words for its placeholders"))
    body["text"] = text
    return create, changes
