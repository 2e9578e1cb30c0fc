"""Network policy shared by every provider: which URLs we accept and how TLS is verified."""

from __future__ import annotations

import functools
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
    """Verified TLS, always; an extra CA (self-hosted endpoints, tests) may be trusted.

    One context per process and CA-file setting, shared by every connection: building one loads
    the system's CA store (~23 ms), which used to happen on the Qt thread for every socket.
    Callers must not reconfigure it (httpcore sets ALPN to http/1.1, which WebSockets use too).
    """
    return _verified_context(os.environ.get(CA_FILE_ENV) or None)


@functools.lru_cache(maxsize=4)
def _verified_context(ca_file: str | None) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return context
