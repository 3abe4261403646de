"""``wtlint serve``: wtlint as a web page and a JSON API (FastAPI, run by uvicorn)."""

from __future__ import annotations

import ipaddress

from linter.config import Config

LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1", "[::1]"]


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(host: str, port: int, config: Config) -> None:
    """Run the web app until interrupted (imports the web stack only when asked to serve)."""
    import uvicorn

    from linter.lexicon import LANGUAGES
    from linter.web.app import create_app

    # Bound to this machine only, it answers only to this machine's names (no DNS rebinding);
    # on a network address, the operator's proxy decides which names reach it.
    allowed = LOOPBACK_NAMES if is_loopback(host) else None
    app = create_app(config, allowed_hosts=allowed, warm_languages=[lang for lang in LANGUAGES if lang != "en"])
    uvicorn.run(app, host=host, port=port, server_header=False, log_level="info")
