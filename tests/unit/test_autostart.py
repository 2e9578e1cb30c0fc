from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from dragoman.store.autostart import Autostart, autostart_dir


def test_entry_is_written_read_and_removed(tmp_path: Path) -> None:
    autostart = Autostart(tmp_path / "autostart")
    assert not autostart.enabled()
    autostart.set_enabled(True, ["/opt/my apps/dragoman", "--hidden"])
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(autostart.path)
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "Dragoman"
    assert shlex.split(entry["Exec"]) == ["/opt/my apps/dragoman", "--hidden"]
    assert autostart.enabled()
    autostart.set_enabled(False)
    autostart.set_enabled(False)
    assert not autostart.enabled()


def test_xdg_config_home_is_honoured() -> None:
    assert autostart_dir({"XDG_CONFIG_HOME": "/x/cfg"}) == Path("/x/cfg/autostart")
    assert autostart_dir({"HOME": "/home/u"}) == Path("/home/u/.config/autostart")
