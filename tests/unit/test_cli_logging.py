"""The desktop app logs INFO to its file, and to stderr only with ``-v``.

``dragoman`` with no command goes through ``cli.main`` into ``run_gui``, whose
``configure_logging`` sets the root level to INFO for the log file: any stderr handler already on
the root logger would then print every INFO line in the terminal that started the app.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

import dragoman.main
from dragoman.cli import main


@pytest.fixture(autouse=True)
def root_logger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The root logger restored after the test; the app's log folder under ``tmp_path``."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    root.handlers[:] = []  # as in a fresh process (pytest's own handlers would hide basicConfig's)
    monkeypatch.setattr(dragoman.main, "log_dir", lambda: tmp_path / "logs")
    yield tmp_path / "logs" / "dragoman.log"
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def fake_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    """``run_gui`` as far as its logging: configure, then say what the app says at start."""

    def run_gui(*, hidden: bool = False, verbosity: int = 0) -> int:
        dragoman.main.configure_logging(verbosity)
        logging.getLogger("dragoman").info("window ready")
        logging.getLogger("dragoman.audio.rig").warning("audio: no microphone")
        return 0

    monkeypatch.setattr(dragoman.main, "run_gui", run_gui)


def test_the_app_without_v_logs_to_its_file_only(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], root_logger: Path
) -> None:
    fake_gui(monkeypatch)
    assert main([]) == 0
    assert capfd.readouterr().err == ""
    logged = root_logger.read_text()
    assert "dragoman INFO: window ready" in logged and "no microphone" in logged


def test_the_app_with_v_also_logs_to_stderr(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], root_logger: Path
) -> None:
    fake_gui(monkeypatch)
    assert main(["-v"]) == 0
    err = capfd.readouterr().err
    assert "dragoman INFO: window ready" in err
    assert "window ready" in root_logger.read_text()


def test_an_earlier_stderr_handler_does_not_print_info_lines(
    capfd: pytest.CaptureFixture[str], root_logger: Path
) -> None:
    """Whoever configured logging first (basicConfig at ERROR), INFO stays out of stderr."""
    logging.basicConfig(level=logging.ERROR)
    dragoman.main.configure_logging(0)
    logging.getLogger("dragoman").info("session ready")
    assert "session ready" not in capfd.readouterr().err
    assert "session ready" in root_logger.read_text()
