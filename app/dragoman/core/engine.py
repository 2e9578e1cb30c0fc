"""The engine interface: what the push-to-talk loop needs from any speech engine.

The session controller and the UI talk only to these types. What an engine can do (translate?
speak? which languages?) is data in ``EngineCapabilities``, read by the UI, so no caller ever
branches on which engine is behind the interface.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Literal, Protocol

from dragoman.core.events import SessionEvent


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """What the user chose; each engine maps it onto its own parameters and ignores the rest."""

    source_language: str = "en"
    target_language: str = "es"
    voice: str = "male"
    speech_output: bool = True
    finalize_mode: str = "stable"
    two_way: bool = False
    context: str | None = None


@dataclass(frozen=True, slots=True)
class EngineCapabilities:
    """What an engine can do, as data the UI reads."""

    name: str  # stable identifier: settings key, keyring username
    display_name: str
    translates: bool
    speaks: bool
    voices: tuple[str, ...] = ()
    # None: any language of the shipped table; else the codes this engine accepts.
    source_languages: tuple[str, ...] | None = None
    target_languages: tuple[str, ...] | None = None
    auto_detect: bool = False
    two_way: bool = False
    input_rate: int = 16_000
    output_rate: int | None = None


class EngineSession(Protocol):
    """One logical streaming session; reconnection and replay are the engine's business.

    ``push_audio`` takes 20 ms frames of PCM16 mono at ``capabilities.input_rate`` and never
    blocks; ``end_utterance`` marks push-to-talk release.  ``events()`` yields SessionEvents in
    arrival order and ends after Closed or Failed.
    """

    session_id: str | None

    def start(self) -> None: ...
    async def wait_ready(self) -> None: ...
    def push_audio(self, frame: bytes) -> None: ...
    def end_utterance(self) -> None: ...
    async def update(self, settings: EngineSettings) -> None: ...
    def events(self) -> AsyncIterator[SessionEvent]: ...
    async def close(self) -> None: ...
    async def wait_sent(self) -> None: ...
    def all_sent(self) -> bool: ...
    def idle_for(self) -> float: ...
    def has_open_interims(self) -> bool: ...
    def unfinished_audio(self) -> list[bytes]:
        """After Failed or Closed: the frames pushed that no final covered, in push order.

        Byte for byte as ``push_audio`` took them (PCM16 mono at ``capabilities.input_rate``),
        without padding the engine added itself, so an owner can push them into a fresh session
        ("Try again") and nothing the user said is lost.  May lead with a little silence that
        followed an already-finalised sentence; audio beyond the engine's buffer (minutes) is gone.
        """
        ...


class Engine(Protocol):
    """Opens sessions; built by the composition root with its key, endpoint and transport."""

    capabilities: EngineCapabilities

    def open_session(self, settings: EngineSettings) -> EngineSession: ...


TurnState = Literal["waiting", "settled", "silent"]


def turn_state(session: EngineSession, *, settle_s: float, give_up_s: float) -> TurnState:
    """Where a turn stands after the end of the utterance was sent.

    ``settled``: everything went out, no interim is open and the server has been quiet for
    ``settle_s``; ``silent``: everything went out but the server said nothing for ``give_up_s``;
    else ``waiting`` (including while the session reconnects: its own bounded retries decide).
    """
    if not session.all_sent():
        return "waiting"
    idle = session.idle_for()
    if not session.has_open_interims() and idle >= settle_s:
        return "settled"
    return "silent" if idle >= give_up_s else "waiting"
