"""The Linux artifacts of packaging/build.sh, checked in clean places as a user would meet them.

The build runs once per test session (about 1.5 to 2 minutes, mostly PyInstaller), or not at all
when ``DRAGOMAN_DIST`` names a folder that packaging/build.sh already filled in the same CI run.
The ``.deb`` is installed into a throwaway root with dpkg; every shared library its bundle links
must come from the package itself or from a package in its Depends. The bundle is extracted to a
folder of its own and runs there: ``--version``, a WAV translated against the emulator, and the
desktop app on Xvfb (fresh HOME, private keyring and sound server) answering ``status --json``
and quitting with no process left. The wheel and sdist are test_wheel.py's.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import subprocess
import time
import types
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from dragoman import __version__
from dragoman.core.settings import Settings
from dragoman.hotkeys.channel import channel_name, send_command
from tests.e2e.desktop import desktop, processes_with, wait
from tests.emulator.pinch import PinchEmulator, running_emulator
from tests.signals import sentence, silence
from tests.speech import write_pcm16
from tests.testbed.dbus import process

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
ROOT = Path(__file__).resolve().parents[2]
BUILD_SH = ROOT / "packaging" / "build.sh"
KEY = "pk_test_good"
BUILD_TIMEOUT_S = 900


def _depends_module() -> types.ModuleType:
    """packaging/linux/depends.py: a script beside the build, not part of the package."""
    spec = importlib.util.spec_from_file_location(
        "dragoman_packaging_depends", ROOT / "packaging" / "linux" / "depends.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


depends = _depends_module()


@dataclass(frozen=True)
class Artifacts:
    tarball: Path
    deb: Path


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Artifacts:
    prebuilt = os.environ.get("DRAGOMAN_DIST")
    if prebuilt:
        dist = Path(prebuilt).resolve()
    else:
        dist = tmp_path_factory.mktemp("dist")
        work = tmp_path_factory.mktemp("build")
        started = time.monotonic()
        built = subprocess.run(
            ["bash", str(BUILD_SH), "--no-python"],
            env={**os.environ, "DIST": str(dist), "BUILD": str(work)},
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
            check=False,
        )
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
        print(f"packaging/build.sh --no-python took {time.monotonic() - started:.0f} s")
    tarball = dist / f"dragoman-{__version__}-linux-x86_64.tar.gz"
    deb = dist / f"dragoman_{__version__}_amd64.deb"
    for artifact in (tarball, deb):
        assert artifact.is_file(), f"{artifact} was not built (packaging/build.sh)"
        print(f"{artifact.name}: {artifact.stat().st_size / 1e6:.1f} MB")
    return Artifacts(tarball, deb)


@pytest.fixture(scope="session")
def installed_root(artifacts: Artifacts, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb installed by dpkg into an empty root of its own (no other package there)."""
    root = tmp_path_factory.mktemp("root")
    (root / "var" / "lib" / "dpkg" / "info").mkdir(parents=True)
    (root / "var" / "lib" / "dpkg" / "updates").mkdir()
    (root / "var" / "lib" / "dpkg" / "status").touch()
    # --force-depends: the root is empty; whether Depends is right is the next tests' business.
    install = ["--force-depends", "--force-script-chrootless", "--install", str(artifacts.deb)]
    done = subprocess.run(
        ["dpkg", f"--root={root}", *install],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="session")
