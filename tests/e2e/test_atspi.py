"""End to end: the main window as a screen reader sees it, over AT-SPI (issue 11). The real app
runs on the desktop test bed with an accessibility bus (at-spi-bus-launcher, at-spi2-registryd)
on its private session bus and ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``; its accessible tree is read
from outside, through the system's Atspi bindings: the language pickers (by the labels that name
them), the swap and talk buttons and the level meter are found with their roles and
descriptions, and no visible control is without a name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dragoman.core.settings import Settings
from tests.e2e.desktop import HOTKEY, desktop, wait
from tests.testbed.atspi import accessibility_bus, accessible_tree

pytestmark = pytest.mark.slow


def named(tree: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [node for node in tree if node["name"] == name]


def test_the_main_windows_controls_have_names_and_roles_over_atspi(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d, accessibility_bus(tmp_path, d.env):
        d.env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
        d.write_settings(
            Settings(first_run_done=True, hotkey=HOTKEY, source_language="en", target_language="es")
        )
        with d.launch() as app:
            wait(lambda: (s := app.status()) and s["window_visible"], "the window shown", 40)
            tree: list[dict[str, Any]] = wait(
                lambda: (
                    (t := accessible_tree(d.env, "Dragoman")) and named(t, "Swap languages") and t
                ),
                "the main window in the accessibility tree",
                40,
            )
            assert tree[0]["role"] == "application" and tree[0]["name"] == "Dragoman"
            frames = [n for n in tree if n["depth"] == 1 and n["role"] == "frame"]
            assert any(n["name"] == "Dragoman" for n in frames), frames

            # On Linux, Qt names a combo box over AT-SPI by its value (the language chosen) and
            # links it to its caption through a labelled-by relation: Orca reads "From, combo
            # box, English". (QAccessibleComboBox; the accessible name set in Qt is used on
            # Windows and macOS.)
            pickers = {"From": "English", "To": "Spanish — Español"}
            for caption, value in pickers.items():
                found = [n for n in tree if caption in n["labelled_by"]]
                assert [(n["role"], n["name"]) for n in found] == [("combo box", value)], found
                assert found[0]["showing"] and found[0]["description"]  # the tooltip
            roles = {"Swap languages": "push button", "Microphone level": "progress bar"}
            for name, role in roles.items():
                found = named(tree, name)
                assert [n["role"] for n in found] == [role], (name, found)
                assert found[0]["showing"] and found[0]["description"], found
            talk = [n for n in tree if n["name"].startswith("Push to talk, ")]
            assert [(n["role"], n["showing"]) for n in talk] == [("push button", True)], talk
            assert HOTKEY in talk[0]["description"]  # "Hold F9 (or this button) to talk"
            # Every control a person can reach has a name (a hidden field's clear button aside).
            controls = ("push button", "combo box", "check box", "progress bar", "table")
            unnamed = [n for n in tree if n["role"] in controls and n["showing"] and not n["name"]]
            assert unnamed == [], unnamed
