"""URLs: split into usable parts or refused with our error; redacted by default, on any input."""

from __future__ import annotations

import random
import secrets

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core.errors import InvalidUrl, UsageError
from dragoman.core.urls import (
    MAX_URL_CHARS,
    Url,
    is_loopback_host,
    redact_text,
    redact_url,
    service_url,
    split_url,
)

# --- splitting -----------------------------------------------------------------------------------


def test_a_url_splits_into_parts_that_join_again() -> None:
    url = split_url("WSS://User:Pw@API.Example.com:8443/a/b?x=1&y#frag")
    assert url == Url("wss", "api.example.com", 8443, "/a/b", "x=1&y", "User:Pw")
    assert url.text() == "wss://User:Pw@api.example.com:8443/a/b?x=1&y"
    assert "Pw" not in repr(url) and "***@api.example.com" in repr(url)


def test_ipv6_hosts_keep_their_brackets_on_the_way_back() -> None:
    url = split_url("http://[::1]:9/")
    assert (url.host, url.port, url.netloc) == ("::1", 9, "[::1]:9")
    assert split_url("http://[::1]").port is None and split_url("http://h:/").port is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("http://[::1", "no valid host"),
        ("ws://[::1/session?token=x", "no valid host"),
        ("http://[::1]x/", "no valid host"),
        ("http://[v1.x]/", "no valid host"),
        ("http://[fe80::1%25eth0]/", "no valid host"),
        ("http://a]b/", "no valid host name"),
        ("http://", "no valid host name"),
        ("http://h:99999", "no valid port"),
        ("http://h:0", "no valid port"),
        ("http://h:-1", "no valid port"),
        ("http://h:1_0", "no valid port"),
        ("http://h x/", "spaces"),
        ("http://hé/", "non-ASCII"),
        ("http://h/\n", "control"),
        ("api.example.com", "is not a URL"),
        ("mailto:x@y", "is not a URL"),
        ("x" * (MAX_URL_CHARS + 1), "too long"),
        (None, "must be text"),
    ],
)
def test_what_is_not_a_usable_url_is_our_error_with_a_reason(text: object, reason: str) -> None:
    with pytest.raises(InvalidUrl, match=reason):
        split_url(text)


def test_a_refused_url_is_shown_redacted() -> None:
    with pytest.raises(InvalidUrl) as raised:
        split_url("ws://[::1/session?token=SECRET")
    assert "SECRET" not in str(raised.value) and "token=***" in str(raised.value)


# --- the plain-text policy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["https://api.x", "wss://api.x", "http://127.0.0.1:9", "ws://localhost", "http://[::1]:9"],
)
def test_encrypted_or_loopback_service_urls_are_accepted(text: str) -> None:
    assert service_url(text).text().rstrip("/") == text.lower().rstrip("/")


def test_plain_text_to_another_host_is_refused_and_other_schemes_too() -> None:
    with pytest.raises(UsageError, match=r"Refusing the unencrypted service URL http://api\.x:"):
        service_url("http://api.x/?token=x")
    with pytest.raises(InvalidUrl, match="must start with https"):
        service_url("ftp://u:p@api.x/")
    with pytest.raises(InvalidUrl, match="no valid port"):
        service_url("https://api.x:99999")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("LOCALHOST", True),
        ("127.0.0.2", True),
        ("[::1]", True),
        ("::1", True),
        ("10.0.0.1", False),
        ("example.com", False),
        ("", False),
        (None, False),
    ],
)
def test_loopback_hosts(host: str | None, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


# --- redaction -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("wss://h/s", "wss://h/s"),
        ("wss://h/s?token=T&sig=S", "wss://h/s?token=***&sig=***"),
        ("wss://h/s?sourceLanguage=en&TargetLanguage=de-AT", None),
        ("wss://h/s?language=" + "x" * 30, "wss://h/s?language=***"),
        ("wss://h/s?T0KEN", "wss://h/s?***"),
        ("wss://h/s?model", "wss://h/s?model"),
        ("wss://h/s?to%6Ben=T", "wss://h/s?***=***"),
        ("wss://h/s?t%3DT", "wss://h/s?***"),
        ("wss://h/s?a;token=T", "wss://h/s?***&token=***"),
        ("ws://someone@h/s?token=T#frag", "ws://***@h/s?token=***#***"),
        ("ws://u:p@h/s", "ws://***@h/s"),
        ("user:pw@host/x?token=T", "***@host/x?token=***"),
        ("host/x?token=T#f", "host/x?token=***#***"),
        ("ws://[::1/x?token=T", "ws://[::1/x?token=***"),
        ("wss://h/\x1b[31m\ud83d", "wss://h/?[31m?"),
        ("wss://h/" + "p" * 300, "wss://h/" + "p" * 191 + "…"),
        (b"wss://h/?token=T", "b'wss://h/?token=***"),
    ],
)
def test_redaction_keeps_only_what_is_known_harmless(url: object, shown: str | None) -> None:
    assert redact_url(url) == (url if shown is None else shown)


