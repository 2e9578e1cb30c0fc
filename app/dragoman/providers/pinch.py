"""The async Pinch real-time client: allocation over httpx, the session over websockets.

All protocol decisions live in ``dragoman.core.pinch``; this module only moves bytes, keeps time
and supervises reconnection.  One PinchSession is one *logical* session for its owner: behind it,
Pinch sessions come and go (token expiry, server restarts, dropped networks) and the audio no
final has covered yet is replayed to each replacement, so the owner never loses a sentence.
Replacements share one retry budget (``core.backoff.RetryBudget``): only a session that stayed
up ``stable_after_s`` after ``ready`` and made progress gives it back, so a server that loses
every session right after ``ready`` ends in SessionLost instead of an endless replay loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import ssl
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from dragoman.core.backoff import (
    MAX_RETRY_AFTER_S,
    DelayFactory,
    RetryBudget,
    allocation_delays,
    asked_to_wait,
    asks_too_long,
    duration,
    reconnect_delays,
)
from dragoman.core.engine import EngineSettings
from dragoman.core.errors import (
    DragomanError,
    ProtocolError,
    ServiceBusy,
    ServiceUnavailable,
    SessionLost,
)
from dragoman.core.events import (
    Closed,
    Failed,
    Ignored,
    Ready,
    Reconnected,
    Reconnecting,
    ServerError,
    SessionEvent,
    Transcript,
)
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.ledger import AudioLedger
from dragoman.core.pinch import (
    CAPABILITIES,
    DEFAULT_BASE_URL,
    READY_TIMEOUT_S,
    Allocation,
    CloseAction,
    CloseDecision,
    SessionParams,
    build_update_metadata,
    close_decision,
    decode_audio,
    padding_frames,
    parse_allocation,
    parse_text_frame,
    redact_url,
    session_url,
)
from dragoman.core.urls import redact_text
from dragoman.providers.net import (
    check_service_url,
    is_loopback_host,
    tls_context,
    tls_failure,
    tls_failure_error,
)

log = logging.getLogger(__name__)
# The socket library logs request lines, which carry the session token: keep it above DEBUG
# whatever the application's log level.
_wire_log = logging.getLogger(f"{__name__}.wire")
_wire_log.setLevel(logging.WARNING)

# Frames larger than this are refused by the socket (close 1009) and the session is replaced.
MAX_FRAME_BYTES = 4 * 1024 * 1024
SUPPORT_ADDRESS = "support@startpinch.com"  # spec section 2: support requests carry session ids

Sleep = Callable[[float], Awaitable[None]]


class Connector(Protocol):
    """Opens a WebSocket; injected so tests can wrap or fault the transport."""

    def __call__(self, url: str, *, open_timeout: float) -> Awaitable[ClientConnection]: ...


@dataclass(frozen=True)
class PinchConfig:
    """How a client talks to Pinch; defaults follow the spec's decided values."""

    base_url: str = DEFAULT_BASE_URL
    ready_timeout: float = READY_TIMEOUT_S
    open_timeout: float = 10.0  # the WebSocket handshake, TCP and TLS included
    # One allocation request, from connecting to the last byte of the body: a server that drips
    # its answer a byte at a time resets every read timeout, never this deadline.
    http_timeout: float = 15.0
    close_timeout: float = 2.0
    max_reconnects: int = 5  # new sessions in a row that may fail before SessionLost
    # Decided: a session that was lost sooner than this after ``ready`` (or lost with speech no
    # final covered) was no success: the next one spends the retry budget instead of renewing it.
    stable_after_s: float = 5.0
    allocation_delays: DelayFactory = allocation_delays
    reconnect_delays: DelayFactory = reconnect_delays
    ssl_context: ssl.SSLContext | None = None

    def __post_init__(self) -> None:
        check_service_url(self.base_url)

    def __repr__(self) -> str:
        return f"PinchConfig(base_url={redact_text(self.base_url)!r})"


