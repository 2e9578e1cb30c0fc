"""URLs from people and from servers: split into parts or refused with our own error, and
redacted before they reach a log line or a sentence.

Two rules shape this module.

* Parse, don't validate: ``split_url`` returns parts that every later step (httpx, websockets,
  the socket layer) accepts, or raises :class:`InvalidUrl` (a UsageError with a sentence).  It
  never lets urllib's ValueError (a broken IPv6 bracket, a port of 99999) escape, and it refuses
  what the I/O libraries would refuse later (spaces, non-ASCII, a user name without a password).
* Redact by default: ``redact_url`` keeps only what is known to be harmless: scheme, host, port,
  path, the names of query parameters and the values of a short allow-list of session options.
  Every other value, any user name or password and any fragment become ``***``.  A token
  travels in a query value (Pinch's ``ws_url``), a signature too (``sig=``), a key sometimes in
  the user part: none of them is named here, and none of them survives.  It takes any string and
  never raises; ``redact_text`` does the same for every URL inside a message (an exception's
  text often quotes the URL it failed on).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote

from dragoman.core.errors import InvalidUrl, UsageError

MAX_URL_CHARS: Final = 4096
MAX_SHOWN_URL_CHARS: Final = 200
REDACTED: Final = "***"

# Query parameters whose values say how a session is configured and can never be a credential:
# Pinch's session options and Pulse's recognition options.  Compared case-insensitively.
HARMLESS_PARAMETERS: Final = frozenset(
    {
        # Pinch (spec section 1)
        "sourcelanguage",
        "targetlanguage",
        "voicetype",
        "audiooutputenabled",
        "finalizemode",
        "twoway",
        # Pulse
        "model",
        "language",
        "encoding",
        "sample_rate",
        "word_timestamps",
        "punctuate",
        "capitalize",
        "itn_normalize",
        "eou_timeout_ms",
        "endpointing",
        "vad_events",
    }
)
# An allow-listed value is shown only if it looks like an option (a language code, a number,
# true/false: ``multi-south-indic`` is the longest), so a credential put where an option belongs
# is still hidden: 128 random bits or more take at least 22 characters.
_HARMLESS_VALUE: Final = re.compile(r"[A-Za-z0-9_.-]{0,20}")
_SHOWN_NAME: Final = re.compile(r"[A-Za-z0-9_.-]{1,40}")

# RFC 3986, appendix B: matches every string, so splitting cannot fail.
_URL: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(//([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?", re.S)
_HOST_NAME: Final = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?")
_PORT: Final = re.compile(r"[0-9]{1,5}")


@dataclass(frozen=True, slots=True)
class Url:
    """A URL split into parts that the I/O libraries accept.

    ``host`` is lower-case and without IPv6 brackets; ``userinfo`` is None when there is none.
    The fragment is dropped: it never reaches a server.  The repr is redacted.
    """

    scheme: str
    host: str
    port: int | None
    path: str
    query: str
    userinfo: str | None = None

    def __repr__(self) -> str:
        return f"Url({redact_url(self.text())!r})"

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port is None else f":{self.port}"
        user = "" if self.userinfo is None else f"{self.userinfo}@"
        return f"{user}{host}{port}"

    def text(self) -> str:
        """The URL again (lower-case scheme and host, no fragment)."""
        query = f"?{self.query}" if self.query else ""
        return f"{self.scheme}://{self.netloc}{self.path}{query}"


def split_url(text: object) -> Url:
    """``text`` as a Url, or InvalidUrl saying why (the URL shown redacted)."""
    if not isinstance(text, str):
        raise InvalidUrl("A service URL must be text.")
    shown = redact_url(text)
    if len(text) > MAX_URL_CHARS:
        raise InvalidUrl(
            f"The URL {shown} is too long ({len(text):,} characters; at most {MAX_URL_CHARS:,})."
        )
    if not text.isascii() or any(c <= " " or c == "\x7f" for c in text):
        raise InvalidUrl(
            f"The URL {shown} holds spaces, control or non-ASCII characters: write it as "
            "plain ASCII, with %-escapes."
        )
    match = _URL.fullmatch(text)
    if match is None or match.group(2) is None:
        raise InvalidUrl(f"{shown} is not a URL: write it as scheme://host[:port][/path].")
    scheme, _, authority, path, query, _ = match.groups()
    assert authority is not None  # group 3 is set whenever group 2 is
    userinfo, at, hostport = authority.rpartition("@")
    host, port = _host_and_port(hostport, shown)
    return Url(
        scheme=scheme.lower(),
        host=host,
        port=port,
        path=path,
        query=(query or "")[1:],
        userinfo=userinfo if at else None,
    )


def _host_and_port(hostport: str, shown: str) -> tuple[str, int | None]:
    if hostport.startswith("["):
        inside, bracket, rest = hostport[1:].partition("]")
        try:
            host = str(ipaddress.IPv6Address(inside)) if bracket else ""
        except ValueError:
            host = ""
        if not host or "%" in inside or (rest and not rest.startswith(":")):
            raise InvalidUrl(f"The URL {shown} has no valid host: an IPv6 address goes in [ ].")
        port_text = rest[1:]
    else:
        host, _, port_text = hostport.partition(":")
        if not _HOST_NAME.fullmatch(host):
            raise InvalidUrl(f"The URL {shown} has no valid host name.")
        host = host.lower()
    if not port_text:
        return host, None
    if not _PORT.fullmatch(port_text) or not 1 <= int(port_text) <= 65535:
        raise InvalidUrl(f"The URL {shown} has no valid port: use a number from 1 to 65535.")
    return host, int(port_text)


# ----------------------------------------------------------------------------------------------
# Which hosts may be spoken to in plain text


def is_loopback_host(host: str | None) -> bool:
    """``localhost`` or a loopback address (with or without IPv6 brackets)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


