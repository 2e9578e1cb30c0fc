"""``dragoman devices`` numbers what it lists, and ``--device`` takes the number or the id back.

Every sound-server device is opened through PortAudio's one "pulse" device, so its PortAudio
index (once shown as ``#``) was the same for all of them and named none. The listing's own
numbers and the ``pulse:NAME`` ids are what ``record`` / ``play`` accept.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from dragoman.core.wav import write_wav_pcm16
from tests.testbed.pulse import PulseTestbed, TestbedError, pulse_daemon

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseTestbed]:
    root = tmp_path_factory.mktemp("cli-devices")
    with contextlib.ExitStack() as stack:
        try:
            testbed = stack.enter_context(pulse_daemon(root, speakers={"headset": 2}))
        except TestbedError as error:
            problem = str(error)
        else:
            yield testbed
            return
    pytest.fail(problem, pytrace=False)


def dragoman(bed: PulseTestbed, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dragoman", *args],
        env=bed.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def listed(bed: PulseTestbed) -> list[dict[str, object]]:
    done = dragoman(bed, "devices", "--json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


@pytest.fixture
def voice(tmp_path: Path) -> Path:
    path = tmp_path / "voice.wav"
    t = np.arange(4_800) / 24_000
    path.write_bytes(
        write_wav_pcm16((0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), 24_000)
    )
    return path


def test_each_device_has_its_own_number_in_the_table(bed: PulseTestbed) -> None:
    rows = listed(bed)
    assert [row["number"] for row in rows] == list(range(1, len(rows) + 1))
    server = [row for row in rows if str(row["id"]).startswith("pulse:")]
    assert len(server) >= 4 and len({row["index"] for row in server}) == 1  # one way in
    table = dragoman(bed, "devices")
    assert table.returncode == 0, table.stderr
    for row in rows:  # the table shows the same number beside each device's id
        line = next(line for line in table.stdout.splitlines() if line.endswith(f" {row['id']}"))
        assert re.match(rf"\s*{row['number']}\s", line), line
    assert "--device takes the #" in table.stdout


def test_the_number_and_the_id_both_reach_the_device(bed: PulseTestbed, voice: Path) -> None:
    rows = listed(bed)
    headset = next(row for row in rows if row["id"] == "pulse:headset")
    by_number = dragoman(bed, "play", str(voice), "--device", str(headset["number"]))
    assert by_number.returncode == 0, by_number.stderr
    assert f"on “{headset['name']}”" in by_number.stderr
    for pref in ("pulse:headset", "headset", "pulse:vspeaker", "vspeaker"):  # as before
        done = dragoman(bed, "play", str(voice), "--device", pref)
        assert done.returncode == 0, (pref, done.stderr)


def test_a_number_of_the_wrong_kind_or_out_of_range_is_a_usage_error(
    bed: PulseTestbed, tmp_path: Path
) -> None:
    rows = listed(bed)
    speaker = next(row for row in rows if row["id"] == "pulse:vspeaker")
    out = tmp_path / "x.wav"
    done = dragoman(bed, "record", str(out), "--seconds", "0.5", "--device", str(speaker["number"]))
    assert done.returncode == 2
    assert f"Device #{speaker['number']}" in done.stderr and "is not an input" in done.stderr
    beyond = dragoman(bed, "record", str(out), "--seconds", "0.5", "--device", str(len(rows) + 1))
    assert beyond.returncode == 2 and f"no device #{len(rows) + 1}" in beyond.stderr
    assert not out.exists()