def default_connector(ssl_context: ssl.SSLContext | None) -> Connector:
    async def open_socket(url: str, *, open_timeout: float) -> ClientConnection:
        secure = urlsplit(url).scheme == "wss"
        return await connect(
            url,
            ssl=(ssl_context or tls_context()) if secure else None,
            open_timeout=open_timeout,
            ping_interval=10,
            ping_timeout=10,
            close_timeout=2,
            max_size=MAX_FRAME_BYTES,
            compression=None,  # PCM does not compress; deflate would only add latency
            proxy=None if is_loopback_host(urlsplit(url).hostname) else True,
            user_agent_header="dragoman",
            logger=_wire_log,
        )

    return open_socket


async def allocate(
    http: httpx.AsyncClient,
    api_key: str,
    params: SessionParams,
    config: PinchConfig,
    *,
    sleep: Sleep = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
    on_retry: Callable[[str, float], None] | None = None,
) -> Allocation:
    """``GET /v1/session`` with the spec's status handling and bounded retries.

    401, 403, 400 and 402 end at once; 503, 429 and other 5xx are retried on
    ``config.allocation_delays`` (1 s, 2 s, 4 s), honouring a Retry-After up to
    ``MAX_RETRY_AFTER_S`` (a longer one gives up at once, saying so), then raised as final
    (``retryable`` False: nobody retries it again).  A network failure, a TLS failure or a
    request that outlives ``config.http_timeout`` is raised at once; the first two are
    retryable by the caller, TLS failures never.  ``on_retry`` gets the sentence and the delay.
    """
    url = session_url(config.base_url, params)
    delays = config.allocation_delays()
    started = clock()
    tries = 0
    while True:
        tries += 1
        try:
            async with asyncio.timeout(config.http_timeout):
                response = await http.get(url, headers={"Authorization": f"Bearer {api_key}"})
            return parse_allocation(
                response.status_code, response.content, response.headers.get("retry-after")
            )
        except ServiceUnavailable as error:
            if not error.retryable:
                raise
            delay = next(delays, None)
            if delay is None or asks_too_long(error.retry_after):
                raise _given_up(error, tries, clock() - started) from error
            reason = str(error).rstrip(".")
            if error.retry_after is not None:
                delay = max(delay, error.retry_after)
                reason += f"; {asked_to_wait(error.retry_after)}"
            log.info("allocation failed (%s); retrying in %.1f s", reason, delay)
            if on_retry is not None:
                on_retry(reason, delay)
            await sleep(delay)
        except TimeoutError:
            raise ServiceUnavailable(
                QT_TRANSLATE_NOOP(
                    "errors", "%1 did not answer within %2 s: check your connection."
                ).arg(_host(config.base_url), f"{config.http_timeout:g}")
            ) from None
        except httpx.HTTPError as exc:
            raise _network_error(exc, config.base_url) from exc


def _given_up(error: ServiceUnavailable, tries: int, spent: float) -> ServiceUnavailable:
    """One sentence for allocation retries that ended: what failed, how long we tried, next step.

    Final: ``retryable`` is False, so the session does not wrap it in retries of its own.
    """
    reason = str(error).rstrip(".")
    noun = "try" if tries == 1 else "tries"
    if asks_too_long(error.retry_after):
        assert error.retry_after is not None
        return type(error)(
            f"{reason}; {asked_to_wait(error.retry_after)}, longer than Dragoman waits "
            f"({MAX_RETRY_AFTER_S:g} s), so it gave up after {tries} {noun} over "
            f"{duration(spent)}: try again later.",
            retry_after=error.retry_after,
            retryable=False,
        )
    return type(error)(
        f"{reason}; gave up after {tries} {noun} over {duration(spent)}: try again in a minute.",
        retry_after=error.retry_after,
        retryable=False,
    )


def _host(base_url: str) -> str:
    return urlsplit(base_url).hostname or "The Pinch service"


def _network_error(exc: httpx.HTTPError, base_url: str) -> ServiceUnavailable:
    host = _host(base_url)
    failure = tls_failure(exc)
    if failure is not None:
        return tls_failure_error(host, failure)
    if isinstance(exc, httpx.TimeoutException):
        return ServiceUnavailable(f"{host} did not answer in time: check your connection.")
    reason = redact_text(str(exc) or type(exc).__name__)
    if "CERTIFICATE_VERIFY_FAILED" in reason:
        return ServiceUnavailable(
            f"{host}'s TLS certificate could not be verified: this is a certificate problem, "
            "not your connection. Check the service URL.",
            retryable=False,
        )
    return ServiceUnavailable(f"Could not reach {host} ({reason}): check your connection.")


