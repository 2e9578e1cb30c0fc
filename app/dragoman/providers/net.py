"""Network policy shared by every provider: which URLs we accept and how TLS is verified."""

from __future__ import annotations

import ipaddress
import os
import ssl
from urllib.parse import urlsplit

from dragoman.core.errors import UsageError

CA_FILE_ENV = "DRAGOMAN_CA_FILE"


def is_loopback_host(host: str | None) -> bool:
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_service_url(url: str, *, secure: tuple[str, str] = ("https", "wss")) -> str:
    """Accept ``url`` if it is encrypted, or plain only towards this machine (tests, tunnels).

    The API key and the session token travel on these connections: a plain-text URL to any other
    host would leak them, so it is refused rather than warned about.
    """
    parts = urlsplit(url)
    plain = {"https": "http", "wss": "ws"}
    if parts.scheme in secure and parts.hostname:
        return url
    if parts.scheme in (plain[s] for s in secure) and is_loopback_host(parts.hostname):
        return url
    if parts.scheme in (plain[s] for s in secure):
        raise UsageError(
            f"Refusing the unencrypted service URL {parts.scheme}://{parts.hostname}: "
            f"use {secure[0]}:// (plain {plain[secure[0]]} is allowed only for this computer)."
        )
    raise UsageError(f"{url!r} is not a service URL: it must start with {secure[0]}://.")


def tls_context() -> ssl.SSLContext:
    """Verified TLS, always; an extra CA (self-hosted endpoints, tests) may be trusted."""
    context = ssl.create_default_context()
    extra = os.environ.get(CA_FILE_ENV)
    if extra:
        context.load_verify_locations(cafile=extra)
    return context
