"""Icons from resources/icons (SVG: sharp at any size and device pixel ratio).

An icon drawn in a colour may have a ``<name>-dark.svg`` twin for dark palettes, so it keeps a
3:1 contrast (WCAG, non-text) on a dark background as well as on a light one.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon, QPalette

from dragoman.resources import resource_path
from dragoman.ui import theme


def state_icon(name: str) -> QIcon:
    return QIcon(str(resource_path(f"icons/{name}.svg")))


def icon_file(name: str, palette: QPalette | None = None) -> str:
    """The SVG for ``name`` in ``palette`` (the application's when None)."""
    if theme.is_dark(QGuiApplication.palette() if palette is None else palette):
        try:
            return str(resource_path(f"icons/{name}-dark.svg"))
        except FileNotFoundError:
            pass
    return str(resource_path(f"icons/{name}.svg"))


def themed_icon(name: str, palette: QPalette | None = None) -> QIcon:
    return QIcon(icon_file(name, palette))


def app_icon() -> QIcon:
    return state_icon("dragoman")
