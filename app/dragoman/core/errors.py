"""Dragoman's own exception hierarchy.

Every I/O adapter maps library exceptions (httpx, websockets, PortAudio, keyring) onto these, so
the UI and the CLI catch only ours and can always show a sentence a person understands, with the
next step.  ``exit_code`` is what ``dragoman`` returns when the error ends a command.
"""

from __future__ import annotations


class DragomanError(Exception):
    """Base class: ``str(error)`` is a complete, user-facing sentence."""

    exit_code = 1


class UsageError(DragomanError):
    """The request itself is wrong (bad argument, unreadable input, refused parameter)."""

    exit_code = 2


class InvalidParameter(UsageError):
    """A session parameter the service would refuse; refused client-side, nothing sent."""


class InvalidUrl(UsageError):
    """A URL that cannot be used at all (not a URL, a broken host or port, too long)."""


class AuthError(DragomanError):
    """HTTP 401: the API key is missing or invalid."""

    exit_code = 3


class NotEntitled(DragomanError):
    """HTTP 403: the key is valid but not entitled to this API."""

    exit_code = 4


class ServiceUnavailable(DragomanError):
    """The service could not be reached or kept refusing (5xx, timeouts, DNS/TLS failures)."""

    exit_code = 5

    def __init__(
        self, message: str, *, retry_after: float | None = None, retryable: bool = True
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.retryable = retryable


class ServiceBusy(ServiceUnavailable):
    """HTTP 503 / 429: capacity exhausted or rate limited."""


class BadRequest(DragomanError):
    """HTTP 400 / 402: the server refused the parameters or the account has no balance."""

    exit_code = 6


class ProtocolError(DragomanError):
    """The server sent something that does not follow the protocol (counted, never fatal)."""

    exit_code = 6


class ServerReportedError(DragomanError):
    """The server sent an ``error`` frame (for example an unsupported target language)."""

    exit_code = 6


class SessionLost(DragomanError):
    """The connection kept failing after every reconnection attempt."""

    exit_code = 5


class SecretStoreUnavailable(DragomanError):
    """No usable OS keyring: keys can be used for this session only."""


class AudioDeviceError(DragomanError):
    """A microphone or output device is missing, busy or failed mid-stream."""


class HotkeyUnavailable(DragomanError):
    """A hotkey back end cannot work here (no display, no portal, no permission); the message
    says what failed and what to use instead."""


class NoRunningInstance(DragomanError):
    """``dragoman ptt`` found no running Dragoman for this user to send the command to."""
