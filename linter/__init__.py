"""wtlint: a policy-compliance linter for WhatsApp Business message templates."""

from __future__ import annotations

__version__ = "0.1.0"
