"""Network policy shared by every provider: which URLs we accept and how TLS is verified."""

from __future__ import annotations

import functools
import os
import ssl

from dragoman.core.errors import ServiceUnavailable, UsageError
from dragoman.core.urls import is_loopback_host as is_loopback_host
from dragoman.core.urls import redact_text, service_url

CA_FILE_ENV = "DRAGOMAN_CA_FILE"


def check_service_url(url: str, *, secure: tuple[str, str] = ("https", "wss")) -> str:
    """Accept ``url`` if it is encrypted, or plain only towards this machine (tests, tunnels).

    The API key and the session token travel on these connections: a plain-text URL to any other
    host would leak them, so it is refused rather than warned about.  Anything that is not a
    usable URL (a broken IPv6 bracket, a port of 99999) is a UsageError too, never a ValueError.
    """
    service_url(url, secure=secure)
    return url


def tls_context() -> ssl.SSLContext:
    """Verified TLS, always; an extra CA (self-hosted endpoints, tests) may be trusted.

    One context per process and CA-file setting, shared by every connection: building one loads
    the system's CA store (~23 ms), which used to happen on the Qt thread for every socket.
    Callers must not reconfigure it (httpcore sets ALPN to http/1.1, which WebSockets use too).
    A CA file that is missing or holds no certificate is a UsageError naming the variable.
    """
    return _verified_context(os.environ.get(CA_FILE_ENV) or None)


@functools.lru_cache(maxsize=4)
def _verified_context(ca_file: str | None) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if ca_file:
        try:
            context.load_verify_locations(cafile=ca_file)
        except ssl.SSLError:
            raise UsageError(
                f"{CA_FILE_ENV} names {ca_file!r}, which holds no certificate Dragoman can "
                "read: point it at a PEM file of CA certificates, or unset it."
            ) from None
        except (OSError, ValueError) as exc:  # missing, a folder, unreadable; NUL in the name
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "unusable"
            raise UsageError(
                f"{CA_FILE_ENV} names {ca_file!r}, which cannot be read ({reason}): point it "
                "at a PEM file of CA certificates, or unset it."
            ) from None
    return context


# ----------------------------------------------------------------------------------------------
# TLS failures: never retried, and said to be what they are


def tls_failure(exc: BaseException) -> ssl.SSLError | None:
    """The TLS error behind ``exc`` (itself, or a cause or context of it), if it is one that a
    retry cannot fix: a certificate that does not verify or a handshake that TLS refused.

    A TLS connection cut mid-handshake (EOF) is a network problem, not this.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError) and not isinstance(
            current, ssl.SSLEOFError | ssl.SSLZeroReturnError | ssl.SSLSyscallError
        ):
            return current
        current = current.__cause__ or current.__context__
    return None


def tls_failure_error(host: str | None, error: ssl.SSLError) -> ServiceUnavailable:
    """The sentence for a TLS failure: a certificate (or TLS) problem, never 'your connection'."""
    if isinstance(error, ssl.SSLCertVerificationError):
        detail = error.verify_message or error.reason or "not trusted"
        return ServiceUnavailable(
            f"{host}'s TLS certificate could not be verified ({redact_text(str(detail))}): "
            f"this is a certificate problem, not your connection. Check the service URL; for a "
            f"self-hosted service, trust its certificate authority with {CA_FILE_ENV}.",
            retryable=False,
        )
    return ServiceUnavailable(
        f"The TLS handshake with {host} failed ({redact_text(error.reason or str(error))}): "
        "this is a TLS problem, not your connection. Check the service URL.",
        retryable=False,
    )