PLAIN: Final = {"https": "http", "wss": "ws"}


def service_url(text: str, *, secure: tuple[str, ...] = ("https", "wss")) -> Url:
    """``text`` as a service URL: encrypted, or plain only towards this machine.

    The API key and the session token travel on these connections: a plain-text URL to any other
    host would leak them, so it is refused rather than warned about.  Raises UsageError (its
    subclass InvalidUrl for what is not a URL at all) with the next step.
    """
    url = split_url(text)
    plain = tuple(PLAIN[s] for s in secure)
    if url.scheme in secure:
        return url
    if url.scheme in plain and is_loopback_host(url.host):
        return url
    if url.scheme in plain:
        raise UsageError(
            f"Refusing the unencrypted service URL {url.scheme}://{url.host}: "
            f"use {secure[0]}:// (plain {PLAIN[secure[0]]} is allowed only for this computer)."
        )
    raise InvalidUrl(f"{redact_url(text)} is not a service URL: it must start with {secure[0]}://.")


# ----------------------------------------------------------------------------------------------
# Redaction


def redact_url(url: object) -> str:
    """``url`` safe to log or show: see the module docstring.  Never raises."""
    text = url if isinstance(url, str) else repr(url)
    match = _URL.fullmatch(text)
    if match is None:  # no scheme: perhaps a bare host/path, perhaps a secret; keep no query
        head, _, _ = text.partition("#")
        head, q, query = head.partition("?")
        head = _without_userinfo(head)
        fragment = "#" + REDACTED if "#" in text else ""
        return _shown(head + (q and "?" + _redact_query(query)) + fragment)
    scheme, slashes, authority, path, query, fragment = match.groups()
    if slashes is None:  # "user:secret@host/...": no authority, but it reads as a user part
        out = _without_userinfo(f"{scheme}:{path}")
    else:
        assert authority is not None
        _, at, hostport = authority.rpartition("@")
        out = f"{scheme}://" + (REDACTED + "@" if at else "") + hostport + path
    if query is not None:
        out += "?" + _redact_query(query[1:])
    if fragment is not None:
        out += "#" + REDACTED
    return _shown(out)


def _without_userinfo(head: str) -> str:
    if head.startswith("//"):  # scheme-relative: //user@host/...
        return "//" + _without_userinfo(head[2:])
    authority, slash, rest = head.partition("/")
    if "@" in authority:
        authority = REDACTED + "@" + authority.rpartition("@")[2]
    return authority + slash + rest


def _redact_query(query: str) -> str:
    if not query:
        return ""
    items = []
    for item in re.split(r"[&;]", query):
        name, eq, value = item.partition("=")
        if not eq:
            items.append(item if unquote(item).lower() in HARMLESS_PARAMETERS else REDACTED)
            continue
        shown_name = name if _SHOWN_NAME.fullmatch(name) else REDACTED
        harmless = unquote(name).lower() in HARMLESS_PARAMETERS
        shown_value = value if harmless and _HARMLESS_VALUE.fullmatch(value) else REDACTED
        items.append(f"{shown_name}={shown_value}")
    return "&".join(items)


def _shown(text: str) -> str:
    """Printable (no control characters or lone surrogates) and short enough for a sentence."""
    clean = "".join(
        "?" if (c < " " or c == "\x7f" or "\ud800" <= c <= "\udfff") else c for c in text
    )
    if len(clean) > MAX_SHOWN_URL_CHARS:
        clean = clean[: MAX_SHOWN_URL_CHARS - 1] + "…"
    return clean


# In free text (an exception's message) a URL ends at whitespace, a quote or an angle bracket,
# so its query may be cut off from it (``wss://h<?token=...``).  So after the URLs, every
# ``name=value``, every bare item after ``?``, ``&``, ``;`` or ``#`` and every ``user@`` is
# redacted wherever it stands, by the same allow-list: library messages lose a little detail
# (``port=***``), never a secret.  Names start after a delimiter (``_START``), which also keeps
# the scan linear on a long run of text without ``=`` or ``@``.
_START: Final = r"(?<![^\s'\"<>/?#&;=(\[,])"
_URL_IN_TEXT: Final = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]*")
_PAIR_IN_TEXT: Final = re.compile(_START + r"([^\s=&;#?<>]*)=([^\s&;#'\"<>]*)")
_BARE_IN_TEXT: Final = re.compile(r"(?<=[?&;#])([^\s=&;#?'\"<>]+)(?=$|[\s&;#?'\"<>])")
_USER_IN_TEXT: Final = re.compile(_START + r"[^\s'\"<>/@?#]+@")  # user[:password]@, no scheme


def redact_text(message: object) -> str:
    """``message`` with every URL, query pair, fragment and user part in it redacted (see
    ``redact_url``; an e-mail address loses its local part too).  Never raises."""
    text = message if isinstance(message, str) else repr(message)
    text = _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)
    text = _PAIR_IN_TEXT.sub(lambda m: _redact_query(m.group(0)), text)
    text = _BARE_IN_TEXT.sub(lambda m: _redact_query(m.group(0)), text)
    return _USER_IN_TEXT.sub(REDACTED + "@", text)
