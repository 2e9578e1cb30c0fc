"""``dragoman devices`` / ``record`` / ``play``: the app's own audio paths, from a terminal.

For people diagnosing a setup (which microphone does Dragoman see, does it hear me, where does the
translated voice go) and for tests from outside. ``record`` and ``play`` go through exactly the
capture and playback code the app uses: pre-roll, tail, resampling, the jitter buffer.
Audio modules are imported inside the commands, so the rest of the CLI works without PortAudio.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dragoman.cli.helptext import examples
from dragoman.core.errors import AudioDeviceError, UsageError

if TYPE_CHECKING:
    from dragoman.audio.devices import DeviceInfo, Kind


def register(commands: Any) -> None:
    devices = commands.add_parser(
        "devices",
        help="list audio inputs and outputs",
        description="The inputs and outputs Dragoman sees, numbered. `--device` (record, play) "
        "takes the number (valid until a device comes or goes) or the id (pulse:NAME for the "
        "sound server's devices: stable across restarts) or the name.",
        epilog=examples(
            "dragoman devices",
            "dragoman devices --json | jq '.[] | select(.max_input_channels > 0) | .id'",
            "dragoman play voice.wav --device 3     # the number from the table",
        ),
    )
    devices.add_argument("--json", action="store_true", help="machine-readable output")
    devices.set_defaults(run=run_devices)

    record = commands.add_parser(
        "record",
        help="record the microphone exactly as it would be sent (16 kHz mono WAV)",
        description="Record through the app's capture path (pre-roll, tail, resampling) with a "
        "simulated push-to-talk key, and write what would be sent as a 16 kHz mono WAV.",
        epilog=examples(
            "dragoman record mic.wav --seconds 5",
            "dragoman record mic.wav --seconds 3 --ptt-at 1 --device pulse:alsa_input.usb-mic",
            "dragoman record mic.wav --seconds 4 --device 2    # # from `dragoman devices`",
        ),
    )
    record.add_argument("out", type=Path, metavar="OUT.wav")
    record.add_argument(
        "--seconds", type=_positive, required=True, help="release the (simulated) key at N s"
    )
    record.add_argument(
        "--device",
        help="input: its # or id from `dragoman devices`, or its name "
        "(default: the system microphone)",
    )
    record.add_argument(
        "--ptt-at",
        type=_non_negative,
        default=0.0,
        metavar="S",
        help="press the (simulated) key at S s, to hear the pre-roll (default 0)",
    )
    record.add_argument(
        "--preroll-ms",
        type=_non_negative,
        default=300,
        metavar="MS",
        help="audio kept from before the key went down",
    )
    record.add_argument(
        "--tail-ms",
        type=_non_negative,
        default=200,
        metavar="MS",
        help="audio kept after the key came up",
    )
    record.set_defaults(run=run_record)

    play = commands.add_parser(
        "play",
        help="play a WAV file through the translated-voice path (jitter buffer, resampling)",
        description="Play a WAV file as translated speech is played: 20 ms blocks through the "
        "jitter buffer and resampler, to the output chosen.",
        epilog=examples(
            "dragoman play voice.wav",
            "dragoman play voice.wav --device pulse:alsa_output.usb-headset --volume 0.5",
            "dragoman play voice.wav --device 4     # # from `dragoman devices`",
        ),
    )
    play.add_argument("file", type=Path, metavar="FILE.wav")
    play.add_argument(
        "--device",
        help="output: its # or id from `dragoman devices`, or its name "
        "(default: the system output)",
    )
    play.add_argument("--volume", type=float, default=1.0, help="0..2")
    play.set_defaults(run=run_play)


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {text}")
    return value


def _non_negative(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {text}")
    return value


# -- devices ------------------------------------------------------------------------------------
def run_devices(args: argparse.Namespace) -> int:
    from dragoman.audio.devices import list_devices

    devices = list_devices()
    if args.json:
        rows = [
            {
                "number": number,
                "id": d.id,
                "index": d.index,
                "name": d.name,
                "host_api": d.host_api,
                "max_input_channels": d.max_input_channels,
                "max_output_channels": d.max_output_channels,
                "default_samplerate": d.default_samplerate,
                "is_default_input": d.is_default_input,
                "is_default_output": d.is_default_output,
                "flags": list(d.flags),
                "pulse_name": d.pulse_name,
            }
            for number, d in enumerate(devices, 1)
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not devices:
        print("No audio devices found.")
        return 0
    name_w = min(48, max(len(d.name) for d in devices))
    api_w = max(len(d.host_api) for d in devices)
    print(
        f"{'#':>3}  {'name':<{name_w}}  {'host API':<{api_w}}  in  out   rate  default  flags / id"
    )
    for number, d in enumerate(devices, 1):
        default = "/".join(
            tag for tag, on in (("in", d.is_default_input), ("out", d.is_default_output)) if on
        )
        flags = " ".join(f"[{f.replace('_', ' ')}]" for f in d.flags)
        name = d.name if len(d.name) <= name_w else d.name[: name_w - 1] + "…"
        print(
            f"{number:>3}  {name:<{name_w}}  {d.host_api:<{api_w}}  {d.max_input_channels:>2}  "
            f"{d.max_output_channels:>3}  {d.native_rate:>5}  {default or '-':<7}  "
            f"{flags + ' ' if flags else ''}{d.id}"
        )
    print(
        "\n--device takes the # (until a device comes or goes) or the id (stable), "
        "e.g. `dragoman play voice.wav --device "
        f"{_example_device(devices)}`."
    )
    return 0


def _example_device(devices: list[DeviceInfo]) -> str:
    outputs = [d for d in devices if d.is_output] or devices
    device = next((d for d in outputs if d.pulse_name), outputs[0])
    return device.id if " " not in device.id else str(devices.index(device) + 1)


def _pick(kind: Kind, pref: str | None) -> DeviceInfo:
    """The device to use; a named device that does not exist is a usage error here.

    ``pref`` is an id, a sound-server name or a device name (as the app's settings take), or the
    number ``dragoman devices`` printed beside it: a position in the same listing.
    """
    from dragoman.audio.devices import find_device, list_devices, resolve_input, resolve_output

    devices = list_devices()
    if pref:
        found = find_device(pref, kind, devices)
        if found is None and pref.strip().isdecimal():
            found = _numbered(int(pref), kind, devices)
        if found is None:
            what = "input" if kind == "input" else "output"
            raise UsageError(
                f"There is no {what} device called “{pref}”: run `dragoman devices` to see the "
                "names and ids."
            )
        return found
    resolved = (resolve_input if kind == "input" else resolve_output)(None, devices)
    if resolved.reason:
        print(f"dragoman: {resolved.reason}", file=sys.stderr)
    return resolved.device


def _numbered(number: int, kind: Kind, devices: list[DeviceInfo]) -> DeviceInfo:
    """Device ``#number`` of the listing, which must be of ``kind``."""
    what = "input" if kind == "input" else "output"
    if not 1 <= number <= len(devices):
        raise UsageError(
            f"There is no device #{number} (the list has {len(devices)}): run `dragoman "
            "devices` to see the numbers and ids."
        )
    device = devices[number - 1]
    if not (device.is_input if kind == "input" else device.is_output):
        raise UsageError(
            f"Device #{number} (“{device.name}”) is not an {what}: run `dragoman devices` and "
            f"pick one with {what} channels."
        )
    return device


# -- record -------------------------------------------------------------------------------------
def run_record(args: argparse.Namespace) -> int:
    if args.ptt_at >= args.seconds:
        raise UsageError(
            f"--ptt-at ({args.ptt_at:g} s) must come before the release at --seconds "
            f"({args.seconds:g} s)."
        )
    return asyncio.run(_record(args))


async def _record(args: argparse.Namespace) -> int:
    from dragoman.audio.capture import Capture
    from dragoman.core.wav import pcm16_to_float, write_wav_pcm16

    device = _pick("input", args.device)
    capture = Capture(device, preroll_ms=args.preroll_ms, tail_ms=args.tail_ms, keep_open=True)
    await capture.start()
    frames: list[bytes] = []
    failure: AudioDeviceError | None = None
    try:
        opened = time.monotonic()
        await asyncio.sleep(args.ptt_at)  # the scenario: the key goes down at S seconds
        utterance = capture.begin_utterance(opened + args.ptt_at)

        async def collect() -> None:
            async for frame in utterance.frames():
                frames.append(frame)

        collector = asyncio.get_running_loop().create_task(collect())
        release_at = opened + args.seconds
        done, _ = await asyncio.wait({collector}, timeout=max(0.0, release_at - time.monotonic()))
        if not done:
            utterance.release(release_at)
        try:
            await collector
        except AudioDeviceError as error:
            failure = error
        stats = capture.stats
    finally:
        await capture.stop()
    data = b"".join(frames)
    args.out.write_bytes(write_wav_pcm16(pcm16_to_float(data), 16_000))
    seconds = len(data) / 2 / 16_000
    speech = "yes" if utterance.speech_detected else "no (check the microphone)"
    preroll_ms = utterance.preroll_samples / capture.samplerate * 1000
    print(
        f"Recorded {seconds:.2f} s from “{device.name}” ({capture.samplerate} Hz, "
        f"{capture.channels} ch; pre-roll {preroll_ms:.0f} ms, tail {args.tail_ms:g} ms) "
        f"to {args.out}. Speech detected: {speech}. "
        f"Overflows: {stats.overflows}; frames dropped: {stats.dropped_frames}.",
        file=sys.stderr,
    )
    if failure is not None:
        raise failure
    return 0


# -- play ---------------------------------------------------------------------------------------
def run_play(args: argparse.Namespace) -> int:
    from dragoman.core.wav import read_wav, to_mono

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise UsageError(f"{args.file} cannot be read ({error.strerror or error}).") from None
    audio = read_wav(data, name=str(args.file))
    if not 0.0 <= args.volume <= 2.0:
        raise UsageError(f"--volume must be between 0 and 2, got {args.volume:g}.")
    return asyncio.run(_play(args, to_mono(audio.samples), audio.rate))


async def _play(args: argparse.Namespace, samples: Any, rate: int) -> int:
    import numpy as np

    from dragoman.audio.playback import Player

    device = _pick("output", args.device)
    finished = asyncio.Event()
    failures: list[AudioDeviceError] = []
    ended = False

    def on_playing(playing: bool) -> None:
        if not playing and ended:
            finished.set()

    def on_error(error: AudioDeviceError) -> None:
        failures.append(error)
        finished.set()

    player = Player(device, None, call_volume=args.volume, on_playing=on_playing, on_error=on_error)
    try:
        await player.start()
        chunk = max(1, rate // 50)  # 20 ms, paced like translated audio arriving
        start = time.monotonic()
        for i, offset in enumerate(range(0, len(samples), chunk)):
            delay = start + i * chunk / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            player.enqueue(np.asarray(samples[offset : offset + chunk]), rate)
            if failures:
                break
        ended = True
        player.end_stream()
        if player.is_playing and not failures:
            await asyncio.wait_for(finished.wait(), timeout=10.0)
        stats = player.stats.get("call")
    finally:
        await player.close()
    if failures:
        raise failures[0]
    latencies = sorted(stats.latencies) if stats else []
    median = f"{latencies[len(latencies) // 2] * 1000:.0f} ms" if latencies else "n/a"
    print(
        f"Played {len(samples) / rate:.2f} s of {args.file} on “{device.name}” "
        f"({stats.rate if stats else '?'} Hz). Underruns: {stats.underruns if stats else 0}; "
        f"latency (median): {median}.",
        file=sys.stderr,
    )
    return 0