@dataclass
class SessionStats:
    """Counters a caller can show or assert on; nothing here is ever fatal."""

    protocol_errors: int = 0
    ignored_frames: int = 0
    dropped_audio_bytes: int = 0
    reconnects: int = 0
    session_ids: list[str] = field(default_factory=list)


_NEXT_STEP = re.compile(
    r"\s*[;:]\s*(reconnecting|starting a new (session|one)|check your connection)\.?$"
)


def _reason_only(sentence: str) -> str:
    """'The connection dropped; reconnecting.' -> 'The connection dropped'."""
    return _NEXT_STEP.sub("", sentence).rstrip(". ")


class _Lost(Exception):
    """The current socket is gone; ``decision`` says how to replace it."""

    def __init__(self, decision: CloseDecision) -> None:
        super().__init__(decision.sentence)
        self.decision = decision


class PinchSession:
    """One logical translation session that survives expired tokens and dropped sockets.

    ``push_audio`` and ``end_utterance`` never block; audio waits in the ledger until a session
    is ready.  Events come out of ``events()`` in arrival order, ending with Closed or Failed.
    """

    def __init__(
        self,
        *,
        api_key: str,
        settings: EngineSettings,
        config: PinchConfig,
        http: httpx.AsyncClient,
        connector: Connector | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        ledger: AudioLedger | None = None,
    ) -> None:
        self._api_key = api_key
        self._params = SessionParams.from_settings(settings)
        self._config = config
        self._http = http
        self._connect = connector or default_connector(config.ssl_context)
        self._sleep = sleep
        self._clock = clock
        self._ledger = ledger or AudioLedger()
        self._events: asyncio.Queue[SessionEvent] = asyncio.Queue()
        self._wake = asyncio.Event()
        self._all_sent = asyncio.Event()  # set by the sender when the ledger has nothing unsent
        self._ws: ClientConnection | None = None
        self._ready = asyncio.Event()
        self._closing = False
        self._ended = False
        self._task: asyncio.Task[None] | None = None
        self._last_frame_at = clock()
        self._open_interims: set[tuple[str, str | None]] = set()
        self._ready_at: float | None = None  # when the current socket got ready
        self._confirmed_at_ready = 0  # the ledger's ``confirmed`` then
        self._padding: deque[range] = deque()  # ledger positions of end-of-utterance zeros
        self._server_error: ServerError | None = None  # the current socket's last error frame
        self.session_id: str | None = None
        self.stats = SessionStats()

    def __repr__(self) -> str:
        state = "closed" if self._ended else "ready" if self._ready.is_set() else "connecting"
        return f"PinchSession({state}, session_id={self.session_id!r}, {self._ledger!r})"

    @property
    def params(self) -> SessionParams:
        return self._params

    # ------------------------------------------------------------------------------------------
    # The owner's side

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._supervise(), name="pinch-session")

    async def wait_ready(self) -> None:
        await self._ready.wait()

    async def wait_sent(self) -> None:
        """Until the current session has been handed every queued frame."""
        await self._all_sent.wait()

    def push_audio(self, frame: bytes) -> None:
        """Queue 20 ms (any length) of PCM16 16 kHz mono; sent as soon as a session is ready."""
        self._ledger.append(frame)
        self._all_sent.clear()
        self._wake.set()

    def end_utterance(self) -> None:
        """Push-to-talk released: 300 ms of zeros go out right after the last audio, at once."""
        self._forget_retired_padding()
        first = self._ledger.appended
        for frame in padding_frames():
            self._ledger.append(frame)
        self._padding.append(range(first, self._ledger.appended))
        self._all_sent.clear()
        self._wake.set()

    def unfinished_audio(self) -> list[bytes]:
        """The frames pushed that no source final has covered yet, in order, for a retry.

        Meant for after Failed or Closed (before that it is a snapshot of a moving target): the
        owner can push them into a fresh session so nothing said is lost.  These are the ledger's
        unconfirmed frames, sent or not, exactly as ``push_audio`` took them, without the
        end-of-utterance zeros this session added itself.  Two approximations of the ledger
        (``core.ledger``): up to ``margin_ms`` (200 ms) of the silence that followed the last
        finalised sentence may lead, and audio beyond its capacity (120 s) is not kept.
        """
        self._forget_retired_padding()
        return [
            data
            for position, data in self._ledger.unconfirmed()
            if not any(position in padding for padding in self._padding)
        ]

    def _forget_retired_padding(self) -> None:
        while self._padding and self._padding[0].stop <= self._ledger.first_position:
            self._padding.popleft()

    async def update(self, settings: EngineSettings) -> None:
        """Change languages, voice or mode mid-session with update_metadata, not a reconnect."""
        params = SessionParams.from_settings(settings)
        frame = build_update_metadata(self._params, params)
        self._params = params
        ws = self._ws
        if frame is None or ws is None or not self._ready.is_set():
            return  # the next allocation carries the new parameters
        with contextlib.suppress(ConnectionClosed):
            await ws.send(frame)
        log.info("session parameters updated: %s", frame)

    async def events(self) -> AsyncIterator[SessionEvent]:
        while True:
            event = await self._events.get()
            yield event
            if isinstance(event, Closed | Failed):
                return

    def idle_for(self) -> float:
        """Seconds since the server last sent anything."""
        return self._clock() - self._last_frame_at

    def has_open_interims(self) -> bool:
        """True while some segment has an interim result not yet followed by its final."""
        return bool(self._open_interims)

    def all_sent(self) -> bool:
        return self._ready.is_set() and not self._ledger.has_unsent()

    async def close(self) -> None:
        """Send what is queued, close with 1000, and wait briefly for the last frames."""
        if self._task is None:
            self._ended = True
            return
        if self._ready.is_set() and not self._ended:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._drained(), self._config.close_timeout)
        self._closing = True
        self._wake.set()
        ws = self._ws
        if ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ws.close(1000), self._config.close_timeout)
        try:
            await asyncio.wait_for(asyncio.shield(self._task), self._config.close_timeout * 2)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._emit(Closed())

    def _is_closing(self) -> bool:
        return self._closing

    def _socket_error(self) -> ServerError | None:
        """The current socket's last error frame (a method: read after awaits, not narrowed)."""
        return self._server_error

    async def _drained(self) -> None:
        await self._all_sent.wait()

    # ------------------------------------------------------------------------------------------
    # Supervision

    def _emit(self, event: SessionEvent) -> None:
        if not self._ended:
            if isinstance(event, Closed | Failed):
                self._ended = True
            self._events.put_nowait(event)

    async def _supervise(self) -> None:
        config = self._config
        budget = RetryBudget(
            attempts=config.max_reconnects,
            delays=config.reconnect_delays,
            stable_after_s=config.stable_after_s,
        )
        try:
            while not self._closing:
                attempt: str | None = None
                began_at = self._clock()
                self._ready_at = None
                try:
                    allocation = await allocate(
                        self._http,
                        self._api_key,
                        self._params,
                        config,
                        sleep=self._sleep,
                        clock=self._clock,
                        on_retry=self._on_allocation_retry,
                    )
                    attempt = allocation.session_id
                    allocated_at = self._clock()
                    await self._run_socket(allocation, allocated_at, reconnect=budget.lost_any)
                    return  # closed by us
                except _Lost as lost:
                    decision = lost.decision
                except ServiceUnavailable as error:
                    if isinstance(error, ServiceBusy) or not error.retryable:
                        raise
                    decision = CloseDecision(CloseAction.REALLOCATE_BACKOFF, str(error))
                if self._is_closing():
                    return
                self._ready.clear()
                self._open_interims.clear()
                healthy = budget.lost(
                    ready_at=self._ready_at,
                    now=self._clock(),
                    progressed=self._progressed(),
                    label=attempt,
                    began_at=began_at,
                )
                if budget.exhausted:
                    raise SessionLost(self._gave_up(decision, budget, self._clock()))
                now = decision.action in (CloseAction.REALLOCATE_NOW, CloseAction.REALLOCATE)
                delay = budget.next_delay(immediate=now)
                self.stats.reconnects += 1
                log.warning(
                    "session %s lost (%s; %s); reconnecting in %.1f s",
                    attempt or "(none)",
                    decision.sentence,
                    "it had been healthy" if healthy else f"{budget!r}",
                    delay,
                )
                self._emit(
                    Reconnecting(reason=decision.sentence, attempt=budget.failures, delay=delay)
                )
                await self._sleep(delay)
        except DragomanError as error:
            log.warning("session failed: %s", error)
            self._emit(Failed(error))
        finally:
            self._ready.clear()
            self._ws = None
            self._emit(Closed())

    def _progressed(self) -> bool:
        """Whether the lost socket moved the utterance on: a final covered audio it was sent,
        or no speech was waiting for one (an idle session is not a failing one)."""
        return (
            self._ledger.confirmed > self._confirmed_at_ready or not self._ledger.awaiting_final()
        )

    def _gave_up(self, decision: CloseDecision, budget: RetryBudget, now: float) -> str:
        """The SessionLost sentence: what kept happening, the sessions tried, the time spent and
        the next step."""
        pattern = budget.pattern()
        sessions = budget.sessions_clause()
        return (
            f"{_reason_only(decision.sentence)}, and it was still failing after "
            f"{budget.attempts} attempts over {duration(budget.failing_for(now))}"
            + (f"; {pattern}" if pattern else "")
            + (f" ({sessions})" if sessions else "")
            + ": check your connection and try again; if it keeps happening, write to "
            + f"{SUPPORT_ADDRESS} quoting "
            + ("these session ids." if sessions else "the time it happened.")
        )

    def _on_allocation_retry(self, reason: str, delay: float) -> None:
        self._emit(Reconnecting(reason=reason, attempt=0, delay=delay))

    async def _run_socket(
        self, allocation: Allocation, allocated_at: float, reconnect: bool
    ) -> None:
        remaining = allocation.expires_in - (self._clock() - allocated_at)
        if remaining <= 0:
            raise _Lost(close_decision(4401))
        ws_parts = urlsplit(allocation.ws_url)
        if ws_parts.scheme != "wss" and not is_loopback_host(ws_parts.hostname):
            raise ProtocolError(
                "Pinch returned an unencrypted session URL for a remote host; refusing to send "
                "audio over it. Check the service URL."
            )
        log.info("opening session %s at %s", allocation.session_id, redact_url(allocation.ws_url))
        open_timeout = min(self._config.open_timeout, remaining)
        try:
            # The deadline is ours too, whatever the connector does with open_timeout.
            async with asyncio.timeout(open_timeout):
                ws = await self._connect(allocation.ws_url, open_timeout=open_timeout)
        except TimeoutError:
            raise _Lost(
                CloseDecision(
                    CloseAction.REALLOCATE_BACKOFF,
                    f"The session did not open within {open_timeout:g} s; reconnecting.",
                )
            ) from None
        except (OSError, InvalidHandshake, InvalidURI) as exc:
            failure = tls_failure(exc)
            if failure is not None:
                raise tls_failure_error(ws_parts.hostname, failure) from exc
            reason = redact_text(str(exc) or type(exc).__name__)
            raise _Lost(
                CloseDecision(
                    CloseAction.REALLOCATE_BACKOFF,
                    f"Could not open the session ({reason}); reconnecting.",
                )
            ) from exc
        self._ws = ws
        self._server_error = None
        sender: asyncio.Task[None] | None = None
        try:
            try:
                await self._await_ready(ws)
                self.session_id = allocation.session_id
                self.stats.session_ids.append(allocation.session_id)
                replayed_ms = self._ledger.rewind()
                self._ready_at = self._clock()
                self._confirmed_at_ready = self._ledger.confirmed
                self._ready.set()
                if reconnect:
                    self._emit(Reconnected(allocation.session_id, replayed_ms))
                else:
                    self._emit(Ready(allocation.session_id))
                log.info("session %s ready (replaying %d ms)", allocation.session_id, replayed_ms)
                sender = asyncio.create_task(self._send_loop(ws), name="pinch-send")
                async for message in ws:
                    self._handle(message)
                # ``async for`` ends quietly on a clean close.
                received, sent = ws.protocol.close_rcvd, ws.protocol.close_sent
            except ConnectionClosed as closed:
                received, sent = closed.rcvd, closed.sent
        finally:
            self._ws = None
            if sender is not None:
                sender.cancel()
                with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                    await sender
            if not self._closing:
                ws.transport.abort()
        if self._is_closing():
            return
        if received is None and sent is not None and sent.code != 1000:
            received = sent  # we closed it ourselves, e.g. 1009 for an oversized frame
        code, reason = (received.code, received.reason) if received is not None else (None, "")
        decision = close_decision(code, reason)
        if decision.action is CloseAction.DONE:
            # The server ended a session we still wanted: replace it like any other loss.
            decision = CloseDecision(
                CloseAction.REALLOCATE, "The server ended the session; starting a new one."
            )
        error = self._socket_error()
        if error is not None:  # the service said why before it closed: that is the reason
            then = decision.sentence[:1].lower() + decision.sentence[1:]
            decision = CloseDecision(decision.action, f"{error.sentence.rstrip('.')}; then {then}")
        raise _Lost(decision)

    async def _await_ready(self, ws: ClientConnection) -> None:
        """Wait for ``ready``; other frames meanwhile are handled, no audio is sent."""
        deadline = self._clock() + self._config.ready_timeout
        while True:
            left = deadline - self._clock()
            try:
                if left <= 0:
                    raise TimeoutError
                message = await asyncio.wait_for(ws.recv(), left)
            except TimeoutError:
                raise _Lost(
                    CloseDecision(
                        CloseAction.REALLOCATE_NOW,
                        f"The server did not get ready within {self._config.ready_timeout:g} s "
                        "(the session link probably expired); starting a new session.",
                    )
                ) from None
            if self._handle(message) is Ready:
                return

    def _handle(self, message: str | bytes) -> type | None:
        self._last_frame_at = self._clock()
        if isinstance(message, bytes):
            audio = decode_audio(message)
            if audio.dropped_bytes:
                self.stats.protocol_errors += 1
                self.stats.dropped_audio_bytes += audio.dropped_bytes
                log.debug("audio frame of %d bytes is not whole samples", len(message))
            if not self._params.audio_output:
                self.stats.ignored_frames += 1
                return None
            if audio.samples.size:
                self._emit(audio)
            return None
        try:
            event = parse_text_frame(message)
        except ProtocolError as error:
            self.stats.protocol_errors += 1
            log.debug("ignoring a malformed frame: %s", error)
            return None
        if isinstance(event, Ready):
            return Ready
        if isinstance(event, Transcript):
            key = (event.role, event.correlation_id)
            if event.is_final:
                self._open_interims.discard(key)
                if event.role == "source":
                    self._ledger.on_final(self._clock())
            else:
                self._open_interims.add(key)
        elif isinstance(event, Ignored):
            self.stats.ignored_frames += 1
        elif isinstance(event, ServerError):
            self._server_error = event
        self._emit(event)
        return None

    async def _send_loop(self, ws: ClientConnection) -> None:
        while True:
            frame = self._ledger.take(self._clock())
            if frame is None:
                self._all_sent.set()
                self._wake.clear()
                await self._wake.wait()
                if self._is_closing():
                    return
                continue
            await ws.send(frame)


class PinchEngine:
    """The Engine for Pinch: holds the key, endpoint and HTTP client; opens PinchSessions."""

    capabilities = CAPABILITIES

    def __init__(
        self,
        *,
        api_key: str,
        config: PinchConfig,
        http: httpx.AsyncClient,
        connector: Connector | None = None,
    ) -> None:
        self._api_key = api_key
        self._config = config
        self._http = http
        self._connector = connector

    def __repr__(self) -> str:
        return f"PinchEngine(base_url={redact_text(self._config.base_url)!r})"

    def open_session(self, settings: EngineSettings) -> PinchSession:
        return PinchSession(
            api_key=self._api_key,
            settings=settings,
            config=self._config,
            http=self._http,
            connector=self._connector,
        )
