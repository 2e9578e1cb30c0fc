"""Light and dark palettes, colours by role that stay readable in both, and the focus ring.

Every colour the window paints comes from the palette or from :func:`roles`, which picks a
colour for a role (an error banner, the talk button while listening, the meter) to suit the
palette in use and then makes sure it meets WCAG AA against its background (4.5:1 for text, 3:1
for the focus ring and other non-text marks). So a dark desktop theme, our own dark theme or
an unusual system palette all keep error text readable.

The contrast arithmetic is WCAG 2.x's: relative luminance of linearised sRGB, and
``(lighter + 0.05) / (darker + 0.05)``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QComboBox, QStyleFactory, QWidget

THEMES: Final = ("system", "light", "dark")
TEXT_CONTRAST: Final = 4.5  # WCAG AA, normal text
MARK_CONTRAST: Final = 3.0  # WCAG AA, non-text: focus indicators, meter bars
DARK_LUMINANCE: Final = 0.18  # a window darker than this is a dark theme
_SYSTEM_STYLE: Final = "dragoman_system_style"  # QApplication properties: what "system" restores
_SYSTEM_PALETTE: Final = "dragoman_system_palette"


# -- contrast (WCAG 2.x) ----------------------------------------------------------------------


def relative_luminance(color: QColor) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.red())
        + 0.7152 * linear(color.green())
        + 0.0722 * linear(color.blue())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """1.0 (the same) to 21.0 (black on white), whichever of the two is lighter."""
    la, lb = relative_luminance(a), relative_luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def ensure_contrast(color: QColor, background: QColor, minimum: float = TEXT_CONTRAST) -> QColor:
    """``color`` if it reads well on ``background``; otherwise the least change of it towards
    black or white (whichever contrasts more with the background) that does. Black or white
    reach at least 4.58:1 on any background, so this always succeeds for AA."""
    opaque = QColor(color.red(), color.green(), color.blue())
    if contrast_ratio(opaque, background) >= minimum:
        return opaque
    white, black = QColor(255, 255, 255), QColor(0, 0, 0)
    end = white if contrast_ratio(white, background) >= contrast_ratio(black, background) else black
    for step in range(1, 21):
        mixed = _mix(opaque, end, step / 20)
        if contrast_ratio(mixed, background) >= minimum:
            return mixed
    return end


def is_dark(palette: QPalette) -> bool:
    return relative_luminance(palette.color(QPalette.ColorRole.Window)) < DARK_LUMINANCE


# -- palettes ---------------------------------------------------------------------------------


def light_palette() -> QPalette:
    """Fusion's light palette, with a selection colour and placeholder text that pass AA."""
    style = QStyleFactory.create("Fusion")
    palette = QPalette(style.standardPalette())
    style.deleteLater()
    _set(
        palette,
        Highlight="#2a6db0",  # white selected text on it: 5.4:1 (Fusion's #308cc6: 3.7:1)
        HighlightedText="#ffffff",
        PlaceholderText="#5f5f5f",
        Link="#0b57d0",
        LinkVisited="#7b1fa2",
        Accent="#2a6db0",
    )
    return palette


def dark_palette() -> QPalette:
    palette = QPalette()
    _set(
        palette,
        Window="#2b2b2b",
        WindowText="#eeeeee",
        Base="#1f1f1f",
        AlternateBase="#292929",
        Text="#eeeeee",
        Button="#3a3a3a",
        ButtonText="#eeeeee",
        BrightText="#ffffff",
        Light="#4a4a4a",
        Midlight="#404040",
        Mid="#303030",
        Dark="#1a1a1a",
        Shadow="#0d0d0d",
        Highlight="#2f65b0",  # white selected text on it: 5.8:1
        HighlightedText="#ffffff",
        PlaceholderText="#a0a0a0",
        ToolTipBase="#3a3a3a",
        ToolTipText="#eeeeee",
        Link="#8ab4f8",
        LinkVisited="#c58af9",
        Accent="#6cb4ff",
    )
    for role in ("WindowText", "Text", "ButtonText"):
        palette.setColor(
            QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), QColor("#7f7f7f")
        )
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor("#303030"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor("#505050"))
    return palette


