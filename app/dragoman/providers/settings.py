"""Service endpoints: an explicit value, then the environment, then the default."""

from __future__ import annotations

import os

from dragoman.core.pinch import DEFAULT_BASE_URL

PINCH_URL_ENV = "DRAGOMAN_PINCH_URL"


def pinch_base_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get(PINCH_URL_ENV, "").strip() or DEFAULT_BASE_URL
