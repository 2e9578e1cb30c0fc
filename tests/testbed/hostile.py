"""Hostile services for the network tests: a server that drips its answers, a certificate that
signs itself, and an HTTP transport that rewrites what the emulator answered.

Each stays within what a real network can do to a client: slow bytes, an untrusted certificate,
a proxy that changes a response on the way.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import json
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

# ----------------------------------------------------------------------------------------------
# A server that answers one byte at a time


Handler = Callable[["Request", asyncio.StreamWriter], Awaitable[None]]


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    headers: dict[str, str]


class DripServer:
    """An HTTP/1.1 server on 127.0.0.1:0 whose ``handler`` writes the answer as it likes.

    ``drip`` writes bytes one at a time with a pause between them: every single read a client
    makes succeeds in time, so only an overall deadline ends the wait.  Requests are recorded.
    """

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[Request] = []
        self.base_url = ""
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> DripServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(2):
                await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name:
                    headers[name.strip().lower()] = value.strip()
            request = Request(method, target, headers)
            self.requests.append(request)
            await self.handler(request, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()


async def drip(writer: asyncio.StreamWriter, data: bytes, every: float) -> None:
    """Write ``data`` one byte at a time, ``every`` seconds apart."""
    for i in range(len(data)):
        writer.write(data[i : i + 1])
        await writer.drain()
        await asyncio.sleep(every)


def http_response(status: int, body: object, headers: dict[str, str] | None = None) -> bytes:
    data = json.dumps(body).encode()
    head = f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
    head += f"Content-Length: {len(data)}\r\nConnection: close\r\n"
    for name, value in (headers or {}).items():
        head += f"{name}: {value}\r\n"
    return head.encode() + b"\r\n" + data


# ----------------------------------------------------------------------------------------------
# A certificate that signs itself


@dataclass(frozen=True)
class SelfSigned:
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def trusting_context(self) -> ssl.SSLContext:
        """A client context that trusts this one certificate (and nothing else)."""
        return ssl.create_default_context(cafile=str(self.cert_file))


def self_signed(folder: Path) -> SelfSigned:
    """A certificate for 127.0.0.1 / localhost, issued by itself."""
    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    files = SelfSigned(folder / "self-signed.pem", folder / "self-signed.key")
    files.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return files


# ----------------------------------------------------------------------------------------------
# A proxy that rewrites responses


Rewrite = Callable[[int, dict[str, str], bytes], tuple[int, dict[str, str], bytes]]


class RewritingTransport(httpx.AsyncBaseTransport):
    """Real HTTP over TCP (to an emulator), with each response passed through ``rewrite``."""

    def __init__(self, rewrite: Rewrite, verify: ssl.SSLContext | bool = True) -> None:
        self._inner = httpx.AsyncHTTPTransport(verify=verify)
        self._rewrite = rewrite

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        body = await response.aread()
        await response.aclose()
        status, headers, body = self._rewrite(response.status_code, dict(response.headers), body)
        headers = {k: v for k, v in headers.items() if k.lower() != "content-length"}
        return httpx.Response(status, headers=headers, content=body, request=request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def rewrite_ws_url(change: Callable[[str], str]) -> Rewrite:
    """A rewrite for allocation answers: ``ws_url`` becomes ``change(ws_url)``."""

    def rewrite(
        status: int, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        if status == 200:
            data = json.loads(body)
            data["ws_url"] = change(data["ws_url"])
            body = json.dumps(data).encode()
        return status, headers, body

    return rewrite
