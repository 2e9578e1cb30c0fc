"""The command channel: a real QLocalServer on the Qt loop, real Unix-socket clients."""

from __future__ import annotations

import concurrent.futures
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dragoman.cli import main
from dragoman.core.errors import NoRunningInstance, UsageError
from dragoman.hotkeys.channel import (
    ChannelInUse,
    CommandServer,
    channel_name,
    parse_command,
    send_command,
)
from tests.testbed.dbus import short_dir

WAIT_MS = 5000


@pytest.fixture
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with short_dir(tmp_path / "run") as path:
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
        yield path


@pytest.fixture
def server(qtbot: QtBot, runtime_dir: Path) -> Iterator[CommandServer]:
    server = CommandServer()
    server.listen()
    yield server
    server.close()


@pytest.fixture
def pool() -> Iterator[concurrent.futures.ThreadPoolExecutor]:
    """Clients block; the server needs the Qt loop: clients run on a worker thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as executor:
        yield executor


def test_channel_name_is_per_user_and_private(runtime_dir: Path) -> None:
    assert channel_name() == str(runtime_dir / f"dragoman-{os.getuid()}")
    assert channel_name({}).endswith(f"/dragoman-{os.getuid()}")


@pytest.mark.parametrize(
    ("line", "canonical"),
    [
        ("press", "press forward"),
        ("release reverse\n", "release reverse"),
        ("  toggle  ", "toggle forward"),
        ("cancel", "cancel"),
        ("show", "show"),
        ("say-again", "say-again"),
        ("mute-all", "mute-all toggle"),
        ("mute-all off", "mute-all off"),
    ],
)
def test_parse_command(line: str, canonical: str) -> None:
    assert parse_command(line) == canonical


@pytest.mark.parametrize(
    "line",
    [
        "",
        "jump",
        "press sideways",
        "press forward now",
        "show me",
        "say-again twice",
        "mute-all up",
    ],
)
def test_parse_command_refuses(line: str) -> None:
    with pytest.raises(UsageError):
        parse_command(line)


def test_commands_reach_the_server(
    qtbot: QtBot, server: CommandServer, pool: concurrent.futures.ThreadPoolExecutor
) -> None:
    assert "listening" in repr(server)
    received: list[str] = []
    server.command_received.connect(received.append)
    for command in ("press", "release reverse", "toggle", "cancel", "show"):
        with qtbot.waitSignal(server.command_received, timeout=WAIT_MS):
            reply = pool.submit(send_command, command)
        assert reply.result(WAIT_MS / 1000) == "ok"
    assert received == ["press forward", "release reverse", "toggle forward", "cancel", "show"]


def raw_exchange(path: str, data: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(WAIT_MS / 1000)
        sock.connect(path)
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(4096):
            chunks.append(chunk)
            if chunks[-1].endswith(b"\n") and data.count(b"\n") == b"".join(chunks).count(b"\n"):
                break
        return b"".join(chunks)


def test_bad_lines_get_an_error_reply_and_change_nothing(
    qtbot: QtBot, server: CommandServer, pool: concurrent.futures.ThreadPoolExecutor
) -> None:
    received: list[str] = []
    server.command_received.connect(received.append)
    future = pool.submit(raw_exchange, server.name, b"jump\npress\n")
    qtbot.waitUntil(future.done, timeout=WAIT_MS)
    first, second = future.result().decode().splitlines()
    assert first.startswith("error Unknown command 'jump'") and second == "ok"
    assert received == ["press forward"]


def test_an_endless_line_is_cut_off(
    qtbot: QtBot, server: CommandServer, pool: concurrent.futures.ThreadPoolExecutor
) -> None:
    future = pool.submit(raw_exchange, server.name, b"x" * 10_000)
    qtbot.waitUntil(future.done, timeout=WAIT_MS)
    assert future.result() == b""  # closed without a reply


def test_no_instance_is_a_sentence(runtime_dir: Path) -> None:
    with pytest.raises(NoRunningInstance, match="No Dragoman is running for this user"):
        send_command("press")


def test_cli_ptt_without_an_instance_exits_1(
    runtime_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ptt", "press"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("dragoman: No Dragoman is running") and err.count("\n") == 1


def test_cli_ptt_reverse_only_with_directed_actions(
    runtime_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ptt", "cancel", "--reverse"]) == 2
    assert "--reverse goes with press, release or toggle" in capsys.readouterr().err


def test_cli_ptt_reaches_the_server(
    qtbot: QtBot, server: CommandServer, pool: concurrent.futures.ThreadPoolExecutor
) -> None:
    with qtbot.waitSignal(server.command_received, timeout=WAIT_MS) as got:
        code = pool.submit(main, ["ptt", "toggle", "--reverse"])
    assert code.result(WAIT_MS / 1000) == 0
    assert got.args == ["toggle reverse"]


def test_a_second_instance_is_told_and_a_stale_socket_replaced(
    qtbot: QtBot, runtime_dir: Path
) -> None:
    path = channel_name()
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(path)  # what a crashed instance leaves behind: a socket file nobody serves
    stale.close()
    first = CommandServer()
    first.listen()  # replaces it
    second = CommandServer()
    with pytest.raises(ChannelInUse, match="already running"):
        second.listen()
    first.close()
    assert "closed" in repr(first)


def test_cli_hotkey_test_without_any_display(
    runtime_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        monkeypatch.delenv(name, raising=False)
    assert main(["hotkey-test", "--count", "1"]) == 1
    assert capsys.readouterr().err == (
        "dragoman: Nothing can watch the keyboard here: there is no display (DISPLAY and "
        "WAYLAND_DISPLAY are unset). Run it in your desktop session.\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["hotkey-test", "--chord", "F9+F10"], "more than one key"),
        (["hotkey-test", "--count", "0"], "--count must be 1 or more"),
    ],
)
def test_cli_hotkey_test_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_status_is_a_query_answered_with_data(
    qtbot: QtBot, server: CommandServer, pool: concurrent.futures.ThreadPoolExecutor
) -> None:
    received: list[str] = []
    server.command_received.connect(received.append)
    future = pool.submit(send_command, "status")
    qtbot.waitUntil(future.done, timeout=WAIT_MS)
    with pytest.raises(UsageError, match="status is not available here"):
        future.result()
    server.query_handler = lambda _q: '{"state": "ready", "rows": [{"original": "hola"}]}'
    future = pool.submit(main, ["status"])
    qtbot.waitUntil(future.done, timeout=WAIT_MS)
    assert future.result() == 0
    future = pool.submit(send_command, "status")
    qtbot.waitUntil(future.done, timeout=WAIT_MS)
    assert future.result() == 'ok {"state": "ready", "rows": [{"original": "hola"}]}'
    assert received == []  # a query is answered, never emitted as a command
