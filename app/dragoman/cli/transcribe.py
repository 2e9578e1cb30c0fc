"""``dragoman transcribe``: a recording through a transcription engine (Smallest AI Pulse).

The same streaming job as ``dragoman translate``, behind the same engine interface: 20 ms frames of
16 kHz PCM16 at real-time pace (or ``--fast``), the end of the utterance, the last finals, close.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dragoman.cli.arguments import check_language, missing_key
from dragoman.cli.helptext import examples
from dragoman.cli.record import add_history_option, keep_in_history
from dragoman.cli.streaming import InputAudio, Outputs, StreamJob, run_job
from dragoman.core.engine import EngineSettings
from dragoman.core.pulse import STREAMING_LANGUAGES, PulseParams
from dragoman.providers.settings import PULSE_URL_ENV

ENGINES = ("pulse",)


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "transcribe",
        help="transcribe a WAV recording in its own language (Smallest AI Pulse)",
        description="Stream a WAV recording to a real-time transcription engine and print or "
        "write what was said, in the language it was said in.",
        epilog=examples(
            "dragoman transcribe talk.wav --lang en --transcript talk.srt",
            "dragoman transcribe interview.wav --lang hi --fast          # print the text",
            "dragoman transcribe call.wav --lang de --history            # keep it as well",
        ),
    )
    parser.add_argument("input", type=Path, metavar="INPUT.wav")
    parser.add_argument(
        "--lang",
        required=True,
        metavar="CODE",
        help=f"spoken language: {', '.join(STREAMING_LANGUAGES)}",
    )
    parser.add_argument(
        "--engine", choices=ENGINES, default="pulse", help="transcription service to use"
    )
    parser.add_argument(
        "--transcript", type=Path, metavar="FILE", help="transcript (.txt, .srt or .json)"
    )
    parser.add_argument("--fast", action="store_true", help="send as fast as the server accepts")
    add_history_option(parser)
    parser.add_argument(
        "--api-key-file", type=Path, metavar="FILE", help="read the API key from FILE"
    )
    parser.add_argument(
        "--url", help=f"service URL, one for every language (default: ${PULSE_URL_ENV} or Pulse's)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.lang not in STREAMING_LANGUAGES:  # Pulse's own codes ("multi-asian") are not ours
        check_language(args.lang, "--lang")
    settings = EngineSettings(source_language=args.lang, speech_output=False)
    PulseParams.from_settings(settings, PulseParams())  # refuse bad input before reading anything
    with (
        InputAudio(args.input) as audio,
        Outputs(audio=None, transcript=args.transcript, reading=args.input) as outputs,
    ):
        api_key = _api_key(args)
        job = StreamJob(
            frames=audio.frames(),
            duration_s=audio.duration_s,
            settings=settings,
            fast=args.fast,
            progress=sys.stderr.isatty(),
        )
        try:
            return run_job(
                job,
                outputs,
                lambda: _run_pulse(job, api_key, args.url),
                print_segments=not args.transcript,
            )
        finally:
            keep_in_history(args, job.result.record, job.result.builder, settings)


async def _run_pulse(job: StreamJob, api_key: str, url: str | None) -> None:
    from dragoman.providers.pulse import PulseConfig, PulseEngine
    from dragoman.providers.settings import pulse_base_urls

    base, us_base = pulse_base_urls(url)
    config = PulseConfig(base_url=base, us_base_url=us_base)
    await job.run(PulseEngine(api_key=api_key, config=config))


def _api_key(args: argparse.Namespace) -> str:
    from dragoman.store.secrets import KeyringStore, resolve_key

    found = resolve_key(args.engine, KeyringStore(), key_file=args.api_key_file)
    if found is None:
        raise missing_key(args.engine)
    return found[0]
