"""What the session watcher makes of each D-Bus signal, without a bus (the bus: integration)."""

from __future__ import annotations

from typing import Any

from dragoman.hotkeys.session_watch import (
    LOGIND_PATH,
    MANAGER_INTERFACE,
    PROPERTIES_INTERFACE,
    SESSION_INTERFACE,
    InactiveReason,
    LogindWatch,
    ScreenSaverWatch,
)

OURS = "/org/freedesktop/login1/session/c1"
FDO = "org.freedesktop.ScreenSaver"
GNOME = "org.gnome.ScreenSaver"


def screen(watch: ScreenSaverWatch, interface: str, active: Any) -> list[InactiveReason]:
    return watch.handle(interface, "ActiveChanged", "/ScreenSaver", (active,))


def test_one_report_per_screen_saver_whoever_says_it() -> None:
    watch = ScreenSaverWatch()
    assert screen(watch, FDO, True) == [InactiveReason.SCREEN_SAVER]
    assert screen(watch, GNOME, True) == []  # the same lock, said by a second service
    assert screen(watch, FDO, True) == []
    assert screen(watch, GNOME, False) == []
    assert screen(watch, FDO, True) == [InactiveReason.SCREEN_SAVER]


def test_other_screen_saver_signals_are_ignored() -> None:
    watch = ScreenSaverWatch()
    assert watch.handle("org.example.ScreenSaver", "ActiveChanged", "/", (True,)) == []
    assert watch.handle(FDO, "WakeUpScreen", "/ScreenSaver", ()) == []
    assert watch.handle(FDO, "ActiveChanged", "/ScreenSaver", ()) == []  # malformed
    assert screen(watch, "org.mate.ScreenSaver", True) == [InactiveReason.SCREEN_SAVER]


def logind() -> LogindWatch:
    watch = LogindWatch(pid=1, session_id=None)
    watch.session = OURS
    return watch


def changed(watch: LogindWatch, path: str = OURS, **props: bool) -> list[InactiveReason]:
    body = (SESSION_INTERFACE, {name: ("b", value) for name, value in props.items()}, [])
    return watch.handle(PROPERTIES_INTERFACE, "PropertiesChanged", path, body)


def test_one_report_per_lock_by_signal_or_hint() -> None:
    watch = logind()
    assert watch.handle(SESSION_INTERFACE, "Lock", OURS, ()) == [InactiveReason.LOCKED]
    assert changed(watch, LockedHint=True) == []
    assert watch.handle(SESSION_INTERFACE, "Lock", OURS, ()) == []
    assert watch.handle(SESSION_INTERFACE, "Unlock", OURS, ()) == []
    assert changed(watch, LockedHint=True) == [InactiveReason.LOCKED]
    assert changed(watch, LockedHint=False) == []
    assert changed(watch, LockedHint=True, Active=False) == [
        InactiveReason.LOCKED,
        InactiveReason.SWITCHED,
    ]


def test_sleep_and_switch() -> None:
    watch = logind()
    assert watch.handle(MANAGER_INTERFACE, "PrepareForSleep", LOGIND_PATH, (True,)) == [
        InactiveReason.SLEEP
    ]
    assert watch.handle(MANAGER_INTERFACE, "PrepareForSleep", LOGIND_PATH, (False,)) == []
    assert changed(watch, Active=True) == []
    assert changed(watch, Active=False) == [InactiveReason.SWITCHED]


def test_other_sessions_and_other_properties_are_ignored() -> None:
    watch = logind()
    other = "/org/freedesktop/login1/session/c2"
    assert watch.handle(SESSION_INTERFACE, "Lock", other, ()) == []
    assert changed(watch, other, Active=False) == []
    assert changed(watch, IdleHint=True) == []
    body = ("org.freedesktop.login1.User", {"Active": ("b", False)}, [])
    assert watch.handle(PROPERTIES_INTERFACE, "PropertiesChanged", OURS, body) == []
    assert watch.handle(PROPERTIES_INTERFACE, "PropertiesChanged", OURS, ("x",)) == []
    without_session = LogindWatch(pid=1, session_id=None)  # logind knew no session of ours
    assert without_session.handle(SESSION_INTERFACE, "Lock", OURS, ()) == []
