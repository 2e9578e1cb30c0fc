"""The README's screenshots can be made again (python -m tests.screenshots), and are referenced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from dragoman.resources import privacy_notes
from tests.screenshots import CALL, REACH, WIZARD_PAGES, capture

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


@pytest.mark.qt_log_ignore("This plugin does not support")  # raise() of stay-on-top windows
def test_every_screenshot_renders(qapp: QApplication, tmp_path: Path) -> None:
    written = capture(tmp_path)
    names = [path.name for path in written]
    expected = [f"wizard-{n}-{page}.png" for n, page in enumerate(WIZARD_PAGES, 1)]
    assert names == [*expected, *REACH, *CALL]
    for path in written:
        image = QImage(str(path))
        smallest = 300 if path.name in ("compact-window.png", "tray-profile-menu.png") else 480
        assert not image.isNull() and image.width() >= smallest, path
    scaled = QImage(str(tmp_path / "main-window-scale-2.png"))
    assert scaled.width() > 960 and scaled.height() <= 1080  # device pixels, on the screen


def test_the_readme_shows_the_committed_screenshots() -> None:
    text = README.read_text(encoding="utf-8")
    shown = re.findall(r"\]\((resources/screenshots/[^)]+\.png)\)", text)
    expected = [f"wizard-{n}-{page}.png" for n, page in enumerate(WIZARD_PAGES, 1)]
    for name in [*expected, *REACH, *CALL]:
        assert f"resources/screenshots/{name}" in shown, name
    for path in shown:
        assert (ROOT / path).is_file(), path


def test_the_readme_privacy_section_is_what_the_app_shows() -> None:
    """The setup assistant's "privacy notes" link shows resources/privacy.md: the README's
    Privacy section must say the same."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Privacy\n\n(.*?)(?=\n## |\Z)", text, re.S | re.M)
    assert match is not None, "README.md has no '## Privacy' section"
    assert match.group(1).strip() == privacy_notes().strip()
