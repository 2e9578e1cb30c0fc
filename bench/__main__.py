"""``python -m bench``: issue 14's performance table, measured on the real test bed in one run.

    .venv/bin/python -m bench                 every row (about 4-5 minutes)
    .venv/bin/python -m bench --quick         fewer repetitions (about 2 minutes)
    .venv/bin/python -m bench --only 1,2,3    some rows
    .venv/bin/python -m bench --list          the rows and the other benchmarks

Prints measured beside goal, each figure's method beneath it, and the load average at start and
end. Figures only: a goal not met is printed, never a failure (the exit status is 1 only when
the test bed or a measurement broke). The machine is shared: CPU and latency figures move with
the load average printed beside them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
import tempfile
from pathlib import Path

from bench.report import Row, render, render_markdown, rows

OTHER_BENCHMARKS = {
    "bench.pinch": "Pinch protocol core costs and loopback latencies against the emulator",
    "bench.pulse": "Pulse protocol core costs and loopback latencies against the emulator",
    "bench.audio": "capture/playback latencies and CPU on the virtual devices, in-process",
    "bench.hotkeys": "XTEST/xdotool → pynput listener → Qt slot latency",
    "bench.dubbing": "a 2 GB dubbing upload streamed from disk: RSS before, during, after",
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Issue 14's performance table on the real test bed."
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, shorter windows")
    parser.add_argument("--only", metavar="ROWS", help="comma-separated row numbers, e.g. 1,4")
    parser.add_argument("--list", action="store_true", help="list the rows and other benchmarks")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument(
        "--keep", metavar="DIR", type=Path, help="run the test bed in DIR and keep its logs"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    table = rows()
    if args.list:
        for row in table.values():
            print(f"{row.key}  {row.figure:<62} goal {row.goal}")
        print("\nOther benchmarks (python -m NAME):")
        for name, what in OTHER_BENCHMARKS.items():
            print(f"  {name:<14} {what}")
        return 0
    wanted = set(table) if not args.only else {k.strip() for k in args.only.split(",")}
    unknown = wanted - set(table)
    if unknown:
        print(f"unknown rows: {', '.join(sorted(unknown))} (see --list)", file=sys.stderr)
        return 2

    from bench.measure import loadavg

    load_start = loadavg()
    broke, notes = run(table, wanted, quick=args.quick, keep=args.keep)
    load_end = loadavg()
    selected = [row for key, row in table.items() if key in wanted]
    when = datetime.datetime.now().isoformat(timespec="seconds")
    header = (
        f"Dragoman performance on the test bed ({when}, {os.cpu_count()} cores"
        f"{', --quick' if args.quick else ''}; figures only, never pass/fail)"
    )
    print()
    print(render(selected, load_start, load_end, header))
    for note in notes:
        print(f"note: {note}")
    if args.markdown:
        print()
        print(render_markdown(selected, load_start, load_end))
    if broke:
        print(f"\nthe test bed broke: {broke}", file=sys.stderr)
        return 1
    return 1 if any(row.measured.startswith("error") for row in selected) else 0


def run(
    table: dict[str, Row], wanted: set[str], *, quick: bool, keep: Path | None
) -> tuple[str, list[str]]:
    """Run the wanted rows: ("" or what broke the test bed, notes about the run)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # this process never shows a window
    os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    from tests.e2e.desktop import desktop
    from tests.testbed.keyring import TestbedError, secret_service

    from bench.table import Bench, Plan

    plan = Plan.quick() if quick else Plan()
    notes: list[str] = []
    with contextlib.ExitStack() as stack:
        if keep is None:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dragoman-bench-")))
        else:
            keep.mkdir(parents=True, exist_ok=True)
            root = keep.resolve()
        print(f"test bed in {root}; rows {', '.join(sorted(wanted))}", flush=True)
        try:
            keyring_env = stack.enter_context(secret_service(root))
            d = stack.enter_context(desktop(root / "desktop", keyring_env))
            bench = Bench(d, plan, table, wanted)
            stack.callback(bench.close)
            notes = bench.notes
            bench.run()
        except (TestbedError, OSError, TimeoutError, AssertionError) as error:
            return f"{type(error).__name__}: {error}", notes
    return "", notes


if __name__ == "__main__":
    raise SystemExit(main())
