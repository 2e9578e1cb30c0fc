"""The route test (Settings → Audio "Test the route", ``dragoman route-test``) on a sound server.

A private PulseAudio with the virtual microphone made exactly as the app makes it
(module-null-sink + module-remap-source, :func:`create_virtual_microphone`): the test tone played
into the sink must come back out of "Dragoman Microphone" with a measured delay; with the virtual
microphone removed, or its source muted, the command names the fault and the next step.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator

import pytest

from dragoman.audio import portaudio
from dragoman.audio.devices import VIRTUAL_MIC_SINK, VIRTUAL_MIC_SOURCE, list_devices
from dragoman.audio.route_test import check_route
from dragoman.audio.virtual_mic import VirtualMicrophone, create_virtual_microphone
from dragoman.core.route import RouteFault
from tests.testbed.pulse import PulseTestbed, TestbedError, pulse_daemon

pytestmark = pytest.mark.slow

RATE = 48_000


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseTestbed]:
    from tests.audio_checks import in_process

    root = tmp_path_factory.mktemp("route")
    with contextlib.ExitStack() as stack:
        try:
            daemon = stack.enter_context(pulse_daemon(root, rate=RATE, channels=2))
        except TestbedError as error:
            problem = str(error)
        else:
            yield stack.enter_context(in_process(daemon))
            return
    pytest.fail(problem, pytrace=False)


@pytest.fixture
def virtual_mic(bed: PulseTestbed) -> Iterator[VirtualMicrophone]:
    vm = create_virtual_microphone()
    try:
        yield vm
    finally:
        vm.remove()
    assert "dragoman" not in bed.pactl("list", "short", "modules")


@pytest.fixture(autouse=True)
def no_stream_left_open() -> Iterator[None]:
    yield
    assert portaudio.open_streams() == 0


def route_test(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dragoman", "route-test", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_tone_reaches_the_virtual_microphone_with_its_delay(
    bed: PulseTestbed, virtual_mic: VirtualMicrophone
) -> None:
    result = check_route(f"pulse:{VIRTUAL_MIC_SINK}")
    print(f"\nroute (in process): {result.sentence} correlation {result.correlation}")
    assert result.ok, result.sentence
    assert result.input_name == "Dragoman Microphone"
    assert result.correlation is not None and result.correlation >= 0.99
    assert result.delay_ms is not None and 0 < result.delay_ms < 500
    assert result.sentence == (
        f"Route OK: the tone reached “Dragoman Microphone” after {result.delay_ms:.0f} ms."
    )


def test_the_command_passes_on_a_working_route(
    bed: PulseTestbed, virtual_mic: VirtualMicrophone
) -> None:
    done = route_test(env=bed.env)  # no saved call output: the virtual microphone itself
    print(f"\nroute (command): {done.stdout.strip()}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Route OK: the tone reached “Dragoman Microphone” after ")
    assert done.stdout.rstrip().endswith(" ms.")
    named = route_test(
        "--output", "Dragoman Microphone", "--input", VIRTUAL_MIC_SOURCE, env=bed.env
    )
    assert named.returncode == 0, named.stderr


def test_the_command_names_a_missing_virtual_microphone(bed: PulseTestbed) -> None:
    assert not any(d.virtual_mic for d in list_devices())
    done = route_test(env=bed.env)
    assert done.returncode == 1
    assert done.stdout == "" and "Traceback" not in done.stderr
    line = done.stderr.strip()
    assert line.startswith("dragoman: There is no virtual microphone (“Dragoman Microphone”)")
    assert "Settings → Audio → Create virtual microphone" in line
    # The in-app form: the call output still names the sink that is gone.
    result = check_route(f"pulse:{VIRTUAL_MIC_SINK}")
    assert result.fault is RouteFault.NO_VIRTUAL_MIC


def test_a_removed_source_is_named(bed: PulseTestbed, virtual_mic: VirtualMicrophone) -> None:
    source_module = virtual_mic.created_modules[-1]
    bed.pactl("unload-module", str(source_module))
    virtual_mic.created_modules.remove(source_module)
    result = check_route(f"pulse:{VIRTUAL_MIC_SINK}")
    assert result.fault is RouteFault.NO_VIRTUAL_MIC
    assert "incomplete (its source “Dragoman Microphone” is missing)" in result.sentence


@pytest.mark.parametrize(
    ("kind", "name", "label"),
    [
        ("source", VIRTUAL_MIC_SOURCE, "Dragoman Microphone"),
        ("sink", VIRTUAL_MIC_SINK, "Dragoman Microphone (Dragoman plays here)"),
    ],
)
def test_a_muted_virtual_microphone_is_named_with_the_fix(
    bed: PulseTestbed, virtual_mic: VirtualMicrophone, kind: str, name: str, label: str
) -> None:
    bed.pactl(f"set-{kind}-mute", name, "1")
    done = route_test(env=bed.env)
    assert done.returncode == 1, done.stdout
    line = done.stderr.strip()
    print(f"\nmuted {kind}: {line}")
    assert "did not reach “Dragoman Microphone”" in line, line
    assert f"“{label}” is muted" in line
    assert f"pactl set-{kind}-mute {name} 0" in line


def test_a_call_output_that_is_not_the_virtual_microphone_is_named(
    bed: PulseTestbed, virtual_mic: VirtualMicrophone
) -> None:
    result = check_route("pulse:vspeaker")
    assert result.fault is RouteFault.NOT_VIRTUAL_OUTPUT
    assert result.sentence.startswith("Dragoman's call output is “Test speaker”, not the virtual")
    assert "pick “Dragoman Microphone” as the microphone in the call app" in result.sentence
    off = check_route("")
    assert off.fault is RouteFault.CALL_OUTPUT_OFF


def test_an_unknown_device_is_a_usage_error(bed: PulseTestbed) -> None:
    done = route_test("--output", "Nope", env=bed.env)
    assert done.returncode == 2
    assert "no output device called “Nope”" in done.stderr


def test_any_output_and_its_monitor_can_be_named(bed: PulseTestbed) -> None:
    """The --help example: a plain sink recorded through its monitor (no virtual microphone)."""
    done = route_test(
        "--output", "pulse:vspeaker", "--input", "pulse:vspeaker.monitor", env=bed.env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Route OK: the tone reached “Monitor of Test speaker” after ")
