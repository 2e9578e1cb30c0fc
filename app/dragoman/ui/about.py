"""Help → About Dragoman: the versions ``dragoman --version`` prints, and where the log and the
settings are, so a bug report can say what runs and the user can find the files we ask for.

The dialog is a view: the composition root gathers the versions (reading PortAudio's loads
sounddevice, which the UI may not import) and the paths, and hands them over as an ``AboutInfo``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.ui.i18n import translated
from dragoman.ui.icons import app_icon

SUMMARY = QT_TRANSLATE_NOOP(
    "AboutDialog", "Push-to-talk speech translation: hold a hotkey, speak, hear the translation."
)


@dataclass(frozen=True, slots=True)
class AboutInfo:
    versions: Sequence[tuple[str, str]]  # (component, version); "Dragoman" first
    paths: Sequence[tuple[str, Path]]  # (what, file or folder), e.g. ("Log file", ...)

    @property
    def version(self) -> str:
        return dict(self.versions).get("Dragoman", "")

    def as_text(self) -> str:
        """Plain text for a bug report (the "Copy" button): one ``name: value`` line each."""
        rows = [*self.versions, *((name, str(path)) for name, path in self.paths)]
        return "\n".join(f"{name}: {value}" for name, value in rows)


class AboutDialog(QDialog):
    def __init__(self, info: AboutInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About Dragoman"))
        self.setWindowIcon(app_icon())

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"<b>Dragoman {info.version}</b><br>{translated(SUMMARY)}")
        title.setObjectName("about_title")
        title.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(title, 1)

        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for name, value in info.versions:
            if name != "Dragoman":
                form.addRow(f"{name}:", self._selectable(name, value))
        for name, path in info.paths:
            row = QHBoxLayout()
            row.addWidget(self._selectable(name, str(path), wrap=False), 1)
            open_button = QPushButton(self.tr("Open folder"))
            open_button.setObjectName(f"open_{name.lower().replace(' ', '_')}")
            open_button.setToolTip(
                self.tr("Show the folder of %1 in the file manager").replace("%1", str(path))
            )
            folder = path if path.is_dir() else path.parent
            open_button.clicked.connect(lambda _=False, f=folder: self.open_folder(f))
            row.addWidget(open_button)
            form.addRow(self.tr("%1:").replace("%1", translated(name)), row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("&Copy", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("copy_versions")
        copy.setToolTip(self.tr("Copy these lines, for a bug report"))
        copy.clicked.connect(self.copy_to_clipboard)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _selectable(self, name: str, text: str, *, wrap: bool = True) -> QLabel:
        """A value the user can select and copy; paths stay on one line (a wrapped path is
        easily copied wrong)."""
        label = QLabel(text)
        label.setObjectName(f"about_{name.lower().replace(' ', '_')}")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(wrap)
        self.value_labels[name] = label
        return label

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.info.as_text())

    def open_folder(self, folder: Path) -> bool:
        """The folder may not exist yet (no log written): open the nearest one that does."""
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
