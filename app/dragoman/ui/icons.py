"""Icons from resources/icons (SVG: sharp at any size and device pixel ratio)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from dragoman.resources import resource_path


def state_icon(name: str) -> QIcon:
    return QIcon(str(resource_path(f"icons/{name}.svg")))


def app_icon() -> QIcon:
    return state_icon("dragoman")
