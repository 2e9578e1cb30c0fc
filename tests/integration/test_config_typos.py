"""Configuration typos (issue 15, item 10): each is our UsageError with a sentence and the next
step, exit code 2, never a crash ("unexpected error", exit 1) and never a request sent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dragoman.core.engine import EngineSettings
from dragoman.core.errors import InvalidParameter, UsageError
from dragoman.core.pinch import SessionParams
from dragoman.providers.net import CA_FILE_ENV, tls_context
from dragoman.providers.pinch import PinchConfig
from dragoman.providers.pulse import PulseConfig
from dragoman.providers.settings import (
    PINCH_URL_ENV,
    PULSE_URL_ENV,
    pinch_base_url,
    pulse_base_urls,
)
from tests.signals import sentence, silence
from tests.speech import write_pcm16

BAD_URLS = {
    "http://[::1": "no valid host",
    "ws://[::1/waves": "no valid host",
    "https://127.0.0.1:99999": "no valid port",
    "https://api.example.com:0/": "no valid port",
    "https://exa mple.com": "spaces",
    "127.0.0.1:8080": "is not a URL",
}


@pytest.mark.parametrize(("url", "reason"), sorted(BAD_URLS.items()))
def test_a_service_url_that_is_not_one_is_a_usage_error(url: str, reason: str) -> None:
    for make in (
        lambda: PinchConfig(base_url=url),
        lambda: PulseConfig(base_url=url, us_base_url=url),
    ):
        with pytest.raises(UsageError, match=reason):
            make()


def test_a_bad_url_from_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PINCH_URL_ENV, "http://[::1")
    with pytest.raises(UsageError, match=f"^{PINCH_URL_ENV} holds a URL Dragoman cannot use"):
        pinch_base_url()
    assert pinch_base_url("https://explicit.example") == "https://explicit.example"
    monkeypatch.setenv(PULSE_URL_ENV, "wss://h:99999")
    with pytest.raises(UsageError, match=f"Fix or unset {PULSE_URL_ENV}"):
        pulse_base_urls()


def test_a_context_too_long_for_the_allocation_query_is_refused() -> None:
    with pytest.raises(InvalidParameter, match="too long"):
        SessionParams.from_settings(EngineSettings(context="x" * 70_000))


@pytest.mark.parametrize(
    ("content", "reason"),
    [(None, "cannot be read"), (b"not a certificate\n", "holds no certificate"), (b"", "holds")],
)
def test_a_ca_file_that_is_missing_or_not_a_certificate_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None, reason: str
) -> None:
    ca_file = tmp_path / "ca.pem"
    if content is not None:
        ca_file.write_bytes(content)
    monkeypatch.setenv(CA_FILE_ENV, str(ca_file))
    with pytest.raises(UsageError, match=f"^{CA_FILE_ENV} names .*{reason}.*or unset it") as raised:
        tls_context()
    assert str(ca_file) in str(raised.value)
    monkeypatch.setenv(CA_FILE_ENV, str(tmp_path))  # a folder
    with pytest.raises(UsageError, match="cannot be read"):
        tls_context()


# --- the same through the command line --------------------------------------------------------


@pytest.fixture(scope="module")
def wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("typos") / "in.wav"
    write_pcm16(path, np.concatenate([sentence(0.6, 1), silence(0.4)]) / 32768.0, 16_000, 1)
    return path


def dragoman(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in (CA_FILE_ENV, PINCH_URL_ENV, PULSE_URL_ENV, "SSL_CERT_FILE")
    }
    clean.update(PINCH_API_KEY="pk_test_good", SMALLEST_API_KEY="sk_test_good", **env)
    return subprocess.run(
        [sys.executable, "-m", "dragoman", *argv],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("argv", "env", "said"),
    [
        (["translate", "{wav}", "--url", "http://[::1"], {}, "no valid host"),
        (["translate", "{wav}", "--url", "https://127.0.0.1:99999"], {}, "no valid port"),
        (["translate", "{wav}", "--context", "x" * 70_000], {}, "context is too long"),
        (["transcribe", "{wav}", "--lang", "en", "--url", "ws://[::1"], {}, "no valid host"),
        (["translate", "{wav}"], {PINCH_URL_ENV: "https://h:99999"}, PINCH_URL_ENV),
        (
            ["translate", "{wav}", "--url", "https://127.0.0.1:9"],
            {CA_FILE_ENV: "/nonexistent/ca.pem"},
            "cannot be read",
        ),
        (
            ["translate", "{wav}", "--url", "https://127.0.0.1:9"],
            {CA_FILE_ENV: "/etc/hostname"},
            "holds no certificate",
        ),
    ],
    ids=["ipv6", "port", "context", "pulse-ipv6", "env-url", "ca-missing", "ca-not-a-cert"],
)
def test_the_command_exits_2_with_one_sentence(
    wav: Path, argv: list[str], env: dict[str, str], said: str
) -> None:
    result = dragoman(*(a.format(wav=wav) for a in argv), **env)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dragoman: ") and said in lines[0]
    assert "unexpected error" not in result.stderr and "Traceback" not in result.stderr
