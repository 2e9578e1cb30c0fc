"""Dubbing upload: a 2 GB source streamed from disk with flat memory.

    .venv/bin/python -m bench.dubbing [--size-gb 2] [--chunk-mb 1]

A sparse file (no disk space used) named ``.mp4`` is uploaded by the real client
(``DubbingClient.upload``: ``POST /api/dubbing/upload-url``, then one ``PUT`` with a
Content-Length, read from disk a chunk at a time) to the dubbing emulator, which runs as a child
process so that only the client's memory is measured.  Prints this process's RSS before, every
eighth of the way and after, its peak (``ru_maxrss``), and the throughput.  Figures only: nothing
is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.measure import rss_mb
from dragoman.providers.dubbing import DubbingClient, DubbingConfig


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.emulator.dubbing", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on "):
        proc.kill()
        raise RuntimeError(f"the emulator did not start: {line!r}")
    return proc, line.removeprefix("listening on ")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


async def upload(base_url: str, source: Path, size: int, chunk: int) -> None:
    samples: list[tuple[int, float]] = []
    step = max(size // 8, 1)
    next_mark = 0

    def progress(sent: int, total: int | None) -> None:
        nonlocal next_mark
        if sent >= next_mark:
            samples.append((sent, rss_mb(os.getpid())))
            next_mark += step

    async with httpx.AsyncClient(timeout=60) as http:
        client = DubbingClient(
            api_key="pk_test_good",
            http=http,
            config=DubbingConfig(base_url=base_url, chunk_size=chunk),
        )
        rss_before = rss_mb(os.getpid())
        started = time.perf_counter()
        source_url = await client.upload(source, on_progress=progress)
        took = time.perf_counter() - started
    rss_after = rss_mb(os.getpid())
    print(f"source            {size / 2**30:.2f} GiB sparse file, {chunk // 1024} KiB chunks")
    print(f"uploaded in       {took:.1f} s  ({size / 2**20 / took:.0f} MiB/s over loopback)")
    print(f"RSS before        {rss_before:.1f} MB")
    for sent, rss in samples:
        print(f"RSS at {sent / 2**30:5.2f} GiB  {rss:.1f} MB")
    print(f"RSS after         {rss_after:.1f} MB")
    spread = max(r for _, r in samples) - min(r for _, r in samples)
    print(f"RSS spread        {spread:.1f} MB while {size / 2**20:.0f} MiB went out")
    print(f"peak RSS          {peak_mb():.1f} MB (ru_maxrss, the whole run)")
    print(f"source_url        {source_url.rsplit('/', 1)[-1]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dubbing", description=__doc__)
    parser.add_argument("--size-gb", type=float, default=2.0)
    parser.add_argument("--chunk-mb", type=float, default=1.0)
    args = parser.parse_args(argv)
    size = int(args.size_gb * 2**30)
    chunk = max(4096, int(args.chunk_mb * 2**20))
    proc, base_url = start_emulator()
    try:
        with tempfile.TemporaryDirectory(prefix="dragoman-bench-") as folder:
            source = Path(folder) / "two-gigabytes.mp4"
            with source.open("wb") as handle:
                handle.truncate(size)  # sparse: no blocks on disk, zeros when read
            asyncio.run(upload(base_url, source, size, chunk))
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
