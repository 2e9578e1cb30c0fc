"""Service endpoints: an explicit value, then the environment, then the default."""

from __future__ import annotations

import os

from dragoman.core import pulse
from dragoman.core.errors import UsageError
from dragoman.core.pinch import DEFAULT_BASE_URL
from dragoman.providers.net import check_service_url

PINCH_URL_ENV = "DRAGOMAN_PINCH_URL"
PULSE_URL_ENV = "DRAGOMAN_PULSE_URL"


def pinch_base_url(explicit: str | None = None) -> str:
    return explicit or _from_environment(PINCH_URL_ENV) or DEFAULT_BASE_URL


def pulse_base_urls(explicit: str | None = None) -> tuple[str, str]:
    """Pulse's (default host, US host).

    An explicit endpoint (``--url``, then the environment) is one server for every language: a
    proxy, a self-hosted gateway or the emulator; otherwise the host follows the language.
    """
    chosen = explicit or _from_environment(PULSE_URL_ENV)
    if chosen:
        return chosen, chosen
    return pulse.DEFAULT_BASE_URL, pulse.US_BASE_URL


def _from_environment(name: str) -> str:
    """The variable's URL, checked here so the sentence can say where the bad URL came from."""
    url = os.environ.get(name, "").strip()
    if url:
        try:
            check_service_url(url)
        except UsageError as error:
            raise type(error)(
                f"{name} holds a URL Dragoman cannot use: {error} Fix or unset {name}."
            ) from None
    return url
