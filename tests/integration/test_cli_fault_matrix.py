"""The fault matrix (issue 15): the installed command against each way a server can fail.

Stall, refusal (401/403/503), closes after ready (1000/1011/4503, a TCP drop, an oversized frame),
error frames (alone, or before a close) and a session dropped once mid-sentence, for both engines.
Every case checks: bounded total time, the exit code, one sentence on stderr and no traceback,
and that every final the server sent reached the transcript.

The cases are independent (an emulator each) and mostly wait on backoff timers, so they all run
at once, in a module fixture; each test then checks one case's record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.emulator import pinch, pulse
from tests.integration.cli_helpers import Run, command, dragoman, finals_sent, two_sentences

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# Generous hang guards, not speed claims: the slowest cases wait out five reconnections
# (1 + 2 + 4 + 8 + 16 s of backoff).
LIMIT_S = 90


@dataclass(frozen=True)
class Case:
    engine: str
    name: str
    code: int
    faults: dict[str, Any] = field(default_factory=dict)
    key: str = "default"
    phrase: str = ""  # in the one sentence on stderr

    @property
    def id(self) -> str:
        return f"{self.engine}-{self.name}"


def pinch_case(name: str, code: int, phrase: str = "", key: str = "default", **faults: Any) -> Case:
    return Case("pinch", name, code, faults, key, phrase)


def pulse_case(name: str, code: int, phrase: str = "", key: str = "default", **faults: Any) -> Case:
    return Case("pulse", name, code, faults, key, phrase)


CASES = [
    pinch_case("stall-after-ready", 5, "stopped answering", stall_after_ready=True),
    pinch_case("refused-401", 3, "did not accept the API key", key="pk_wrong"),
    pinch_case("refused-403", 4, "not entitled", key="pk_test_forbidden"),
    pinch_case("refused-503", 5, "busy", fail_503=100),
    *(
        pinch_case(f"close-{kind}-after-ready", 5, "still failing", kill_after_ready=100,
                   kill_kind=kind)
        for kind in ("1000", "1011", "4503", "tcp", "oversized")
    ),
    pinch_case("error-frame", 0, "The Pinch service said: hiccup", error_mid_run="hiccup"),
    pinch_case("error-frame-then-1011", 5, "said: going down; then the server closed",
               kill_after_ready=100, kill_kind="1011", kill_error="going down"),
    pinch_case("unsupported-target", 6, "--text-only"),
    pinch_case("dropped-once-tcp", 0, drop_after_speech_ms=400, drop_kind="tcp"),
    pinch_case("dropped-once-4503", 0, drop_after_speech_ms=400, drop_kind="4503"),
    pulse_case("stall-after-open", 5, "stopped answering", mute=True),
    pulse_case("refused-401", 3, "did not accept the API key", key="sk_wrong"),
    pulse_case("refused-403", 4, "may not use Pulse", key="sk_test_forbidden"),
    pulse_case("refused-503", 5, "busy", http_statuses=[503] * 50),
    *(
        pulse_case(f"close-{kind}-after-open", 5, "still failing", kill_at_open=100,
                   kill_kind=kind)
        for kind in ("1000", "1011", "4503", "tcp", "oversized")
    ),
    pulse_case("error-frame", 0, "The Pulse service said: emulated error", error_shape="type"),
    pulse_case("error-frame-then-1011", 5, "said: emulated failure in the 'type' shape; then",
               kill_at_open=100, kill_kind="1011", kill_error_shape="type"),
    pulse_case("dropped-once-tcp", 0, drop_after_speech_ms=400, drop_kind="tcp"),
    pulse_case("dropped-once-1011", 0, drop_after_speech_ms=400, drop_kind="1011"),
]  # fmt: skip


@dataclass
class Outcome:
    run: Run
    finals: list[str]  # every final with text the emulator sent
    transcript: list[str] | None  # originals in the JSON transcript, None if not written


def _play(case: Case, folder: Path) -> Outcome:
    module: Any = pinch if case.engine == "pinch" else pulse
    wav = two_sentences(folder / f"{case.id}.wav")
    transcript = folder / f"{case.id}.json"
    extra = ["--transcript", str(transcript)]
    if case.name == "unsupported-target":
        extra += ["--to", "sw"]
    with module.running_emulator(faults=module.Faults(**case.faults)) as emu:
        run = dragoman(
            *command(case.engine, wav, *extra),
            engine=case.engine,
            emu=emu,
            key=case.key,
            timeout=LIMIT_S + 30,
        )
        finals = finals_sent(case.engine, emu)
    written = None
    if transcript.exists():
        written = [s["original"] for s in json.loads(transcript.read_text("utf-8"))["segments"]]
    return Outcome(run, finals, written)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    folder = tmp_path_factory.mktemp("matrix")
    with ThreadPoolExecutor(max_workers=len(CASES)) as pool:
        futures = {case.id: pool.submit(_play, case, folder) for case in CASES}
        yield {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fault(outcomes: dict[str, Outcome], case: Case) -> None:
    outcome = outcomes[case.id]
    run = outcome.run
    assert run.seconds < LIMIT_S, f"took {run.seconds:.0f} s"
    assert run.returncode == case.code, run.stderr
    assert "Traceback" not in run.stderr
    if case.code != 0 or case.phrase:
        line = run.one_sentence()
        assert case.phrase in line
    else:
        assert run.stderr == ""
    # Everything the server finalised reached the transcript, even when the run failed.
    if outcome.finals:
        assert outcome.transcript is not None, run.stderr
        kept = " ".join(outcome.transcript)
        for text in outcome.finals:
            assert text in kept
    if case.code == 0:
        assert outcome.transcript is not None and len(outcome.transcript) == 2
