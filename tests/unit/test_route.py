"""The route test's pure half (chirp, detection, delay, sentences) and its choice of devices."""

from __future__ import annotations

import numpy as np
import pytest

from dragoman.audio.devices import VIRTUAL_MIC_SINK, VIRTUAL_MIC_SOURCE, DeviceInfo
from dragoman.audio.route_test import counterpart, plan
from dragoman.core.errors import UsageError
from dragoman.core.route import (
    TONE_AMPLITUDE,
    RouteFault,
    RouteResult,
    Stamp,
    delay_ms,
    detect_tone,
    passed,
    route_tone,
)

RATE = 48_000


def test_the_chirp_is_faded_and_as_long_as_asked() -> None:
    tone = route_tone(RATE)
    assert tone.dtype == np.float32 and len(tone) == round(0.3 * RATE)
    assert abs(tone[0]) < 1e-6 and abs(tone[-1]) < 1e-3
    assert np.abs(tone).max() == pytest.approx(TONE_AMPLITUDE, abs=1e-3)
    with pytest.raises(ValueError):
        route_tone(0)


@pytest.mark.parametrize("gain", [1.0, 0.05])
def test_the_chirp_is_found_where_it_is_whatever_the_gain(gain: float) -> None:
    rng = np.random.default_rng(1)
    tone = route_tone(RATE)
    recording = 0.001 * rng.standard_normal(RATE).astype(np.float32)
    recording[12_345 : 12_345 + len(tone)] += gain * tone
    found = detect_tone(recording, tone)
    assert found.found and found.position == 12_345
    assert found.correlation > 0.95
    assert found.level_db == pytest.approx(20 * np.log10(gain), abs=0.5)


def test_silence_noise_and_a_sine_are_not_the_chirp() -> None:
    tone = route_tone(RATE)
    assert not detect_tone(np.zeros(RATE, np.float32), tone).found
    noise = np.random.default_rng(2).standard_normal(RATE).astype(np.float32)
    assert not detect_tone(noise, tone).found
    sine = np.sin(2 * np.pi * 1000 * np.arange(RATE) / RATE).astype(np.float32)
    assert not detect_tone(sine, tone).found
    assert not detect_tone(tone[:100], tone).found  # shorter than the chirp


def test_the_delay_runs_from_hand_over_to_the_block_that_holds_the_onset() -> None:
    handed = Stamp(0, 10.000)
    blocks = [Stamp(480 * (i + 1), 10.010 + 0.010 * i) for i in range(20)]
    # The onset at sample 1000 is in the third block (960..1440), read at 10.030 s; the 439
    # samples after it in that block arrived later than it did.
    assert delay_ms(handed, blocks, 1000, RATE, RATE) == pytest.approx((0.030 - 439 / RATE) * 1000)
    assert delay_ms(handed, blocks, 480 * 20, RATE, RATE) is None


def test_sentences() -> None:
    found = detect_tone(route_tone(RATE), route_tone(RATE))
    ok = passed("Dragoman Microphone", 31.4, found)
    assert ok.ok and ok.sentence == "Route OK: the tone reached “Dragoman Microphone” after 31 ms."
    quiet = detect_tone(0.01 * route_tone(RATE), route_tone(RATE))
    assert "40 dB quieter" in passed("X", 5, quiet).sentence
    assert "30 ms" in repr(RouteResult(True, "", delay_ms=30))


def device(name: str, *, out: bool, pulse: str | None = None, **flags: bool) -> DeviceInfo:
    return DeviceInfo(
        index=0,
        name=name,
        host_api="PulseAudio",
        max_input_channels=0 if out else 1,
        max_output_channels=1 if out else 0,
        default_samplerate=48_000,
        pulse_name=pulse,
        **flags,
    )


SPEAKERS = device("Speakers", out=True, pulse="speakers", is_default_output=True)
MIC = device("Headset mic", out=False, pulse="headset")
SINK = device(
    "Dragoman Microphone (Dragoman plays here)", out=True, pulse=VIRTUAL_MIC_SINK, virtual_mic=True
)
SOURCE = device("Dragoman Microphone", out=False, pulse=VIRTUAL_MIC_SOURCE, virtual_mic=True)
ALL = [SPEAKERS, MIC, SINK, SOURCE]


def fault(result: object) -> RouteFault | None:
    assert isinstance(result, RouteResult), result
    return result.fault


def test_the_call_output_and_its_other_end_are_tested() -> None:
    assert plan(ALL, call_output=f"pulse:{VIRTUAL_MIC_SINK}") == (SINK, SOURCE)
    assert plan(ALL, call_output="", if_off="virtual") == (SINK, SOURCE)
    assert plan(ALL, call_output="", output="Dragoman Microphone") == (SINK, SOURCE)
    assert plan(ALL, call_output="", output="Speakers", input_device="headset") == (SPEAKERS, MIC)
    assert counterpart(SPEAKERS, ALL) is None


def test_each_fault_is_named() -> None:
    assert fault(plan(ALL, call_output="")) is RouteFault.CALL_OUTPUT_OFF
    wrong = plan(ALL, call_output="pulse:speakers")
    assert fault(wrong) is RouteFault.NOT_VIRTUAL_OUTPUT
    assert isinstance(wrong, RouteResult) and "call output is “Speakers”" in wrong.sentence
    assert fault(plan(ALL, call_output="default")) is RouteFault.NOT_VIRTUAL_OUTPUT
    gone = plan([SPEAKERS, MIC], call_output=f"pulse:{VIRTUAL_MIC_SINK}")
    assert fault(gone) is RouteFault.NO_VIRTUAL_MIC
    assert isinstance(gone, RouteResult) and "There is no virtual microphone" in gone.sentence
    half = plan([SPEAKERS, MIC, SINK], call_output=f"pulse:{VIRTUAL_MIC_SINK}")
    assert isinstance(half, RouteResult) and "its source “Dragoman Microphone”" in half.sentence
    other_half = plan([SPEAKERS, SOURCE], call_output="", output="Dragoman Microphone")
    assert isinstance(
        other_half, RouteResult
    ) and "“Dragoman Microphone (Dragoman plays here)” that Dragoman plays into is missing" in (
        other_half.sentence
    )
    unplugged = plan(ALL, call_output="pulse:usb_headset")
    assert isinstance(unplugged, RouteResult) and "usb_headset (not connected)" in (
        unplugged.sentence
    )


def test_a_named_device_that_does_not_exist_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no output device called “Nope”"):
        plan(ALL, call_output="", output="Nope")
    with pytest.raises(UsageError, match="no input device called “Nope”"):
        plan(ALL, call_output="", output="Speakers", input_device="Nope")


def test_virtual_cables_pair_by_name() -> None:
    cable_in = device("CABLE Input (VB-Audio Virtual Cable)", out=True, virtual_mic=True)
    cable_out = device("CABLE Output (VB-Audio Virtual Cable)", out=False, virtual_mic=True)
    assert counterpart(cable_in, [cable_in, cable_out, MIC]) is cable_out
    hole_out = device("BlackHole 2ch", out=True, virtual_mic=True)
    hole_in = device("BlackHole 2ch", out=False, virtual_mic=True)
    assert plan([hole_out, hole_in], call_output="BlackHole 2ch") == (hole_out, hole_in)
