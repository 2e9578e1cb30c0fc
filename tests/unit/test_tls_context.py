"""TLS policy: one verified context per process (per CA-file setting), and the CA file trusted.

``ssl.create_default_context()`` loads the system's CA store (~23 ms); it used to be built for
every socket the app opened, on the Qt thread.
"""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path

import pytest

from dragoman.providers.net import CA_FILE_ENV, tls_context
from tests.testbed.tls import Certificates, make_certificates


def test_the_context_is_built_once_and_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CA_FILE_ENV, raising=False)
    first = tls_context()
    assert tls_context() is first
    assert first.verify_mode is ssl.CERT_REQUIRED and first.check_hostname


def test_each_ca_file_setting_has_its_own_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CA_FILE_ENV, raising=False)
    system_only = tls_context()
    certs = make_certificates(tmp_path)
    monkeypatch.setenv(CA_FILE_ENV, str(certs.ca_file))
    with_ca = tls_context()
    assert with_ca is not system_only and tls_context() is with_ca
    assert any(
        ("commonName", "dragoman test CA") in rdn
        for ca in with_ca.get_ca_certs()
        for rdn in ca["subject"]
    )
    monkeypatch.delenv(CA_FILE_ENV)
    assert tls_context() is system_only


async def _handshake(certs: Certificates, context: ssl.SSLContext) -> None:
    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=certs.server_context())
    port = server.sockets[0].getsockname()[1]
    try:
        async with asyncio.timeout(10):
            _, writer = await asyncio.open_connection(
                "127.0.0.1", port, ssl=context, server_hostname="localhost"
            )
            writer.close()
            await writer.wait_closed()
    finally:
        server.close()
        await server.wait_closed()


async def test_the_shared_context_trusts_the_ca_file_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    certs = make_certificates(tmp_path)
    monkeypatch.delenv(CA_FILE_ENV, raising=False)
    with pytest.raises(ssl.SSLCertVerificationError):
        await _handshake(certs, tls_context())
    monkeypatch.setenv(CA_FILE_ENV, str(certs.ca_file))
    for _ in range(2):  # the second connection reuses the first one's context
        await _handshake(certs, tls_context())