def test_every_url_in_a_message_is_redacted() -> None:
    message = (
        "ws://someone@h/session?token=T1 isn't a valid URI: GET /session?token=T2 HTTP/1.1; "
        "see 'wss://x/y?sig=S3' and <https://z/?a=T4>"
    )
    red = redact_text(message)
    assert not any(secret in red for secret in ("T1", "T2", "S3", "T4", "someone"))
    assert red.startswith("ws://***@h/session?token=*** isn't a valid URI: GET /session?token=***")
    assert redact_text(ValueError("x")) == "ValueError('x')"


# --- fuzzing: no issued token or signature survives; nothing but our errors ---------------------

# Issued secrets carry 128 bits or more: 22+ characters of base64url, 32+ hex digits.
NAMES = (
    *("token", "sig", "signature", "key", "X-Amz-Signature", "auth", "t", "", "a b", '"', "<"),
    *("sourceLanguage", "language", "model", "sample_rate", "voiceType", "TWOWAY"),
)
HOSTILE = "ws:/[]@?#&;=%.<>\"' \t\r\nabhxé\ud83d\x00+~0123456789"
SCHEMES = ("wss", "ws", "https", "http", "WSS", "x-y.z+1", "")
USERS = ("", "{s}@", "user:{s}@", "{s}:pw@", "@", "a@b@")
HOSTS = ("h", "[::1", "[::1]", "127.0.0.1:99999", "", "a b", "h<", 'h"', "h\r")
FRAGMENTS = ("", "#", "#{s}", "#token={s}")


def _junk(rnd: random.Random, size: int = 12) -> str:
    return "".join(rnd.choice(HOSTILE) for _ in range(rnd.randint(0, size)))


def url_with_secrets(rnd: random.Random) -> tuple[str, list[str]]:
    """A URL of any shape with issued secrets where servers and people put them: query values
    (under any name, harmless or not), a bare query item, the user part, the fragment."""
    secret_values = [
        rnd.choice((secrets.token_urlsafe, secrets.token_hex))(rnd.randint(16, 32))
        for _ in range(rnd.randint(1, 3))
    ]
    name = lambda: rnd.choice(NAMES) if rnd.random() < 0.8 else _junk(rnd, 8)  # noqa: E731
    items = [f"{name()}={value}" for value in secret_values]
    items += [f"{name()}={_junk(rnd)}" for _ in range(rnd.randint(0, 2))]
    if rnd.random() < 0.5:
        items.append(secret_values[-1])  # a bare item
    rnd.shuffle(items)
    scheme = rnd.choice(SCHEMES)
    prefix = f"{scheme}://" if scheme else rnd.choice(("", "//"))
    user = rnd.choice(USERS).format(s=secret_values[0])
    host = rnd.choice(HOSTS) if rnd.random() < 0.7 else _junk(rnd)
    query = rnd.choice("&;").join(items)
    fragment = rnd.choice(FRAGMENTS).format(s=secret_values[0])
    return f"{prefix}{user}{host}{_junk(rnd)}?{query}{fragment}", secret_values


urls_with_secrets = st.randoms(use_true_random=True).map(url_with_secrets)
any_text = st.one_of(
    st.text(),
    st.text(alphabet="ws:/[]@?#&=%.:0123456789abhx"),
    st.randoms(use_true_random=True).map(lambda rnd: _junk(rnd, 60)),
)


def check_redaction(case: tuple[str, list[str]]) -> None:
    url, secret_values = case
    shown = redact_url(url)
    in_text = redact_text(f"failed on {url} (again: {url})")
    for secret in secret_values:
        assert secret not in shown, (url, shown)
        assert secret not in in_text, (url, in_text)


def check_any_text(text: str) -> None:
    assert isinstance(redact_url(text), str) and isinstance(redact_text(text), str)
    try:
        url = split_url(text)
    except InvalidUrl:
        return
    assert split_url(url.text()) == url  # what split_url accepts, it accepts again unchanged
    assert url.port is None or 1 <= url.port <= 65535


@settings(max_examples=500)
@given(urls_with_secrets)
def test_fuzz_no_issued_token_or_signature_survives_redaction(
    case: tuple[str, list[str]],
) -> None:
    check_redaction(case)


@settings(max_examples=500)
@given(any_text)
def test_fuzz_urls_raise_only_our_errors(text: str) -> None:
    check_any_text(text)