def _set(palette: QPalette, **colors: str) -> None:
    for role, value in colors.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(value))


def theme_choices() -> list[tuple[str, str]]:
    """(label, setting value) for a Theme picker, in the order to show them."""
    return [
        (QCoreApplication.translate("theme", "Same as the desktop"), "system"),
        (QCoreApplication.translate("theme", "Light"), "light"),
        (QCoreApplication.translate("theme", "Dark"), "dark"),
    ]


def apply(app: QApplication, name: str) -> None:
    """Use the desktop's style and palette ("system"), or Fusion with our light or dark
    palette. Widgets repaint on their own (Qt sends them a palette change)."""
    if app.property(_SYSTEM_STYLE) is None:  # the first call: remember what "system" was
        app.setProperty(_SYSTEM_STYLE, app.style().name())
        app.setProperty(_SYSTEM_PALETTE, QPalette(app.palette()))
        if name not in ("light", "dark"):
            return  # the desktop's already: nothing to redo at start-up
    if name == "light":
        app.setStyle("Fusion")
        app.setPalette(light_palette())
    elif name == "dark":
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    else:
        app.setStyle(str(app.property(_SYSTEM_STYLE)))
        saved = app.property(_SYSTEM_PALETTE)
        app.setPalette(saved if isinstance(saved, QPalette) else QPalette())


# -- colours by role --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Swatch:
    """A foreground on a background (``border``: the outline of a banner, if any)."""

    foreground: QColor
    background: QColor
    border: QColor | None = None

    @property
    def contrast(self) -> float:
        return contrast_ratio(self.foreground, self.background)


@dataclass(frozen=True, slots=True)
class Roles:
    """The colours that are not plain palette roles, for one palette."""

    banner_info: Swatch
    banner_warning: Swatch
    banner_error: Swatch
    talking: Swatch  # the talk button while it listens
    status_error: Swatch  # "Needs attention" in the status bar
    interim: Swatch  # provisional transcript text
    meter_level: Swatch  # the meter's bar at a good level, on its trough
    meter_loud: Swatch  # near clipping
    focus: Swatch  # the focus ring, on the window (non-text: 3:1)

    def text_swatches(self) -> dict[str, Swatch]:
        """Every swatch that carries text or stands for a state: held to 4.5:1."""
        return {
            "banner_info": self.banner_info,
            "banner_warning": self.banner_warning,
            "banner_error": self.banner_error,
            "talking": self.talking,
            "status_error": self.status_error,
            "interim": self.interim,
            "meter_level": self.meter_level,
            "meter_loud": self.meter_loud,
        }


def _swatch(
    foreground: str | QColor,
    background: str | QColor,
    border: str | None = None,
    minimum: float = TEXT_CONTRAST,
) -> Swatch:
    back = QColor(background)
    return Swatch(
        ensure_contrast(QColor(foreground), back, minimum),
        back,
        None if border is None else QColor(border),
    )


_ROLE_INPUTS: Final = (
    QPalette.ColorRole.Window,
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.Base,
    QPalette.ColorRole.Text,
    QPalette.ColorRole.AlternateBase,
    QPalette.ColorRole.Mid,
    QPalette.ColorRole.Highlight,
)


def roles(palette: QPalette | None = None) -> Roles:
    """The role colours for ``palette`` (the application's when None)."""
    p = QGuiApplication.palette() if palette is None else palette
    return _roles(tuple(p.color(role).rgba() for role in _ROLE_INPUTS))


