"""The caption overlay: a click-through strip over any application with the live captions.

It shows the current (or last) segment's original and translation, final text in full colour and
what is still provisional greyed, the newest lines only. It is frameless, translucent, always on
top and transparent to the mouse, and it never takes the focus, so the call window under it keeps
working. Because it ignores the mouse, it has a "move/resize" mode (from the tray) in which it
takes the mouse: drag it to move it, drag a side to change its width, Enter or "Done" keeps the
place (saved as ``overlay_position``), Escape goes back to where it was.

Its font size and background opacity are settings (``overlay_font_pt``, ``overlay_opacity``);
the text stays opaque and has a dark halo, so it reads over a light window even at 20 %. It is
kept within the available geometry of a screen, whatever was saved.

It talks only to the controller: ``segment_changed`` and ``transcript_reset`` in, and
``apply_settings`` to save its place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from dragoman.controller import SessionController
from dragoman.core.settings import Settings, parse_position
from dragoman.core.transcript import Segment
from dragoman.ui.meeting import state_text, state_tip

CAPTION_FLAGS: Final = (
    Qt.WindowType.Tool
    | Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.WindowDoesNotAcceptFocus
)
CLICK_THROUGH: Final = Qt.WindowType.WindowTransparentForInput
ORIGINAL_SCALE: Final = 0.75  # the original's font, relative to the translation's
LINES: Final = 2  # newest lines shown of each side
PADDING: Final = 10
EDGE: Final = 10  # px of each side that resizes in move mode
MIN_WIDTH: Final = 240
TEXT: Final = QColor("#ffffff")
INTERIM: Final = QColor("#c8c8c8")  # provisional text: grey, still 10:1 on the dark background
HALO: Final = QColor(0, 0, 0, 220)


class CaptionText(QWidget):
    """Final text followed by provisional text in another colour, wrapped, showing only the
    newest ``lines`` lines (a live caption is read at its end). Optionally with a halo."""

    def __init__(
        self,
        lines: int = LINES,
        *,
        halo: bool = False,
        bottom: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lines = lines
        self.halo = halo
        self.bottom = bottom  # fewer lines than room: at the bottom (next to what follows)
        self.final = ""
        self.interim = ""
        self.placeholder = ""  # shown greyed while there is no text
        self.color = QColor(TEXT)
        self.interim_color = QColor(INTERIM)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    @property
    def text(self) -> str:
        return " ".join(part for part in (self.final, self.interim) if part)

    def set_text(self, final: str, interim: str) -> None:
        if (final, interim) != (self.final, self.interim):
            self.final, self.interim = final, interim
            self.setAccessibleDescription(self.text)
            self.setToolTip(self.text)
            self.update()

    def set_colors(self, color: QColor, interim: QColor) -> None:
        self.color, self.interim_color = QColor(color), QColor(interim)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        return QSize(40, line * self.lines + (2 if self.halo else 0))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() is QEvent.Type.FontChange:
            self.updateGeometry()

    def visible_lines(self) -> list[str]:
        """The lines on screen now, oldest first (for tests and the accessible text)."""
        layout = self._layout(self.width())
        texts = [
            self.text[layout.lineAt(i).textStart() :][: layout.lineAt(i).textLength()]
            for i in range(layout.lineCount())
        ]
        return [t.strip() for t in texts[-self.lines :]]

    def _layout(self, width: int, color: QColor | None = None) -> QTextLayout:
        text = self.text
        layout = QTextLayout(text, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        ranges = []
        start = 0
        for part, part_color in (
            (self.final, self.color),
            (self.interim, self.interim_color),
        ):
            if not part:
                continue
            piece = QTextLayout.FormatRange()
            piece.start, piece.length = start, len(part)
            fmt = QTextCharFormat()
            fmt.setForeground(color if color is not None else part_color)
            if part is self.interim and part:
                fmt.setFontItalic(True)
            piece.format = fmt
            ranges.append(piece)
            start += len(part) + 1
        layout.setFormats(ranges)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1, width - (2 if self.halo else 0)))
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.text:
            if self.placeholder:
                painter = QPainter(self)
                painter.setPen(self.interim_color)
                painter.drawText(
                    self.rect(),
                    Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                    self.placeholder,
                )
                painter.end()
            return
        layout = self._layout(self.width())
        count = layout.lineCount()
        first = max(0, count - self.lines)
        shift = layout.lineAt(first).y() if count else 0.0
        if self.bottom and count < self.lines:
            shift -= (self.lines - count) * self.fontMetrics().lineSpacing()
        origin = QPointF(1 if self.halo else 0, -shift + (1 if self.halo else 0))
        painter = QPainter(self)
        painter.setClipRect(self.rect())
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if self.halo:
            shadow = self._layout(self.width(), HALO)
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (1, 1), (-1, -1), (1, -1), (-1, 1)):
                shadow.draw(painter, origin + QPointF(dx, dy))
        layout.draw(painter, origin)
        painter.end()


def _sides(segment: Segment | None) -> tuple[tuple[str, str], tuple[str, str]]:
    """((original final, original interim), (translation final, translation interim))."""
    if segment is None:
        return ("", ""), ("", "")
    return (
        (segment.original, segment.original_interim),
        (segment.translated, segment.translated_interim),
    )


def clamp_strip(x: int, y: int, width: int, height: int, available: QRect) -> QRect:
    """The strip moved (and narrowed if need be) to lie wholly within ``available``."""
    width = max(min(MIN_WIDTH, available.width()), min(width, available.width()))
    height = min(height, available.height())
    x = max(available.left(), min(x, available.left() + available.width() - width))
    y = max(available.top(), min(y, available.top() + available.height() - height))
    return QRect(x, y, width, height)


class CaptionOverlay(QWidget):
    """See the module docstring. ``move_mode_changed(bool)``: the move/resize mode began or
    ended (the tray's entry follows it)."""

    move_mode_changed = Signal(bool)

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent, CAPTION_FLAGS | CLICK_THROUGH)
        self.setObjectName("caption_overlay")
        self.setWindowTitle(self.tr("Dragoman captions"))
        self.setAccessibleName(self.tr("Live captions"))
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.controller = controller
        self._settings = controller.settings
        self._segment: Segment | None = None
        self._moving = False
        self._before_move: QRect | None = None
        self._drag: tuple[str, QPoint, QRect] | None = None  # (edge, press point, geometry)
        self._placed = False

        self.original = CaptionText(LINES, halo=True, bottom=True, parent=self)
        self.original.setObjectName("caption_original")
        self.translation = CaptionText(LINES, halo=True, bottom=True, parent=self)
        self.translation.setObjectName("caption_translation")
        self.done = QPushButton(self.tr("Done (Enter)"), self)
        self.done.setObjectName("caption_done")
        self.done.setToolTip(self.tr("Keep the captions here (Enter); Escape puts them back"))
        self.done.clicked.connect(self.finish_move)
        self.done.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(PADDING, PADDING // 2, PADDING, PADDING // 2)
        layout.setSpacing(2)
        layout.addWidget(self.original)
        layout.addWidget(self.translation)

        self._meeting = controller.meeting.value  # meeting mode's state, as a corner badge
        self.apply_settings(controller.settings)
        controller.segment_changed.connect(self.on_controller_segment_changed)
        controller.transcript_reset.connect(self.on_controller_transcript_reset)
        controller.settings_changed.connect(self.apply_settings)
        controller.meeting_state_changed.connect(self.on_controller_meeting_state_changed)

    # -- what it shows --------------------------------------------------------------------------

    @property
    def moving(self) -> bool:
        return self._moving

    @property
    def background_alpha(self) -> int:
        return round(255 * self._settings.overlay_opacity / 100)

    def on_controller_segment_changed(self, segment: Segment) -> None:
        shown = self._segment
        if shown is None or segment.seq >= shown.seq or segment.key == shown.key:
            self._show(segment)

    def on_controller_transcript_reset(self, segments: list[Segment]) -> None:
        self._show(segments[-1] if segments else None)

    def on_controller_meeting_state_changed(self, value: str) -> None:
        self._meeting = value
        self.setAccessibleDescription(state_tip(value))
        self.update()

    @property
    def meeting_text(self) -> str:
        """The badge in the strip's corner: passing through / translating / muted, or ""."""
        return state_text(self._meeting)

    def _paint_badge(self, painter: QPainter) -> None:
        """Meeting mode's state as a small pill at the top right: green while the call hears
        the microphone, blue while it hears the translation, red while it hears nothing."""
        text = self.meeting_text
        if not text:
            return
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, self._settings.overlay_font_pt * 0.45))
        font.setBold(True)
        metrics = QFontMetrics(font)
        pad = max(3, metrics.height() // 4)
        width, height = metrics.horizontalAdvance(text) + 2 * pad, metrics.height() + pad
        rect = QRect(self.width() - width - 4, 4, width, height)
        colors = {"muted": QColor(190, 30, 30), "translating": QColor(30, 80, 190)}
        fill = colors.get(self._meeting, QColor(25, 120, 60))
        fill.setAlpha(230)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect.toRectF(), height / 2, height / 2)
        painter.setPen(QColor(255, 255, 255))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _show(self, segment: Segment | None) -> None:
        self._segment = segment
        original, translation = _sides(segment)
        self.original.set_text(*original)
        self.translation.set_text(*translation)

    def apply_settings(self, settings: Settings) -> None:
        """Font size, opacity and place from ``settings`` (a place only when it changed, and
        never in the middle of a move)."""
        old = self._settings
        self._settings = settings
        font = QFont(self.font())
        font.setPointSizeF(settings.overlay_font_pt)
        font.setBold(True)
        self.translation.setFont(font)
        small = QFont(font)
        small.setBold(False)
        small.setPointSizeF(max(8.0, settings.overlay_font_pt * ORIGINAL_SCALE))
        self.original.setFont(small)
        self.layout().activate()  # type: ignore[union-attr]  # set in __init__
        self.setFixedHeight(self.sizeHint().height())
        if not self._placed or settings.overlay_position != old.overlay_position:
            if not self._moving:
                self.restore_position()
        elif settings.overlay_font_pt != old.overlay_font_pt:
            self.clamp_to_screen()
        self.update()

    # -- where it is ----------------------------------------------------------------------------

    def _available(self, rect: QRect | None = None) -> QRect:
        center = (rect or self.geometry()).center()
        screen = QGuiApplication.screenAt(center) or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def default_rect(self) -> QRect:
        """Centred, near the bottom of the primary screen, 60 % of its width."""
        available = QGuiApplication.primaryScreen().availableGeometry()
        width = max(MIN_WIDTH, round(available.width() * 0.6))
        height = self.height()
        x = available.left() + (available.width() - width) // 2
        y = available.top() + available.height() - height - round(available.height() * 0.08)
        return QRect(x, y, width, height)

    def restore_position(self) -> None:
        """Where the settings say (clamped to a screen), or the default place."""
        saved = parse_position(self._settings.overlay_position)
        if saved is None:
            rect = self.default_rect()
        else:
            x, y, width = saved
            rect = QRect(x, y, width, self.height())
        self.setGeometry(
            clamp_strip(rect.x(), rect.y(), rect.width(), rect.height(), self._available(rect))
        )
        self._placed = True

    def clamp_to_screen(self) -> None:
        rect = self.geometry()
        fitted = clamp_strip(rect.x(), rect.y(), rect.width(), rect.height(), self._available())
        if fitted != rect:
            self.setGeometry(fitted)

    def position_text(self) -> str:
        rect = self.geometry()
        return f"{rect.x()},{rect.y()},{rect.width()}"

    # -- move/resize mode -------------------------------------------------------------------------

    def start_move(self) -> None:
        """Take the mouse (and the keyboard, for Enter and Escape) until Done."""
        if self._moving:
            return
        self._moving = True
        self._before_move = self.geometry()
        self._set_click_through(False)
        self._place_done()
        self.translation.set_placeholder(
            self.tr("Captions appear here. Drag to move, drag a side to change the width.")
        )
        self.done.show()
        self.done.raise_()
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.update()
        self.move_mode_changed.emit(True)

    def finish_move(self) -> None:
        """Keep the place: saved as ``overlay_position``."""
        if not self._moving:
            return
        self._end_move()
        position = self.position_text()
        if position != self._settings.overlay_position:
            self.controller.apply_settings(replace(self._settings, overlay_position=position))

    def cancel_move(self) -> None:
        if not self._moving:
            return
        before = self._before_move
        self._end_move()
        if before is not None:
            self.setGeometry(before)

    def _end_move(self) -> None:
        self._moving = False
        self._drag = None
        self.done.hide()
        self.translation.set_placeholder("")
        self.unsetCursor()
        self.clamp_to_screen()
        self._set_click_through(True)
        self.update()
        self.move_mode_changed.emit(False)

    def _set_click_through(self, on: bool) -> None:
        visible = self.isVisible()
        geometry = self.geometry()
        flags = CAPTION_FLAGS | CLICK_THROUGH if on else CAPTION_FLAGS
        if not on:
            flags &= ~Qt.WindowType.WindowDoesNotAcceptFocus
        self.setWindowFlags(flags)  # hides the window: show it again
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus if on else Qt.FocusPolicy.StrongFocus)
        self.setGeometry(geometry)
        if visible:
            self.show()

    def _edge_at(self, point: QPoint) -> str:
        if point.x() < EDGE:
            return "left"
        if point.x() >= self.width() - EDGE:
            return "right"
        return "move"

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._moving and event.button() is Qt.MouseButton.LeftButton:
            point = event.position().toPoint()
            self._drag = (self._edge_at(point), event.globalPosition().toPoint(), self.geometry())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._moving:
            super().mouseMoveEvent(event)
            return
        if self._drag is None:
            edge = self._edge_at(event.position().toPoint())
            self.setCursor(
                Qt.CursorShape.SizeHorCursor if edge != "move" else Qt.CursorShape.SizeAllCursor
            )
            return
        edge, start, rect = self._drag
        delta = event.globalPosition().toPoint() - start
        if edge == "move":
            moved = rect.translated(delta)
        elif edge == "left":
            width = max(MIN_WIDTH, rect.width() - delta.x())
            moved = QRect(rect.right() + 1 - width, rect.y(), width, rect.height())
        else:
            moved = QRect(
                rect.x(), rect.y(), max(MIN_WIDTH, rect.width() + delta.x()), rect.height()
            )
        self.setGeometry(
            clamp_strip(moved.x(), moved.y(), moved.width(), moved.height(), self._available(moved))
        )
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._moving:
            self._drag = None
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._moving:
            self.finish_move()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._moving and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish_move()
        elif self._moving and event.key() == Qt.Key.Key_Escape:
            self.cancel_move()
        else:
            super().keyPressEvent(event)

    # -- painting ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:
            self.restore_position()
        self.clamp_to_screen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_done()
        self.update()

    def _place_done(self) -> None:
        """Over the strip's right end (not in its layout: the strip keeps its height)."""
        hint = self.done.sizeHint()
        self.done.setGeometry(
            self.width() - hint.width() - EDGE - 4,
            (self.height() - hint.height()) // 2,
            hint.width(),
            hint.height(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.fillRect(self.rect(), Qt.GlobalColor.transparent)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        if not (self._moving or self.original.text or self.translation.text):
            if self._meeting == "muted":
                self._paint_badge(painter)  # the call hears nothing: worth saying, even alone
            painter.end()  # nothing to say: nothing over the call either
            return
        background = QColor(16, 16, 16, self.background_alpha)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(self.rect().toRectF(), 8, 8)
        if self._moving:  # a dashed outline in the highlight colour, and the edges to drag
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.rect().toRectF().adjusted(1, 1, -1, -1), 8, 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
            for x in (2, self.width() - 6):
                painter.drawRoundedRect(x, self.height() // 2 - 14, 4, 28, 2, 2)
        self._paint_badge(painter)
        painter.end()
