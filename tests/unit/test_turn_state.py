from __future__ import annotations

from dataclasses import dataclass

import pytest

from dragoman.core.engine import EngineSession, turn_state


@dataclass
class Probe:
    sent: bool
    open_interims: bool
    idle: float

    def all_sent(self) -> bool:
        return self.sent

    def has_open_interims(self) -> bool:
        return self.open_interims

    def idle_for(self) -> float:
        return self.idle


@pytest.mark.parametrize(
    ("probe", "state"),
    [
        (Probe(sent=False, open_interims=False, idle=99), "waiting"),  # audio still queued
        (Probe(sent=True, open_interims=False, idle=0.5), "waiting"),  # not quiet long enough
        (Probe(sent=True, open_interims=False, idle=1.0), "settled"),
        (Probe(sent=True, open_interims=True, idle=5.0), "waiting"),  # a sentence still open
        (Probe(sent=True, open_interims=True, idle=20.0), "silent"),  # ...and never closed
    ],
)
def test_turn_state(probe: Probe, state: str) -> None:
    session: EngineSession = probe  # type: ignore[assignment]  # only the three queries are used
    assert turn_state(session, settle_s=1.0, give_up_s=20.0) == state
