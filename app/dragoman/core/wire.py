"""Reading untrusted service text, shared by every protocol core.

Each engine's server sends JSON frames and error bodies of its own shapes, but the defensive parts
are the same everywhere: JSON that must be an object (a deeply nested array must not crash us),
error text shown to a person (never a proxy's whole HTML page), numbers that must be finite, and a
Retry-After header that may be an HTTP date or garbage.  Keeping them here means both cores fail
the same way (ProtocolError, or a short sentence) on the same bad input.
"""

from __future__ import annotations

import json
import math
from typing import Any, Final

from dragoman.core.errors import ProtocolError

# Longest error text we show verbatim; a proxy's HTML page is not a sentence.
MAX_SHOWN_BODY: Final = 300


def json_object(text: str | bytes, what: str) -> dict[str, Any]:
    """``text`` as a JSON object, else ProtocolError naming ``what`` (never another exception)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(f"The server sent an invalid {what} (not JSON).") from exc
    if not isinstance(data, dict):
        raise ProtocolError(f"The server sent an invalid {what} (not a JSON object).")
    return data


def truncate(text: str) -> str:
    """Whitespace collapsed and cut to MAX_SHOWN_BODY characters, so it fits in one sentence."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN_BODY else text[: MAX_SHOWN_BODY - 1] + "…"


def error_body_message(body: bytes) -> str:
    """The human text of an HTTP error body (``error.message``, ``error``, ``message``), else
    the raw text, truncated."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return truncate(error["message"])
        if isinstance(error, str):
            return truncate(error)
        if isinstance(data.get("message"), str):
            return truncate(data["message"])
    return truncate(text)


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After in delta-seconds; HTTP dates and garbage give None (use our own schedule)."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds


def is_number(value: object) -> bool:
    """A finite JSON number that fits a float (``true`` is not 1 here).

    JSON integers are unbounded: ``math.isfinite`` of a 400-digit one raises OverflowError.
    """
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