def bundle(artifacts: Artifacts, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive extracted where no Dragoman has been: a path with a space in it."""
    place = tmp_path_factory.mktemp("bundle") / "some folder"
    place.mkdir()
    subprocess.run(["tar", "-xzf", str(artifacts.tarball), "-C", str(place)], check=True)
    (folder,) = place.iterdir()
    assert folder.name == f"dragoman-{__version__}"
    return folder / "dragoman"


def clean_env(home: Path) -> dict[str, str]:
    """No venv, no PYTHONPATH, no source tree: only what a fresh login session has."""
    home.mkdir(parents=True, exist_ok=True)
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "DBUS_SESSION_BUS_ADDRESS": "disabled:",
    }


def run(
    executable: Path, *args: str, env: dict[str, str], stdin: str = "", timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(executable), *args],
        input=stdin,
        env=env,
        cwd=env["HOME"],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# -- the Debian package ----------------------------------------------------------------------


def control_field(deb: Path, field: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), field], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_deb_installs_its_files_where_the_desktop_finds_them(
    artifacts: Artifacts, installed_root: Path
) -> None:
    assert control_field(artifacts.deb, "Version") == __version__
    assert control_field(artifacts.deb, "Architecture") == "amd64"
    command = installed_root / "usr" / "bin" / "dragoman"
    assert os.readlink(command) == "../../opt/dragoman/dragoman"
    assert os.access(installed_root / "opt" / "dragoman" / "dragoman", os.X_OK)
    share = installed_root / "usr" / "share"
    entry = share / "applications" / "dragoman.desktop"
    metainfo = share / "metainfo" / "io.github.dragoman.Dragoman.metainfo.xml"
    assert "Exec=dragoman\n" in entry.read_text() and "Icon=dragoman\n" in entry.read_text()
    for size in (16, 22, 24, 32, 48, 64, 128, 256):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "dragoman.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "dragoman.svg").is_file()

    # What is shipped validates (the sources are checked by build.sh; these are the copies).
    checked = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0 and "error" not in checked.stdout, checked.stdout
    checked = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = metainfo.read_text()
    assert f'<release version="{__version__}"' in text
    assert "<screenshot" in text and '<content_rating type="oars-1.1"' in text

    # dpkg knows every file, so removing the package leaves nothing behind.
    listed = subprocess.run(
        ["dpkg", f"--root={installed_root}", "-L", "dragoman"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert "/usr/share/applications/dragoman.desktop" in listed
    assert "/opt/dragoman/dragoman" in listed


def test_every_library_the_bundle_links_comes_from_the_package_or_its_depends(
    artifacts: Artifacts, installed_root: Path
) -> None:
    bundle = installed_root / "opt" / "dragoman"
    shipped = depends.shipped_sonames(bundle)
    elves = depends.elf_files(bundle)
    assert len(elves) > 50  # the executable, Python's extensions, Qt and its plugins
    linked = {soname for names in depends.needed_by(elves).values() for soname in names}
    from_system = sorted(linked - shipped)
    located = {soname: depends.locate(soname) for soname in from_system}
    owners = depends.owners(path for path in located.values() if path)
    declared = {
        alternative.split()[0]
        for clause in control_field(artifacts.deb, "Depends").split(",")
        for alternative in clause.split("|")
    }
    unprovided = [
        f"{soname} ({owners.get(located[soname] or '', 'no package on this machine')})"
        for soname in from_system
        if owners.get(located[soname] or "") not in declared
    ]
    assert not unprovided, f"linked but neither shipped nor in Depends: {unprovided}"
    # What must match the running system is not shipped (packaging/pyinstaller/dragoman.spec).
    for system_lib in ("libasound.so.2", "libGL.so.1", "libfontconfig.so.1", "libstdc++.so.6"):
        assert system_lib not in shipped
    assert "libportaudio.so.2" in shipped
    # Nothing in the bundle links what only a dropped Qt plugin needed (GTK, eglfs).
    assert not [name for name in shipped if name.startswith(("libgtk-3", "libQt6EglFS"))]


def test_apt_would_install_the_deb_on_this_machine(artifacts: Artifacts) -> None:
    """``apt install ./FILE.deb``, simulated: every Depends names a package apt can satisfy."""
    done = subprocess.run(
        ["apt-get", "--simulate", "install", str(artifacts.deb)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert re.search(r"^Inst dragoman ", done.stdout, flags=re.MULTILINE), done.stdout


# -- the bundle, from any folder ---------------------------------------------------------------


@pytest.fixture(scope="module", params=["tarball", "deb"])
def executable(request: pytest.FixtureRequest, bundle: Path, installed_root: Path) -> Path:
    """The tarball's ``dragoman``, and the .deb's ``/usr/bin/dragoman`` (a symlink)."""
    if request.param == "tarball":
        return bundle
    return installed_root / "usr" / "bin" / "dragoman"


def test_version_names_the_libraries_it_runs_on(executable: Path, tmp_path: Path) -> None:
    done = run(executable, "--version", env=clean_env(tmp_path / "home"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"dragoman {__version__}"
    fields = dict(line.split(":", 1) for line in lines[1:])
    assert fields["Python"].strip().startswith("3.")
    assert re.match(r"6\.\d+\.\d+$", fields["Qt"].strip())
    assert re.match(r"6\.\d+\.\d+$", fields["PySide6"].strip())
    assert re.match(r"19\.\d+\.\d+ \(PortAudio", fields["PortAudio"].strip())  # the bundled one
    assert done.stderr == ""


@pytest.fixture(scope="module")
def emu() -> Iterator[PinchEmulator]:
    with running_emulator() as emulator:
        yield emulator


def test_translates_a_wav_against_the_emulator(
    executable: Path, emu: PinchEmulator, tmp_path: Path
) -> None:
    env = clean_env(tmp_path / "home")
    env.update({"DRAGOMAN_PINCH_URL": emu.base_url, "PINCH_API_KEY": KEY})
    wav, out, transcript = tmp_path / "in.wav", tmp_path / "out.wav", tmp_path / "t.json"
    pcm = np.concatenate([silence(0.2), sentence(1.0, 1), silence(0.5)]) / 32768.0
    write_pcm16(wav, pcm, 16_000, 1)
    before = len(emu.sessions)
    args = [str(wav), "--fast", "--to", "de", "--out", str(out), "--transcript", str(transcript)]
    done = run(executable, "translate", *args, env=env)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    segments = json.loads(transcript.read_text())["segments"]
    assert segments and all(s["translated"].startswith("[de] ") for s in segments)
    assert out.stat().st_size > 16_000  # the translated speech (24 kHz, 16-bit): well over 0.3 s
    assert len(emu.sessions) == before + 1 and emu.sessions[-1].close_code == 1000


def test_the_desktop_app_starts_answers_status_and_quits_leaving_no_process(
    executable: Path, tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        env = {k: v for k, v in d.env.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        # The key goes into the real keyring through the bundle's own keyring back end.
        stored = run(executable, "auth", "set", env=env, stdin=f"{KEY}\n")
        assert stored.returncode == 0, stored.stderr
        d.write_settings(Settings(first_run_done=True, hotkey="F9"))
        marker = uuid.uuid4().hex
        app_env = {**env, "DRAGOMAN_E2E_RUN": marker}
        log = tmp_path / "app.log"
        with process(
            [str(executable), "-v"],
            env=app_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            log=log,
        ) as app:

            def status() -> dict[str, object] | None:
                assert app.poll() is None, f"the app exited: {log.read_text()[-3000:]}"
                asked = run(executable, "status", "--json", env=env, timeout=30)
                if asked.returncode != 0:
                    return None
                answer: dict[str, object] = json.loads(asked.stdout)
                return answer if answer.get("state") == "ready" else None

            ready = wait(status, "the bundled app to be ready", 60)
            assert ready["hotkey_backend"] == "pynput"  # pynput's X back end is in the bundle
            assert app.pid in processes_with(marker)
            send_command("quit", channel_name(env))
            assert app.wait(timeout=30) == 0
            with contextlib.suppress(AssertionError):
                wait(lambda: not processes_with(marker), "every process gone", 10)
            assert processes_with(marker) == []
        text = log.read_text(errors="replace")
        assert "Traceback" not in text, text[text.find("Traceback") :][:3000]
