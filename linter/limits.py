"""Meta's published limits for message templates, each with its source (checked 2026).

Every number a rule compares against lives here, so a change of policy is a one-line change.
Source tags are those of ../shared/RULES.md; the links are Meta's documentation under
https://developers.facebook.com/documentation/business-messaging/whatsapp/.
"""

from __future__ import annotations

import re

# M-OV: templates overview (templates/overview)
NAME_PATTERN = re.compile(r"^[a-z0-9_]+$")
NAME_MAX_CHARS = 512

# M-COMP: template components (templates/components)
BODY_MAX_CHARS = 1024
HEADER_TEXT_MAX_CHARS = 60
FOOTER_MAX_CHARS = 60
BUTTON_LABEL_MAX_CHARS = 25
BUTTONS_MAX = 10
QUICK_REPLY_BUTTONS_MAX = 10
URL_BUTTONS_MAX = 2
PHONE_BUTTONS_MAX = 1
COPY_CODE_BUTTONS_MAX = 1
URL_MAX_CHARS = 2000
PHONE_MAX_CHARS = 20
COPY_CODE_EXAMPLE_MAX_CHARS = 15  # BT009: some providers document 20; configurable
HEADER_FORMATS = frozenset({"TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"})
MEDIA_HEADER_FORMATS = frozenset({"IMAGE", "VIDEO", "DOCUMENT"})

# BIRD: Bird's template guidelines report a newer 550-character cap for MARKETING/UTILITY.
BODY_STRICT_MAX_CHARS = 550

# M-OLDGUIDE / WAM: no more than two consecutive newlines in a body.
MAX_CONSECUTIVE_NEWLINES = 2

# WAM / TW: emoji limits used by WhatsApp Manager's validator and Twilio's guidance.
EMOJI_MAX_MARKETING = 10
EMOJI_MAX_UTILITY = 6

# SYN / M-REV: words (including placeholders) must be at least ratio * placeholders + 1.
PLACEHOLDER_WORD_RATIO = 3

# M-OV / WAM: named placeholders are lowercase letters, digits and underscores, at most 32.
NAMED_PLACEHOLDER_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*$")
NAMED_PLACEHOLDER_MAX_CHARS = 32

# M-SEND: a parameter cannot hold a newline, a tab or more than 4 consecutive spaces.
EXAMPLE_MAX_CONSECUTIVE_SPACES = 4

# M-AUTH-CC / M-TTL: authentication code expiry and message time-to-live.
CODE_EXPIRATION_MINUTES = range(1, 91)
AUTH_TTL_SECONDS = range(30, 901)
SIGNATURE_HASH_PATTERN = re.compile(r"^[A-Za-z0-9/+=]{11}$")
# Android application IDs: dot-separated segments, each starting with a letter.
ANDROID_PACKAGE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$")
OTP_TYPES = frozenset({"COPY_CODE", "ONE_TAP", "ZERO_TAP"})

# M-CAT: today's categories and the legacy values Meta maps onto them.
CATEGORIES = frozenset({"MARKETING", "UTILITY", "AUTHENTICATION"})
LEGACY_CATEGORIES = {
    "ACCOUNT_UPDATE": "UTILITY",
    "PAYMENT_UPDATE": "UTILITY",
    "PERSONAL_FINANCE_UPDATE": "UTILITY",
    "SHIPPING_UPDATE": "UTILITY",
    "RESERVATION_UPDATE": "UTILITY",
    "ISSUE_RESOLUTION": "UTILITY",
    "APPOINTMENT_UPDATE": "UTILITY",
    "TRANSPORTATION_UPDATE": "UTILITY",
    "TICKET_UPDATE": "UTILITY",
    "ALERT_UPDATE": "UTILITY",
    "AUTO_REPLY": "UTILITY",
    "TRANSACTIONAL": "UTILITY",
    "OTP": "AUTHENTICATION",
}

# WAM / CM-KC: URL buttons may not open WhatsApp itself.
WHATSAPP_LINK_HOSTS = frozenset({"wa.me", "api.whatsapp.com", "chat.whatsapp.com", "whatsapp.com",
                                 "www.whatsapp.com", "web.whatsapp.com"})

# M-LANG: supported languages (templates/supported-languages, updated 2026-05).
SUPPORTED_LANGUAGES = frozenset("""
af sq ar ar_EG ar_AE ar_LB ar_MA ar_QA az be_BY bn bn_IN bg ca zh_CN zh_HK zh_TW hr cs da prs_AF
nl nl_BE en en_GB en_US en_AE en_AU en_CA en_GH en_IE en_IN en_JM en_MY en_NZ en_QA en_SG en_UG
en_ZA et fil fi fr fr_BE fr_CA fr_CH fr_CI fr_MA ka de de_AT de_CH el gu ha he hi hu id ga it ja
kn kk rw_RW ko ky_KG lo lv lt mk ms ml mr nb ps_AF fa pl pt_BR pt_PT pa ro ru sr si_LK sk sl es
es_AR es_CL es_CO es_CR es_DO es_EC es_HN es_MX es_PA es_PE es_ES es_UY sw sv ta te th tr uk ur
uz vi zu
""".split())
