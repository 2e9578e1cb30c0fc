"""``dragoman translate``: a recording through Pinch real-time translation, from the shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dragoman.cli.arguments import check_language, missing_key
from dragoman.cli.files import shown
from dragoman.cli.helptext import examples
from dragoman.cli.record import add_history_option, keep_in_history
from dragoman.cli.streaming import InputAudio, Outputs, StreamJob, run_job
from dragoman.core.engine import EngineSettings
from dragoman.core.errors import UsageError
from dragoman.core.pinch import SessionParams
from dragoman.providers.settings import PINCH_URL_ENV


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "translate",
        help="translate a WAV recording through Pinch real-time translation",
        description="Stream a WAV recording to Pinch and write the translation: spoken (--out) "
        "and as text (--transcript, or printed when neither is given).",
        epilog=examples(
            "dragoman translate talk.wav --from en --to de --out talk.de.wav --transcript talk.srt",
            "dragoman translate talk.wav --to sw --text-only --transcript talk.sw.txt",
            "dragoman translate call.wav --from auto --to fr --fast   # print the text only",
        ),
    )
    parser.add_argument("input", type=Path, metavar="INPUT.wav")
    parser.add_argument(
        "--from", dest="source", default="en", metavar="LANG", help="spoken language, or 'auto'"
    )
    parser.add_argument(
        "--to",
        dest="target",
        default="es",
        metavar="LANG",
        help="target language (`dragoman languages --speech`: those that can be spoken)",
    )
    parser.add_argument(
        "--voice",
        default="male",
        metavar="{male,female}",
        help="voice of the translated speech (a cloned voice is not available in real time)",
    )
    parser.add_argument(
        "--text-only",
        action="store_true",
        help="translated text, no speech (so no --out; the text goes to --transcript or stdout)",
    )
    parser.add_argument("--two-way", action="store_true", help="translate both ways")
    parser.add_argument(
        "--finalize",
        choices=("stable", "sentence"),
        default="stable",
        help="when text is final: stable spans (faster) or whole sentences",
    )
    parser.add_argument("--context", help="names and jargon to bias recognition")
    parser.add_argument(
        "--out", type=Path, metavar="OUT.wav", help="translated speech (24 kHz WAV)"
    )
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
    if args.text_only and args.out is not None:
        # Decided: never "both". --out is only ever speech, and text-only asks for none, so the
        # pair is a contradiction rather than a request; the text has its own --transcript.
        raise UsageError(
            f"--text-only produces no audio, so there is nothing to write to {shown(args.out)}: "
            "drop --text-only to get the translated speech, or drop --out (the text goes to "
            "--transcript FILE, or is printed)."
        )
    check_language(args.source, "--from", auto=True)
    check_language(args.target, "--to")
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
        raise missing_key("pinch")
    return found[0]