@functools.lru_cache(maxsize=16)  # the meter asks 30 times a second
def _roles(rgba: tuple[int, ...]) -> Roles:
    window, window_text, base, text, alternate_base, mid, highlight = (
        QColor.fromRgba(value) for value in rgba
    )
    info = _swatch(window_text, alternate_base, mid.name())
    focus = _swatch(highlight, window)  # 3:1 would do (non-text); 4.5:1 stands out
    if relative_luminance(window) < DARK_LUMINANCE:
        return Roles(
            banner_info=info,
            banner_warning=_swatch("#ffe8a3", "#3b3000", "#b8962e"),
            banner_error=_swatch("#ffd7db", "#4a1118", "#c55a64"),
            talking=_swatch("#ffffff", "#8c1d18"),
            status_error=_swatch("#ff8a80", window),
            interim=_swatch(_mix(text, base, 0.35), base),
            meter_level=_swatch("#5fd37f", base),
            meter_loud=_swatch("#ffa94d", base),
            focus=focus,
        )
    return Roles(
        banner_info=info,
        banner_warning=_swatch("#3d2f00", "#fff4ce", "#c9a227"),
        banner_error=_swatch("#5c0a12", "#fde7e9", "#d46a74"),
        talking=_swatch("#ffffff", "#b3261e"),
        status_error=_swatch("#a4161a", window),
        interim=_swatch(_mix(text, base, 0.4), base),
        meter_level=_swatch("#1b7a3a", base),
        meter_loud=_swatch("#b04a00", base),
        focus=focus,
    )


# -- the focus ring ---------------------------------------------------------------------------


class FocusRing(QObject):
    """A 2 px ring in the palette's highlight colour (made to stand out 4.5:1 from the window)
    around whichever widget of ``window`` has the keyboard focus.

    Styles draw focus faintly (Fusion: a thin tint) or not at all, and a style sheet rule would
    swap the native look of every control for a box. The ring (:attr:`ring`) is a sibling of
    the focused widget, stacked just under it and transparent to the mouse, so it moves with
    its layout; when its parent goes (a banner dismissed), it goes too and a new one is made.
    """

    MARGIN: Final = 1  # between the widget and the ring
    WIDTH: Final = 2

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focus_ring")
        self._window = window
        self.target: QWidget | None = None
        self.ring: _Ring | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self.follow(new)

    def follow(self, widget: QWidget | None) -> None:
        if self.target is not None:
            self.target.removeEventFilter(self)
            self.target.destroyed.disconnect(self._on_target_destroyed)
            self.target = None
        # An editable combo box's line edit is its focus proxy: ring the combo box.
        while widget is not None:
            parent = widget.parentWidget()
            if parent is not None and (
                parent.focusProxy() is widget
                or (isinstance(parent, QComboBox) and parent.lineEdit() is widget)
            ):
                widget = parent
                continue
            break
        if (
            widget is None
            or widget is self._window
            or widget.window() is not self._window
            or widget.parentWidget() is None
        ):
            self._hide()
            return
        self.target = widget
        widget.installEventFilter(self)
        widget.destroyed.connect(self._on_target_destroyed)
        self._place()

    def _on_target_destroyed(self, _obj: QObject | None = None) -> None:
        self.target = None
        self._hide()

    def _on_ring_destroyed(self, _obj: QObject | None = None) -> None:
        self.ring = None

    def _hide(self) -> None:
        if self.ring is not None:
            self.ring.hide()

    def _place(self) -> None:
        widget = self.target
        if widget is None:
            return
        parent = widget.parentWidget()
        if parent is None or not widget.isVisible():
            self._hide()
            return
        ring = self.ring
        if ring is None:
            ring = self.ring = _Ring(parent)
            ring.destroyed.connect(self._on_ring_destroyed)
        elif ring.parentWidget() is not parent:
            ring.setParent(parent)
        m = self.MARGIN + self.WIDTH
        ring.setGeometry(widget.geometry().adjusted(-m, -m, m, m))
        # Just under the widget: its outer band shows, and a neighbour's text (a caption a
        # few pixels away) stays on top of it rather than being cut.
        ring.stackUnder(widget)
        ring.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.ParentChange,
        ):
            if event.type() is QEvent.Type.Hide:
                self._hide()
            else:
                self._place()
        return False


class _Ring(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("focus_ring_band")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def color(self) -> QColor:
        return roles(self.palette()).focus.foreground

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = FocusRing.WIDTH
        painter.setPen(QPen(self.color(), width))
        half = width / 2
        rect = QRect(self.rect()).toRectF().adjusted(half, half, -half, -half)
        painter.drawRoundedRect(rect, 3, 3)
        painter.end()
