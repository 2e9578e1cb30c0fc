"""Service endpoints: an explicit value, then the environment, then the default."""

from __future__ import annotations

import os

from dragoman.core import pulse
from dragoman.core.pinch import DEFAULT_BASE_URL

PINCH_URL_ENV = "DRAGOMAN_PINCH_URL"
PULSE_URL_ENV = "DRAGOMAN_PULSE_URL"
DUBBING_URL_ENV = "DRAGOMAN_DUBBING_URL"


def pinch_base_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get(PINCH_URL_ENV, "").strip() or DEFAULT_BASE_URL


def dubbing_base_url(explicit: str | None = None) -> str:
    from dragoman.core.dubbing import DEFAULT_BASE_URL as DUBBING_BASE_URL  # on use: not at start

    return explicit or os.environ.get(DUBBING_URL_ENV, "").strip() or DUBBING_BASE_URL


def pulse_base_urls(explicit: str | None = None) -> tuple[str, str]:
    """Pulse's (default host, US host).

    An explicit endpoint (``--url``, then the environment) is one server for every language: a
    proxy, a self-hosted gateway or the emulator; otherwise the host follows the language.
    """
    chosen = explicit or os.environ.get(PULSE_URL_ENV, "").strip()
    if chosen:
        return chosen, chosen
    return pulse.DEFAULT_BASE_URL, pulse.US_BASE_URL
