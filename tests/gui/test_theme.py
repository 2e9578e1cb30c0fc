"""Themes: every banner level and state colour meets WCAG AA in the light and dark palettes;
the theme setting switches style and palette; banners, the talk button and the status follow."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.core.banners import Action, Banner, Level
from dragoman.core.events import Transcript
from dragoman.core.settings import THEMES, Settings, with_value
from dragoman.ui import theme
from dragoman.ui.banner import BannerWidget, banner_swatch
from dragoman.ui.icons import icon_file
from dragoman.ui.main_window import MainWindow
from tests.gui.windows import main_window

PALETTES = {"light": theme.light_palette, "dark": theme.dark_palette}
ROLE = QPalette.ColorRole


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


def test_the_wcag_formula() -> None:
    black, white = QColor("#000000"), QColor("#ffffff")
    assert theme.contrast_ratio(black, white) == pytest.approx(21.0)
    assert theme.contrast_ratio(white, white) == pytest.approx(1.0)
    # Known values: #777 on white is the classic 4.48:1 near-miss; #767676 passes at 4.54:1.
    assert theme.contrast_ratio(QColor("#777777"), white) == pytest.approx(4.48, abs=0.01)
    assert theme.contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.01)
    assert theme.relative_luminance(QColor("#ff0000")) == pytest.approx(0.2126)


@pytest.mark.parametrize("name", PALETTES)
def test_every_banner_level_and_state_colour_meets_aa(name: str) -> None:
    palette = PALETTES[name]()
    roles = theme.roles(palette)
    measured = {key: swatch.contrast for key, swatch in roles.text_swatches().items()}
    for level in Level:
        measured[f"banner {level.value}"] = banner_swatch(level, palette).contrast
    too_low = {key: round(ratio, 2) for key, ratio in measured.items() if ratio < 4.5}
    assert not too_low, f"{name}: below 4.5:1: {too_low}"
    assert roles.focus.contrast >= theme.MARK_CONTRAST
    assert set(measured) >= {"banner info", "banner warning", "banner error", "talking"}


@pytest.mark.parametrize("name", PALETTES)
def test_the_palettes_own_text_roles_meet_aa(name: str) -> None:
    palette = PALETTES[name]()
    pairs = (
        (ROLE.WindowText, ROLE.Window),
        (ROLE.Text, ROLE.Base),
        (ROLE.Text, ROLE.AlternateBase),
        (ROLE.ButtonText, ROLE.Button),
        (ROLE.HighlightedText, ROLE.Highlight),
        (ROLE.PlaceholderText, ROLE.Base),
        (ROLE.Link, ROLE.Base),
        (ROLE.ToolTipText, ROLE.ToolTipBase),
    )
    for fg, bg in pairs:
        ratio = theme.contrast_ratio(palette.color(fg), palette.color(bg))
        assert ratio >= 4.5, f"{name}: {fg.name} on {bg.name} is {ratio:.2f}:1"


@pytest.mark.parametrize(
    "background", ["#000000", "#ffffff", "#777777", "#808080", "#2b2b2b", "#3366cc", "#ffcc00"]
)
def test_any_system_palette_gets_readable_role_colours(background: str) -> None:
    """A desktop theme we have never seen: the role colours are nudged until they pass."""
    palette = QPalette(QColor(background))
    for key, swatch in theme.roles(palette).text_swatches().items():
        assert swatch.contrast >= 4.5, (background, key)
    for level in Level:
        assert banner_swatch(level, palette).contrast >= 4.5, (background, level)


def test_the_theme_setting_is_validated() -> None:
    assert Settings().theme == "system" and THEMES == theme.THEMES
    assert [value for _label, value in theme.theme_choices()] == list(THEMES)
    assert with_value(Settings(), "theme", "dark").theme == "dark"
    with pytest.raises(Exception, match="not a valid value for theme"):
        with_value(Settings(), "theme", "purple")


@pytest.mark.usefixtures("restore_theme")
def test_apply_switches_style_and_palette_and_back(qapp: QApplication) -> None:
    before_style = qapp.style().name()
    before = qapp.palette().color(ROLE.Window)
    theme.apply(qapp, "dark")
    assert qapp.style().name().lower() == "fusion"
    assert theme.is_dark(qapp.palette())
    theme.apply(qapp, "light")
    assert not theme.is_dark(qapp.palette())
    assert qapp.palette().color(ROLE.Highlight) == QColor("#2a6db0")
    theme.apply(qapp, "system")
    assert qapp.style().name() == before_style
    assert qapp.palette().color(ROLE.Window) == before


@pytest.mark.usefixtures("restore_theme")
def test_banners_status_and_talk_button_follow_the_theme(qapp: QApplication, qtbot: QtBot) -> None:
    window: MainWindow = main_window(qtbot)
    window.banners.show_banner(Banner("e", Level.ERROR, "Broken.", Action.RETRY, "Try again"))
    window.banners.show_banner(Banner("w", Level.WARNING, "Hm."))
    window.controller.state_changed.emit("error")
    window.ptt.set_talking(True)
    banners = window.banners.findChildren(BannerWidget)
    for name in ("dark", "light"):
        theme.apply(qapp, name)
        palette = PALETTES[name]()
        roles = theme.roles(palette)

        def repainted(palette: QPalette = palette, roles: theme.Roles = roles) -> bool:
            """Once the new palette has reached every widget."""
            return (
                all(
                    banner_swatch(w.banner.level, palette).background.name() in w.styleSheet()
                    for w in banners
                )
                and window.ptt.palette().color(ROLE.Button) == roles.talking.background
            )

        qtbot.waitUntil(repainted)
        for widget in banners:
            swatch = banner_swatch(widget.banner.level, palette)
            for part in (widget.label, widget.close_button):
                text = part.palette().color(ROLE.WindowText)
                assert text == swatch.foreground, (name, part.objectName())
                assert theme.contrast_ratio(text, swatch.background) >= 4.5
            glyph = widget.close_button.palette().color(ROLE.ButtonText)
            assert theme.contrast_ratio(glyph, swatch.background) >= 4.5
        status = window.state_label.palette().color(ROLE.WindowText)
        assert status == roles.status_error.foreground, name
        assert window.ptt.palette().color(ROLE.Button) == roles.talking.background, name
        assert window.ptt.palette().color(ROLE.ButtonText) == roles.talking.foreground, name
        assert not window.grab().isNull()
    window.ptt.set_talking(False)
    assert window.ptt.palette().color(ROLE.Button) == qapp.palette().color(ROLE.Button)


def test_interim_text_is_muted_but_readable(qtbot: QtBot) -> None:
    window = main_window(qtbot)
    c = window.controller
    c.segment_changed.emit(c.builder.add(Transcript("source", "hel", False, "a")))
    color = window.transcript_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    base = window.transcript.table.palette().color(ROLE.Base)
    assert isinstance(color, QColor)
    assert color != window.transcript.table.palette().color(ROLE.Text)
    assert theme.contrast_ratio(color, base) >= 4.5


@pytest.mark.usefixtures("restore_theme")
@pytest.mark.parametrize("name", PALETTES)
def test_the_focus_ring_is_drawn_round_the_focused_control(
    name: str, qapp: QApplication, qtbot: QtBot
) -> None:
    theme.apply(qapp, name)
    window = main_window(qtbot)
    focus = window.focus_ring
    window.ptt.setFocus()
    qtbot.waitUntil(
        lambda: focus.target is window.ptt and focus.ring is not None and focus.ring.isVisible()
    )
    ring = focus.ring
    assert ring is not None
    outer = ring.geometry()
    assert ring.parentWidget() is window.ptt.parentWidget()
    assert outer.contains(window.ptt.geometry()) and outer != window.ptt.geometry()
    window_colour = window.palette().color(ROLE.Window)
    assert theme.contrast_ratio(ring.color(), window_colour) >= theme.MARK_CONTRAST
    # The ring is painted: its pixels take the ring colour (where it is not the button).
    image = window.grab().toImage()
    top_left = ring.mapTo(window, ring.rect().topLeft())
    middle_of_top = top_left.x() + ring.width() // 2, top_left.y() + 1
    painted = QColor(image.pixel(*middle_of_top))
    assert theme.contrast_ratio(painted, window_colour) >= 2.0, painted.name()
    window.source.setFocus()  # an editable combo box: the ring is round the box, not its field
    qtbot.waitUntil(lambda: focus.target is window.source)
    assert ring.geometry().contains(window.source.geometry())


def test_the_focus_ring_outlives_a_dismissed_banner(qtbot: QtBot) -> None:
    window = main_window(qtbot)
    focus = window.focus_ring
    window.banners.show_banner(Banner("w", Level.WARNING, "Hm."))
    (banner,) = window.banners.widgets()
    banner.close_button.setFocus()
    qtbot.waitUntil(lambda: focus.ring is not None and focus.ring.parentWidget() is banner)
    banner.close_button.clearFocus()  # nothing focused: the ring stays (hidden) in the banner
    window.banners.clear("w")  # ... and goes with it
    qtbot.waitUntil(lambda: focus.ring is None)
    window.ptt.setFocus()
    qtbot.waitUntil(
        lambda: focus.target is window.ptt and focus.ring is not None and focus.ring.isVisible()
    )


@pytest.mark.parametrize("name", PALETTES)
def test_the_speech_icon_stands_out_in_both_palettes(name: str) -> None:
    palette = PALETTES[name]()
    svg = Path(icon_file("speech", palette)).read_text(encoding="utf-8")
    assert ("-dark" in icon_file("speech", palette)) == (name == "dark")
    colours = set(re.findall(r"#[0-9a-fA-F]{6}", svg))
    assert colours
    base = palette.color(ROLE.Base)
    for colour in colours:
        assert theme.contrast_ratio(QColor(colour), base) >= theme.MARK_CONTRAST, (name, colour)
