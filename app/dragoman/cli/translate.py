"""``dragoman translate``: a recording through Pinch real-time translation, from the shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dragoman.cli.record import add_history_option, keep_in_history
from dragoman.cli.streaming import InputAudio, Outputs, StreamJob, run_job
from dragoman.core.engine import EngineSettings
from dragoman.core.errors import AuthError
from dragoman.core.pinch import SessionParams
from dragoman.providers.settings import PINCH_URL_ENV


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "translate",
        help="translate a WAV recording through Pinch real-time translation",
        description="Stream a WAV recording to Pinch and write the translation.",
    )
    parser.add_argument("input", type=Path, metavar="INPUT.wav")
    parser.add_argument("--from", dest="source", default="en", help="spoken language or 'auto'")
    parser.add_argument("--to", dest="target", default="es", help="target language")
    parser.add_argument(
        "--voice",
        default="male",
        metavar="{male,female}",
        help="voice of the translated speech (a cloned voice is not available in real time)",
    )
    parser.add_argument("--text-only", action="store_true", help="translated text, no speech")
    parser.add_argument("--two-way", action="store_true", help="translate both ways")
    parser.add_argument("--finalize", choices=("stable", "sentence"), default="stable")
    parser.add_argument("--context", help="names and jargon to bias recognition")
    parser.add_argument("--out", type=Path, metavar="OUT.wav", help="translated speech (24 kHz)")
    parser.add_argument(
        "--transcript", type=Path, metavar="FILE", help="transcript (.txt, .srt or .json)"
    )
    parser.add_argument("--fast", action="store_true", help="send as fast as the server accepts")
    add_history_option(parser)
    add_connection_options(parser)
    parser.set_defaults(run=run)


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--api-key-file", type=Path, metavar="FILE", help="read the API key from FILE"
    )
    parser.add_argument("--url", help=f"service base URL (default: ${PINCH_URL_ENV} or Pinch's)")


def run(args: argparse.Namespace) -> int:
    settings = EngineSettings(
        source_language=args.source,
        target_language=args.target,
        voice=args.voice,
        speech_output=not args.text_only,
        finalize_mode=args.finalize,
        two_way=args.two_way,
        context=args.context or None,
    )
    SessionParams.from_settings(settings)  # refuse bad parameters before reading anything
    # Everything that can be checked is checked before the service is used: the input's header,
    # the output paths (their temporary files are made now), the key.
    with (
        InputAudio(args.input) as audio,
        Outputs(audio=args.out, transcript=args.transcript, reading=args.input) as outputs,
    ):
        api_key = _api_key(args)
        job = StreamJob(
            frames=audio.frames(),
            duration_s=audio.duration_s,
            settings=settings,
            fast=args.fast,
            progress=sys.stderr.isatty(),
            audio_out=outputs.audio,
            keep_speech=args.history,
        )
        try:
            return run_job(
                job,
                outputs,
                lambda: _run_pinch(job, api_key, args.url),
                print_segments=not args.transcript and not args.out,
            )
        finally:
            keep_in_history(args, job.result.record, job.result.builder, settings)


async def _run_pinch(job: StreamJob, api_key: str, url: str | None) -> None:
    import httpx

    from dragoman.providers.net import tls_context
    from dragoman.providers.pinch import PinchConfig, PinchEngine
    from dragoman.providers.settings import pinch_base_url

    config = PinchConfig(base_url=pinch_base_url(url))
    async with httpx.AsyncClient(
        timeout=config.http_timeout, verify=config.ssl_context or tls_context()
    ) as http:
        await job.run(PinchEngine(api_key=api_key, config=config, http=http))


def _api_key(args: argparse.Namespace) -> str:
    from dragoman.store.secrets import KeyringStore, resolve_key

    found = resolve_key("pinch", KeyringStore(), key_file=args.api_key_file)
    if found is None:
        raise AuthError(
            "No Pinch API key: run `dragoman auth set`, set PINCH_API_KEY, or pass --api-key-file."
        )
    return found[0]
