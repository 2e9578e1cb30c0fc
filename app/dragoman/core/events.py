"""Engine-neutral events: what any speech engine session reports to its owner.

The session controller, the CLI and the UI consume only these, never a provider's wire shapes, so a
second engine plugs in without anyone branching on which engine is behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # numpy is paid for when audio arrives, not before the first window
    import numpy as np
    import numpy.typing as npt

Role = Literal["source", "translation"]


class ErrorKind(Enum):
    """Server-reported errors the UI offers a specific next step for."""

    UNSUPPORTED_TARGET_LANGUAGE = "unsupported_target_language"
    CLONE_NOT_SUPPORTED = "clone_not_supported"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Ready:
    """The server accepted the socket; audio may flow.

    ``session_id`` is empty for engines that name their sessions only in their results (Pulse):
    those results then carry it in ``Transcript.session_id``.
    """

    session_id: str


@dataclass(frozen=True, slots=True)
class Transcript:
    """Recognised (``source``) or translated (``translation``) text for one segment.

    ``correlation_id`` pairs an original with its translation; interim results carry
    ``is_final=False`` and are replaced in place, finals are appended.  ``session_id`` is the
    server session that produced it, for engines that report it per result rather than at ready.
    """

    role: Role
    text: str
    is_final: bool
    correlation_id: str | None = None
    timestamp: float | None = None
    language: str | None = None
    confidence: float | None = None
    session_id: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class TranslatedAudio:
    """Translated speech: float32 mono samples at ``rate`` Hz."""

    samples: npt.NDArray[np.float32]
    rate: int = 24_000
    dropped_bytes: int = 0


@dataclass(frozen=True, slots=True)
class ServerError:
    """An ``error`` frame from the server; ``sentence`` is ready to show to a person."""

    kind: ErrorKind
    message: str
    sentence: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Ignored:
    """A well-formed frame of a type we do not act on (lifecycle events, future additions)."""

    type: str


@dataclass(frozen=True, slots=True)
class Reconnecting:
    """The connection was lost; a new session is being set up after ``delay`` seconds."""

    reason: str
    attempt: int
    delay: float


@dataclass(frozen=True, slots=True)
class Reconnected:
    """A replacement session is ready; ``replayed_ms`` of unfinalised audio was re-sent."""

    session_id: str
    replayed_ms: int


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a person should know although the session goes on (or ended as asked): a
    result may be incomplete, a request went unanswered.  ``sentence`` is ready to show."""

    sentence: str


@dataclass(frozen=True, slots=True)
class Failed:
    """The session ended for good; ``error`` says why and what to do next."""

    error: Exception = field(compare=False)


@dataclass(frozen=True, slots=True)
class Closed:
    """The session ended normally after the caller asked it to close."""


ServerEvent = Ready | Transcript | TranslatedAudio | ServerError | Ignored
SessionEvent = ServerEvent | Reconnecting | Reconnected | Notice | Failed | Closed
