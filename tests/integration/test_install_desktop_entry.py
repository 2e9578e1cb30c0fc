"""packaging/linux/install.sh puts Dragoman in the application menu and takes it out again."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "linux" / "install.sh"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return subprocess.run(
        ["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_menu_entry_and_icons_are_installed_and_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = run(tmp_path, "--desktop-only")
    assert done.returncode == 0, done.stderr
    entry = (data / "applications" / "dragoman.desktop").read_text()
    assert f"Exec={tmp_path}/.local/bin/dragoman\n" in entry
    assert "Icon=dragoman\n" in entry and "Name=Dragoman\n" in entry
    icons = data / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "dragoman.svg").read_bytes() == (
        ROOT / "resources" / "icons" / "dragoman.svg"
    ).read_bytes()
    for size in SIZES:
        image = QImage(str(icons / f"{size}x{size}" / "apps" / "dragoman.png"))
        assert (image.width(), image.height()) == (size, size)
    assert (data / "metainfo" / "io.github.dragoman.Dragoman.metainfo.xml").is_file()

    # What --uninstall removes, and what it leaves alone.
    (data / "applications" / "other.desktop").write_text("[Desktop Entry]\n")
    autostart = tmp_path / "config" / "autostart" / "dragoman.desktop"
    autostart.parent.mkdir(parents=True)
    autostart.write_text("[Desktop Entry]\n")
    settings = tmp_path / "config" / "Dragoman" / "dragoman.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[dragoman]\n")
    venv = data / "dragoman" / "venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "dragoman").write_text("#!/bin/sh\n")
    link = tmp_path / ".local" / "bin" / "dragoman"
    link.parent.mkdir(parents=True)
    link.symlink_to(venv / "dragoman")

    done = run(tmp_path, "--uninstall")
    assert done.returncode == 0, done.stderr
    assert not (data / "applications" / "dragoman.desktop").exists()
    assert not list(icons.rglob("dragoman.*"))
    assert not (data / "metainfo" / "io.github.dragoman.Dragoman.metainfo.xml").exists()
    assert not autostart.exists() and not link.is_symlink() and not (data / "dragoman").exists()
    assert (data / "applications" / "other.desktop").exists() and settings.exists()


def test_an_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    done = run(tmp_path, "--frobnicate")
    assert done.returncode == 2 and "usage" in done.stderr
    assert not (tmp_path / "data").exists()


def test_the_desktop_entry_names_the_icon_the_app_uses() -> None:
    entry = (ROOT / "packaging" / "linux" / "dragoman.desktop").read_text()
    assert "Icon=dragoman\n" in entry and "Exec=dragoman\n" in entry
    assert (ROOT / "resources" / "icons" / "dragoman.svg").is_file()
