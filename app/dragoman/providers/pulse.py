"""The async Pulse client: Smallest AI real-time transcription over one websocket at a time.

All protocol decisions live in ``dragoman.core.pulse``; this module only moves bytes, keeps time
and supervises reconnection.  One PulseSession is one *logical* session for its owner: behind it,
Pulse sessions come and go (dropped networks, server restarts, a changed language) and the audio
no final has confirmed yet is replayed to each replacement, so the owner never loses a sentence.

Replay policy (decided; Pulse finals are per turn and carry no audio offsets):

* A final that answers our ``finalize`` (``from_finalize``) confirms everything sent before the
  finalize: that audio is retired exactly.  ``is_last`` does the same for ``close_stream``.
* A final the server's own endpointing produced confirms *some* earlier speech: the ledger retires
  its oldest complete segment, conservatively (a drop may then replay a little already-final
  speech, never lose any).
* After a reconnection the unconfirmed audio is replayed first, then the finalize requests that
  had not been answered, in their original places, then newer audio.

Reconnection budget (the spec: at most 5 attempts, "reset after a successful open"; decided what a
successful open is): the sockets share one ``core.backoff.RetryBudget``, and an open counts as a
success only once the socket stayed up ``stable_after_s`` and made progress (a final covered
audio, or no speech was waiting for one).  A server that accepts every socket and drops it at
once, or after an interim but before any final, ends in SessionLost instead of replaying the
turn forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import ssl
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Final, Protocol
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI
from websockets.protocol import State

from dragoman.core.backoff import (
    MAX_RETRY_AFTER_S,
    DelayFactory,
    RetryBudget,
    asked_to_wait,
    asks_too_long,
    duration,
    rate_limit_delays,
    reconnect_delays,
)
from dragoman.core.engine import EngineSettings
from dragoman.core.errors import (
    DragomanError,
    ProtocolError,
    ServiceUnavailable,
    SessionLost,
    UsageError,
)
from dragoman.core.events import (
    Closed,
    Failed,
    Ignored,
    Notice,
    Ready,
    Reconnected,
    Reconnecting,
    ServerError,
    SessionEvent,
)
from dragoman.core.ledger import AudioLedger
from dragoman.core.pulse import (
    CAPABILITIES,
    CLOSE_STREAM,
    CONCURRENCY_LIMIT,
    DEFAULT_BASE_URL,
    FINALIZE,
    REGIONS,
    STABLE_OPEN_S,
    US_BASE_URL,
    AudioFormat,
    CloseAction,
    CloseDecision,
    HandshakeFailure,
    PulseParams,
    Result,
    Retry,
    SpeechActivity,
    choose_base,
    close_decision,
    handshake_failure,
    live_url,
    parse_message,
)
from dragoman.core.urls import redact_text, redact_url
from dragoman.providers.net import (
    check_service_url,
    is_loopback_host,
    tls_context,
    tls_failure,
    tls_failure_error,
)

log = logging.getLogger(__name__)
# The socket library can log request headers, which carry the API key: keep it above DEBUG
# whatever the application's log level.
_wire_log = logging.getLogger(f"{__name__}.wire")
_wire_log.setLevel(logging.WARNING)

# Results are small JSON; anything near this is not Pulse talking.
MAX_MESSAGE_BYTES: Final = 1024 * 1024

Sleep = Callable[[float], Awaitable[None]]


class Connector(Protocol):
    """Opens a WebSocket with extra upgrade headers; injected so tests can wrap the transport."""

    def __call__(
        self, url: str, *, headers: dict[str, str], open_timeout: float
    ) -> Awaitable[ClientConnection]: ...


@dataclass(frozen=True)
class PulseConfig:
    """How a client talks to Pulse: endpoints, recognition options and the spec's timings.

    ``base_url`` is the default (India) host and ``us_base_url`` the US one; ``region`` "auto"
    picks by language.  An explicit endpoint (tests, a proxy) usually sets both to the same URL.
    Either may be a base or a full endpoint URL (``.../waves/v1/pulse/get_text`` chooses the
    legacy path; see ``core.pulse.live_url``).
    """

    base_url: str = DEFAULT_BASE_URL
    us_base_url: str = US_BASE_URL
    region: str = "auto"
    legacy_path: bool = False
    params: PulseParams = field(default_factory=PulseParams)
    open_timeout: float = 10.0  # the WebSocket handshake, TCP and TLS included
    drain_timeout: float = 5.0  # close(): for queued audio to go out
    last_timeout: float = 5.0  # after close_stream: for the is_last result
    close_timeout: float = 2.0  # the closing handshake
    max_reconnects: int = 5  # sockets in a row that may fail before giving up
    reconnect_delays: DelayFactory = reconnect_delays
    rate_limit_delays: DelayFactory = rate_limit_delays
    # A socket lost sooner than this after it opened (or lost with speech no final covered) was
    # no successful open: the next one spends the budget instead of renewing it.
    stable_after_s: float = STABLE_OPEN_S
    ssl_context: ssl.SSLContext | None = None

    def __post_init__(self) -> None:
        check_service_url(self.base_url)
        check_service_url(self.us_base_url)
        if self.region not in REGIONS:
            raise UsageError(f"region={self.region!r} is not known: choose auto, default or us.")

    def __repr__(self) -> str:
        return (
            f"PulseConfig(base_url={redact_url(self.base_url)!r}, "
            f"us_base_url={redact_url(self.us_base_url)!r}, region={self.region!r})"
        )


def default_connector(ssl_context: ssl.SSLContext | None) -> Connector:
    async def open_socket(
        url: str, *, headers: dict[str, str], open_timeout: float
    ) -> ClientConnection:
        secure = urlsplit(url).scheme == "wss"
        return await connect(
            url,
            additional_headers=headers,
            ssl=(ssl_context or tls_context()) if secure else None,
            open_timeout=open_timeout,
            ping_interval=10,
            ping_timeout=10,
            close_timeout=2,
            max_size=MAX_MESSAGE_BYTES,
            compression=None,  # PCM does not compress; deflate would only add latency
            proxy=None if is_loopback_host(urlsplit(url).hostname) else True,
            user_agent_header="dragoman",
            logger=_wire_log,
        )

    return open_socket


@dataclass
class SessionStats:
    """Counters a caller can show or assert on; nothing here is ever fatal."""

    protocol_errors: int = 0
    ignored_frames: int = 0
    reconnects: int = 0
    last_timeouts: int = 0  # close_stream answered by no is_last in time
    session_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Mark:
    """A control message due once every frame before ``position`` has been sent."""

    position: int
    message: str


class _Refused(Exception):
    """The server answered the upgrade with an HTTP error."""

    def __init__(self, failure: HandshakeFailure) -> None:
        super().__init__(str(failure.error))
        self.failure = failure


class _Lost(Exception):
    """The current socket is gone (or never opened); ``decision`` says why."""

    def __init__(self, decision: CloseDecision) -> None:
        super().__init__(decision.sentence)
        self.decision = decision


class PulseSession:
    """One logical transcription session that survives dropped sockets and language changes.

    ``push_audio`` and ``end_utterance`` never block; audio waits in the ledger until a socket is
    open.  Events come out of ``events()`` in arrival order, ending with Closed or Failed.
    """

    def __init__(
        self,
        *,
        api_key: str,
        settings: EngineSettings,
        config: PulseConfig,
        connector: Connector | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        ledger: AudioLedger | None = None,
    ) -> None:
        self._api_key = api_key
        self._config = config
        self._params = self._checked(settings)
        # The declared format comes from what push_audio takes, never from settings: the server
        # does not resample, so declaring any other rate would garble every word.
        self._audio = AudioFormat("linear16", CAPABILITIES.input_rate).validate()
        self._connect = connector or default_connector(config.ssl_context)
        self._sleep = sleep
        self._clock = clock
        self._ledger = ledger or AudioLedger(rate=self._audio.sample_rate)
        self._events: asyncio.Queue[SessionEvent] = asyncio.Queue()
        self._wake = asyncio.Event()
        self._all_sent = asyncio.Event()
        self._last_received = asyncio.Event()
        self._ready = asyncio.Event()
        self._marks: deque[_Mark] = deque()
        self._marks_sent = 0
        self._closing = False
        self._backing_off = False
        self._reopen = False
        self._ever_ready = False
        self._ended = False
        self._task: asyncio.Task[None] | None = None
        self._close_task: asyncio.Task[None] | None = None
        self._open_interim = False
        self._stream_given_up = False  # the current socket's close_stream went unanswered
        self._server_error: ServerError | None = None  # the current socket's last error message
        self._backoff_delay = 0.0  # the pause under way between two sockets
        self._last_frame_at = clock()
        self._opened_at: float | None = None  # when the current socket opened (its "ready")
        self._confirmed_at_open = 0  # the ledger's ``confirmed`` then
        self._socket_session_id: str | None = None  # the id the current socket's results carry
        self.session_id: str | None = None
        self.stats = SessionStats()

    def __repr__(self) -> str:
        state = "closed" if self._ended else "open" if self._ready.is_set() else "connecting"
        return (
            f"PulseSession({state}, language={self._params.language!r}, "
            f"session_id={self.session_id!r}, marks={len(self._marks)}, {self._ledger!r})"
        )

    @property
    def params(self) -> PulseParams:
        return self._params

    def _checked(self, settings: EngineSettings) -> PulseParams:
        params = PulseParams.from_settings(settings, self._config.params)
        choose_base(  # refuses a region that cannot serve the language, before anything is sent
            params.language,
            base_url=self._config.base_url,
            us_base_url=self._config.us_base_url,
            region=self._config.region,
        )
        return params

    # ------------------------------------------------------------------------------------------
    # The owner's side

    def start(self) -> None:
        if self._task is None and not self._closing:
            self._task = asyncio.create_task(self._supervise(), name="pulse-session")

    async def wait_ready(self) -> None:
        await self._ready.wait()

    async def wait_sent(self) -> None:
        """Until the current socket has been handed every queued frame and control message."""
        await self._all_sent.wait()

    def push_audio(self, frame: bytes) -> None:
        """Queue PCM16 16 kHz mono (20 ms frames; any length works); sent once a socket is open."""
        self._ledger.append(frame)
        self._all_sent.clear()
        self._wake.set()

    def end_utterance(self) -> None:
        """Push-to-talk released: the tail goes out, then ``finalize`` for one final at once.

        No silence padding: unlike Pinch, Pulse flushes the turn on request.
        """
        self._add_mark(FINALIZE)

    async def update(self, settings: EngineSettings) -> None:
        """A changed language needs a new Pulse session (there is no update message).

        What was said so far is flushed with ``close_stream`` in the old language; audio pushed
        from now on goes to a new socket opened with the new parameters, nothing is lost.  Before
        the first socket is open the change simply applies to it (and to audio already queued).
        """
        params = self._checked(settings)
        if params == self._params:
            return
        self._params = params
        log.info("language now %s", params.language)
        if self._ready.is_set() and not self._closing and not self._reopen:
            self._reopen = True
            self._add_mark(CLOSE_STREAM)

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
        """True while the current segment has an interim result not yet followed by its final."""
        return self._open_interim

    def results_pending(self) -> bool:
        """True while the server owes a result for what it was sent: a ``finalize`` not yet
        answered, speech no final covered yet, or an interim not yet followed by its final.

        False means every turn sent so far is complete: an owner may close at once, with no
        quiet period to wait out (Pulse answers each ``finalize`` with exactly one final).
        """
        return self._marks_sent > 0 or self._ledger.awaiting_final() or self._open_interim

    def all_sent(self) -> bool:
        return (
            self._ready.is_set()
            and not self._ledger.has_unsent()
            and self._marks_sent == len(self._marks)
        )

    def unfinished_audio(self) -> list[bytes]:
        """The frames pushed that no final has confirmed yet, in order, for a retry.

        Meant for after Failed or Closed (before that it is a snapshot of a moving target): the
        owner can push them into a fresh session so nothing said is lost.  These are the ledger's
        unconfirmed frames, sent or not, exactly as ``push_audio`` took them (Pulse adds no
        padding of its own).  Where a final came from the server's endpointing rather than a
        ``finalize``, the ledger guesses what it covered (``core.ledger``), so up to ``margin_ms``
        (200 ms) of the silence after that sentence may lead; audio beyond the ledger's capacity
        (120 s) is not kept.
        """
        return [data for _, data in self._ledger.unconfirmed()]

    async def close(self) -> None:
        """Flush with ``close_stream``, wait (bounded) for ``is_last`` and the server's close.

        Safe to call more than once and from an events consumer; every call returns once the
        session has ended.
        """
        if self._close_task is None:
            self._close_task = asyncio.create_task(self._close(), name="pulse-close")
        await asyncio.shield(self._close_task)

    async def _close(self) -> None:
        self._closing = True
        task = self._task
        if task is None:
            self._emit(Closed())
            return
        if not task.done() and (not self._backing_off or self._owes_delivery()):
            # Open or opening (or about to reopen after a loss, with audio no final covered):
            # the queued audio goes out, then close_stream, then is_last.
            self._add_mark(CLOSE_STREAM)
            config = self._config
            budget = (
                (self._backoff_delay if self._backing_off else 0.0)
                + config.open_timeout
                + config.drain_timeout
                + config.last_timeout
                + 2 * config.close_timeout
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(task), budget)
        if not task.done():  # between attempts after a loss, or stuck: stop here
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._emit(Closed())

    def _is_closing(self) -> bool:
        return self._closing  # a method, so a check after an await is not narrowed away

    def _owes_delivery(self) -> bool:
        """Audio that no final covered yet: worth a new socket even while closing."""
        return self._ledger.has_unsent() or self._ledger.awaiting_final()

    def _done_closing(self) -> bool:
        """Closing, and nothing left that a new socket would deliver."""
        return self._is_closing() and not self._owes_delivery()

    def _add_mark(self, message: str) -> None:
        self._marks.append(_Mark(self._ledger.appended, message))
        self._all_sent.clear()
        self._wake.set()

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
        rate_delays = config.rate_limit_delays()
        failed_500 = False
        try:
            while True:
                retry_after: float | None = None
                rate_limited = twice_500 = False
                refusal: DragomanError | None = None
                began_at = self._clock()
                self._opened_at = None
                self._socket_session_id = None
                self._server_error = None
                try:
                    await self._run_socket()
                    # Ended as planned: closed by us, or a new language.  A close asked for
                    # while the socket was flushing a language change may still have audio
                    # pushed after that flush; then the next socket opens at once (nothing
                    # failed).  An unanswered close_stream is not chased with a new socket.
                    if self._is_closing() and (
                        self._stream_given_up or not self._ledger.has_unsent()
                    ):
                        return
                    continue
                except _Refused as refused:
                    refusal, retry = refused.failure.error, refused.failure.retry
                    if retry is Retry.NEVER:
                        raise refusal from None
                    twice_500 = retry is Retry.ONCE and failed_500
                    failed_500 = failed_500 or retry is Retry.ONCE
                    rate_limited = retry is Retry.RATE_LIMITED
                    if isinstance(refusal, ServiceUnavailable):
                        retry_after = refusal.retry_after
                    decision = CloseDecision(
                        CloseAction.RECONNECT, str(refusal).rstrip("."), next_step="retrying"
                    )
                except _Lost as lost:
                    decision = lost.decision
                if self._done_closing():
                    return
                now = self._clock()
                healthy = budget.lost(
                    ready_at=self._opened_at,
                    now=now,
                    progressed=self._progressed(),
                    label=self._socket_session_id,
                    began_at=began_at,
                )
                if healthy:  # the lost socket had been working: a fresh start
                    failed_500, rate_delays = False, config.rate_limit_delays()
                if refusal is not None and (
                    twice_500 or budget.exhausted or asks_too_long(retry_after)
                ):
                    raise self._refused_for_good(refusal, budget, now, twice=twice_500)
                if budget.exhausted:
                    raise SessionLost(self._gave_up(decision, budget, now))
                delay = next(rate_delays, 30.0) if rate_limited else budget.next_delay()
                if retry_after is not None:  # honoured (asks_too_long gave up above) and shown
                    delay = max(delay, retry_after)
                    decision = dataclasses.replace(
                        decision, reason=f"{decision.reason}; {asked_to_wait(retry_after)}"
                    )
                self.stats.reconnects += 1
                log.warning(
                    "session lost (%s; %s); reconnecting in %.1f s",
                    decision.sentence,
                    "it had been healthy" if healthy else f"{budget!r}",
                    delay,
                )
                self._emit(
                    Reconnecting(reason=decision.sentence, attempt=budget.failures, delay=delay)
                )
                self._backing_off, self._backoff_delay = True, delay
                try:
                    await self._sleep(delay)
                finally:
                    self._backing_off = False
                if self._done_closing():
                    return
        except DragomanError as error:
            log.warning("session failed: %s", error)
            self._emit(Failed(error))
        finally:
            self._ready.clear()
            self._emit(Closed())

    def _progressed(self) -> bool:
        """Whether the lost socket moved the turn on: a final covered audio it was sent, or no
        speech was waiting for one (an idle socket is not a failing one)."""
        return self._ledger.confirmed > self._confirmed_at_open or not self._ledger.awaiting_final()

    def _refused_for_good(
        self, refusal: DragomanError, budget: RetryBudget, now: float, *, twice: bool
    ) -> DragomanError:
        """One sentence for refused upgrades that end the session: what the service answered,
        how many tries over how long, and when to try again."""
        reason = str(refusal).rstrip(".")
        spent = f"{budget.failures} tries over {duration(budget.failing_for(now))}"
        retry_after = refusal.retry_after if isinstance(refusal, ServiceUnavailable) else None
        if twice:
            sentence = f"{reason}, twice in a row ({spent}): try again later."
        elif retry_after is not None and asks_too_long(retry_after):
            sentence = (
                f"{reason}; {asked_to_wait(retry_after)}, longer than Dragoman waits "
                f"({MAX_RETRY_AFTER_S:g} s), so it gave up after {spent}: try again later."
            )
        else:
            sentence = (
                f"{reason}, and was still refusing after {budget.attempts} retries over "
                f"{duration(budget.failing_for(now))}: try again in a minute."
            )
        if isinstance(refusal, ServiceUnavailable):
            return type(refusal)(sentence, retry_after=retry_after, retryable=False)
        return type(refusal)(sentence)

    def _gave_up(self, decision: CloseDecision, budget: RetryBudget, now: float) -> str:
        """The SessionLost sentence: what kept happening, the sessions tried, the time spent and
        the next step."""
        pattern = budget.pattern()
        sessions = budget.sessions_clause()
        sentence = (
            f"{decision.reason}, and it was still failing after {budget.attempts} attempts "
            f"over {duration(budget.failing_for(now))}"
        )
        if pattern:
            sentence += f"; {pattern}"
        if sessions:
            sentence += f" (Pulse {sessions})"
        sentence += f": {decision.advice}"
        if sessions:
            sentence += "; if it keeps happening, quote these session ids to Smallest AI support"
        return sentence + "."

    def _url(self) -> str:
        config = self._config
        base = choose_base(
            self._params.language,
            base_url=config.base_url,
            us_base_url=config.us_base_url,
            region=config.region,
        )
        return live_url(base, self._params, self._audio, legacy=config.legacy_path)

    async def _run_socket(self) -> None:
        """One socket from upgrade to close; returns only when it ended as planned."""
        url = self._url()
        host = urlsplit(url).hostname
        # The key travels in a header; the URL is redacted all the same (a proxy's may carry
        # credentials of its own).
        log.info("opening a Pulse session at %s", redact_url(url))
        open_timeout = self._config.open_timeout
        try:
            # The deadline is ours too, whatever the connector does with open_timeout.
            async with asyncio.timeout(open_timeout):
                ws = await self._connect(
                    url,
                    headers={"Authorization": f"Bearer {self._api_key}"},
                    open_timeout=open_timeout,
                )
        except InvalidStatus as exc:
            response = exc.response
            raise _Refused(
                handshake_failure(
                    response.status_code,
                    bytes(response.body or b""),
                    response.headers.get("Retry-After"),
                )
            ) from exc
        except TimeoutError:
            raise _Lost(
                CloseDecision(
                    CloseAction.RECONNECT,
                    f"{host} did not open the session within {open_timeout:g} s",
                )
            ) from None
        except (OSError, InvalidHandshake, InvalidURI) as exc:
            failure = tls_failure(exc)
            if failure is not None:  # a certificate or TLS problem: never retried
                raise tls_failure_error(host, failure) from exc
            reason = redact_text(str(exc) or type(exc).__name__)
            raise _Lost(
                CloseDecision(CloseAction.RECONNECT, f"Could not reach {host} ({reason})")
            ) from exc
        self._opened_at = self._clock()
        self._confirmed_at_open = self._ledger.confirmed
        planned = False
        self._open_interim = False
        self._reopen = False
        self._stream_given_up = False
        self._last_received.clear()
        sender: asyncio.Task[None] | None = None
        try:
            try:
                replayed_ms = self._rewind()
                self._ready.set()
                if self._ever_ready:
                    self._emit(Reconnected(session_id="", replayed_ms=replayed_ms))
                else:
                    self._emit(Ready(session_id=""))
                self._ever_ready = True
                log.info("socket open (replaying %d ms)", replayed_ms)
                sender = asyncio.create_task(self._send_loop(ws), name="pulse-send")
                async for message in ws:
                    self._handle(message)
                received = ws.protocol.close_rcvd
            except ConnectionClosed as closed:
                received = closed.rcvd
            # Planned only once close_stream was answered (or given up on): a socket that dies
            # before that, while closing or changing language, is a loss like any other, so the
            # audio no final covered goes to the next socket after a backoff, not at once.
            planned = (self._closing or self._reopen) and (
                self._last_received.is_set() or self._stream_given_up
            )
        finally:
            self._ready.clear()
            if sender is not None:
                sender.cancel()
                with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                    await sender
            if ws.state is not State.CLOSED:
                ws.transport.abort()
        if planned:
            return
        code, reason = (received.code, received.reason) if received is not None else (None, "")
        decision = close_decision(code, reason)
        if decision.action is CloseAction.DONE:
            # The server ended a session we still wanted: replace it like any other loss.
            decision = CloseDecision(
                CloseAction.RECONNECT,
                "The server ended the session",
                next_step="starting a new one",
            )
        if decision is CONCURRENCY_LIMIT:
            self._opened_at = None  # refused, not opened: never a success however long it took
        error = self._server_error
        if error is not None:  # the service said why before it closed: that is the reason
            first = decision.reason[:1].lower() + decision.reason[1:]
            decision = dataclasses.replace(
                decision, reason=f"{error.sentence.rstrip('.')}; then {first}"
            )
        raise _Lost(decision)

    def _rewind(self) -> int:
        """A new socket: unconfirmed audio and unanswered finalizes go out again, in order.

        A pending ``close_stream`` from a language change is dropped (the new socket already has
        the new language), and so are finalizes whose audio was all confirmed meanwhile; the
        owner's own ``close_stream`` stays last.
        """
        replayed_ms = self._ledger.rewind()
        first_kept = self._ledger.sent_position
        closing = (
            [m for m in self._marks if m.message == CLOSE_STREAM][-1:] if self._closing else []
        )
        self._marks = deque(
            m for m in self._marks if m.message == FINALIZE and m.position > first_kept
        )
        self._marks.extend(closing)
        self._marks_sent = 0
        return replayed_ms

    def _handle(self, message: str | bytes) -> None:
        self._last_frame_at = self._clock()
        try:
            parsed = parse_message(message)
        except ProtocolError as error:
            self.stats.protocol_errors += 1
            log.debug("ignoring a malformed message: %s", error)
            return
        if isinstance(parsed, Result):
            transcript = parsed.transcript
            if transcript.session_id:
                self._socket_session_id = transcript.session_id
            if transcript.session_id and transcript.session_id != self.session_id:
                self.session_id = transcript.session_id
                self.stats.session_ids.append(transcript.session_id)
                log.info("Pulse session %s", transcript.session_id)
            self._open_interim = not transcript.is_final
            if transcript.is_final:
                self._confirm(parsed)
            self._emit(transcript)
            if parsed.is_last:
                self._last_received.set()
        elif isinstance(parsed, SpeechActivity):
            self.stats.ignored_frames += 1
            self._emit(Ignored("speech_started" if parsed.started else "speech_ended"))
        else:
            if isinstance(parsed, Ignored):
                self.stats.ignored_frames += 1
            else:
                self._server_error = parsed
            self._emit(parsed)

    def _confirm(self, result: Result) -> None:
        """Retire the audio a final covers (see the module docstring)."""
        if result.is_last:
            for _ in range(self._marks_sent):
                self._marks.popleft()
            self._marks_sent = 0
            self._ledger.retire_before(self._ledger.sent_position)
        elif result.from_finalize and self._marks_sent > 0:
            mark = self._marks.popleft()
            self._marks_sent -= 1
            self._ledger.retire_before(mark.position)
        else:
            self._ledger.on_final(self._clock())

    async def _send_loop(self, ws: ClientConnection) -> None:
        while True:
            if self._marks_sent < len(self._marks):
                mark = self._marks[self._marks_sent]
                if self._ledger.sent_position >= mark.position:
                    await ws.send(mark.message)
                    self._marks_sent += 1
                    log.info("sent %s", mark.message)
                    if mark.message == CLOSE_STREAM:
                        await self._finish_stream(ws)
                        return
                    continue
            frame = self._ledger.take(self._clock())
            if frame is not None:
                await ws.send(frame)
                continue
            if self._marks_sent == len(self._marks):
                self._all_sent.set()
            self._wake.clear()
            await self._wake.wait()

    async def _finish_stream(self, ws: ClientConnection) -> None:
        """After close_stream: the server sends is_last, then closes; bounded either way."""
        try:
            await asyncio.wait_for(self._last_received.wait(), self._config.last_timeout)
        except TimeoutError:
            self.stats.last_timeouts += 1
            self._stream_given_up = True
            log.warning("no is_last within %g s; closing", self._config.last_timeout)
            self._emit(
                Notice(
                    "Pulse did not confirm the end of the transcript within "
                    f"{self._config.last_timeout:g} s of being asked to finish (no is_last "
                    "after close_stream): its last words may be missing."
                )
            )
        try:
            await asyncio.wait_for(ws.wait_closed(), self._config.close_timeout)
        except TimeoutError:
            await ws.close(1000)


class PulseEngine:
    """The Engine for Pulse: holds the key and endpoints; opens PulseSessions."""

    capabilities = CAPABILITIES

    def __init__(
        self, *, api_key: str, config: PulseConfig, connector: Connector | None = None
    ) -> None:
        self._api_key = api_key
        self._config = config
        self._connector = connector

    def __repr__(self) -> str:
        config = self._config
        return (
            f"PulseEngine(base_url={redact_url(config.base_url)!r}, "
            f"us_base_url={redact_url(config.us_base_url)!r}, region={config.region!r})"
        )

    def open_session(self, settings: EngineSettings) -> PulseSession:
        return PulseSession(
            api_key=self._api_key,
            settings=settings,
            config=self._config,
            connector=self._connector,
        )
