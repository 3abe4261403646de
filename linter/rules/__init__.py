"""The explicit registry of every rule, in catalogue order.

Codes are never reused or renumbered; a retired rule stays listed here with a note.
"""

from __future__ import annotations

from linter.rules import authentication as au
from linter.rules import body as bd
from linter.rules import buttons as bt
from linter.rules import category as ca
from linter.rules import content as ct
from linter.rules import footer as ft
from linter.rules import header as hd
from linter.rules import language as lg
from linter.rules import names as nm
from linter.rules import placeholders as ph
from linter.rules.base import Rule

ALL_RULES: tuple[Rule, ...] = (
    nm.name_format, nm.name_length, nm.name_missing, nm.duplicate_name, nm.name_opaque,
    bd.body_missing, bd.body_length, bd.body_length_strict, bd.consecutive_newlines,
    bd.emoji_count, bd.unbalanced_formatting, bd.too_generic, bd.literal_escape,
    ph.placeholder_malformed, ph.placeholder_sequence, ph.placeholder_order,
    ph.placeholder_dangling, ph.placeholder_adjacent, ph.placeholder_density,
    ph.placeholder_example_missing, ph.placeholder_mixed_format, ph.named_placeholder_format,
    ph.example_value_format, ph.placeholder_alone, ph.placeholder_required,
    ph.legacy_placeholder_syntax,
    hd.header_length, hd.header_placeholders, hd.header_formatting, hd.header_format,
    hd.header_media_example,
    ft.footer_length, ft.footer_placeholders, ft.footer_formatting,
    bt.button_count, bt.button_label, bt.button_url, bt.button_whatsapp_link, bt.button_phone,
    bt.button_grouping, bt.button_duplicate_label, bt.button_otp_misuse, bt.copy_code_example,
    au.auth_forbidden_content, au.auth_otp_button, au.auth_expiry, au.auth_app_signature,
    au.otp_outside_auth,
    ca.promotional_content, ca.category_unknown, ca.category_underclaimed,
    ct.url_shortener, ct.sensitive_data_request, ct.prohibited_commerce, ct.threatening_content,
    ct.shouting, ct.language_mismatch, ct.duplicate_content, ct.gambling_wording,
    lg.language_code,
)

_BY_KEY = {key: r for r in ALL_RULES for key in (r.code, r.name)}


def _lookup(key: str) -> Rule | None:
    key = key.strip()
    return _BY_KEY.get(key.upper()) or _BY_KEY.get(key.lower())


def get(code_or_name: str) -> Rule:
    """The rule with this code (``PH002``) or name (``placeholder-sequence``)."""
    found = _lookup(code_or_name)
    if found is None:
        raise KeyError(f"unknown rule {code_or_name!r}")
    return found


def matching(selector: str) -> tuple[Rule, ...]:
    """Rules a selector names: a code, a name, a code prefix (``PH``, ``PH00``) or ``ALL``."""
    key = selector.strip()
    if key.upper() == "ALL":
        return ALL_RULES
    found = _lookup(key)
    if found is not None:
        return (found,)
    return tuple(r for r in ALL_RULES if r.code.startswith(key.upper()))
