"""Caches for work several parts of a run repeat on the same texts.

Only texts of template size are kept (every field Meta accepts is far shorter): an oversized
text, or a streamed file of them, is worked on each time rather than held in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

TEMPLATE_SIZED = 4096  # characters

R = TypeVar("R")


def for_template_sized_texts(maxsize: int) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """``lru_cache(maxsize)`` for a function whose last positional argument is a text, used
    only when that text is at most ``TEMPLATE_SIZED`` characters long."""

    def wrap(function: Callable[..., R]) -> Callable[..., R]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(*args: object) -> R:
            return cached(*args) if len(args[-1]) <= TEMPLATE_SIZED else function(*args)  # type: ignore[arg-type]

        return call

    return wrap
