"""Per-call profiles in the UI (issue 17): Settings ▸ Profiles, the tray's Profile menu and the
window's profile label.

The page edits the dialog's copy of the settings, as every page does (OK keeps it): "Save current
as" takes what the dialog's other pages show, "Use" loads a profile's values into them. The tray
menu and the profile hotkey go through :meth:`SessionController.use_profile`, which never cuts a
hold under way (the profile applies once it is over).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dragoman.controller import SessionController
from dragoman.core import profiles
from dragoman.core.chord import InvalidChord
from dragoman.core.errors import UsageError
from dragoman.core.profiles import Profile
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.ui.hotkey_recorder import HotkeyRecorder
from dragoman.ui.languages import display_name
from dragoman.ui.services import DeviceChoices


def summary(profile: Profile, outputs: Mapping[str, str] | None = None) -> str:
    """One line saying what a profile sets (the page and the tray's tooltips); ``outputs``
    names the output devices (stored value → label) where they are known."""
    names = outputs or {}
    languages = load_languages()
    translate = QCoreApplication.translate  # literal contexts below, for lupdate
    modes = {
        "hold": translate("Profiles", "hold to talk"),
        "toggle": translate("Profiles", "tap to talk"),
        "hybrid": translate("Profiles", "hybrid"),
    }
    monitor = (
        translate("Profiles", "system default")
        if profile.monitor_output == "default"
        else names.get(profile.monitor_output, profile.monitor_output)
    )
    parts = [
        f"{display_name(profile.source_language, languages)} → "
        f"{display_name(profile.target_language, languages)}",
        translate("Profiles", "female voice")
        if profile.voice == "female"
        else translate("Profiles", "male voice"),
        translate("Profiles", "speech")
        if profile.speech_output
        else translate("Profiles", "text only"),
        modes.get(profile.ptt_mode, profile.ptt_mode),
        _output(
            translate("Profiles", "call: %1 at %2 %"),
            names.get(profile.call_output, profile.call_output),
            profile.call_volume,
            translate("Profiles", "call off"),
        ),
        _output(
            translate("Profiles", "monitor: %1 at %2 %"),
            monitor,
            profile.monitor_volume,
            translate("Profiles", "monitor off"),
        ),
        translate("Profiles", "meeting mode on")
        if profile.meeting_mode
        else translate("Profiles", "meeting mode off"),
    ]
    return " · ".join(parts)


def _output(template: str, device: str, volume: float, off: str) -> str:
    if not device:
        return off
    return template.replace("%1", device).replace("%2", f"{volume * 100:.0f}")


def label_text(settings: Settings, pending: str | None) -> str:
    """What the window says about profiles ("" when there is nothing to say)."""
    if pending:
        return QCoreApplication.translate("Profiles", "Profile: %1 (from the next hold)").replace(
            "%1", pending
        )
    active = profiles.find(settings.profiles, settings.active_profile)
    if active is None:
        return ""
    if profiles.differs(settings, active):
        return QCoreApplication.translate("Profiles", "Profile: %1 (changed)").replace(
            "%1", active.name
        )
    return QCoreApplication.translate("Profiles", "Profile: %1").replace("%1", active.name)


class ProfileLabel(QLabel):
    """The active profile in the window's status bar; hidden when none is."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("profile")
        self.setAccessibleName(self.tr("Profile"))
        self.controller = controller
        controller.settings_changed.connect(self.on_controller_settings_changed)
        controller.profile_pending.connect(self.on_controller_profile_pending)
        self.refresh()

    def on_controller_settings_changed(self, _settings: object) -> None:
        self.refresh()

    def on_controller_profile_pending(self, _name: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        settings = self.controller.settings
        text = label_text(settings, self.controller.pending_profile)
        self.setText(text)
        active = profiles.find(settings.profiles, settings.active_profile)
        self.setToolTip(summary(active) if active is not None else "")
        self.setVisible(bool(text))


class ProfileMenu(QMenu):
    """The tray's "Profile" submenu: every profile, the active one checked; choosing one goes
    through the controller (at once between holds, after the hold during one)."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profile_menu")
        self.setTitle(self.tr("Profile"))
        self.controller = controller
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        controller.settings_changed.connect(self.on_controller_settings_changed)
        controller.profile_pending.connect(self.on_controller_profile_pending)
        self.refresh()

    def on_controller_settings_changed(self, _settings: object) -> None:
        self.refresh()

    def on_controller_profile_pending(self, _name: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        for action in self.actions():
            self.group.removeAction(action)
        self.clear()
        settings = self.controller.settings
        pending = self.controller.pending_profile
        if not settings.profiles:
            empty = self.addAction(self.tr("No profiles yet: save one in Settings ▸ Profiles"))
            empty.setEnabled(False)
            return
        for profile in settings.profiles:
            text = profile.name
            if profile.name == pending:
                text = self.tr("%1 (from the next hold)").replace("%1", profile.name)
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(profile.name == settings.active_profile)
            action.setToolTip(summary(profile))
            action.setData(profile.name)
            action.triggered.connect(lambda _c=False, n=profile.name: self.choose(n))
            self.group.addAction(action)
            self.addAction(action)

    def choose(self, name: str) -> None:
        try:
            self.controller.use_profile(name)
        except UsageError:  # deleted meanwhile: the list is redrawn without it
            self.refresh()


class ProfilesPage(QWidget):
    """Settings ▸ Profiles. ``current`` gives the dialog's settings as edited (what "Save
    current as" keeps); ``show`` loads settings into the dialog's pages (what "Use" does)."""

    def __init__(
        self,
        current: Callable[[], Settings],
        show: Callable[[Settings], None],
        parent: QWidget | None = None,
        outputs: Callable[[], DeviceChoices] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profiles_settings")
        self._current = current
        self._show = show
        self._outputs = outputs  # the output devices' names, for the profile's description
        self._profiles: tuple[Profile, ...] = ()
        self._active = ""
        self._used: Profile | None = None  # chosen with "Use" (OK applies it)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A profile keeps the language pair, the voice, speech or text, the push-to-talk "
                "mode, the outputs with their volumes and meeting mode, for one kind of call. "
                "Choose one here, from the tray's Profile menu or with its hotkey; chosen during "
                "a hold, it applies once the hold is over."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("profiles_list")
        layout.addWidget(self.list)
        self.details = QLabel(self)
        self.details.setObjectName("profile_details")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        row = QHBoxLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("profile_name")
        self.name.setPlaceholderText(self.tr("Profile name"))
        self.name.setMaxLength(profiles.MAX_NAME_CHARS)
        self.save_button = QPushButton(self.tr("Save current as"), self)
        self.save_button.setObjectName("profile_save")
        self.save_button.setToolTip(
            self.tr("Keep what the other pages show now as a profile of this name")
        )
        self.rename_button = QPushButton(self.tr("Rename"), self)
        self.rename_button.setObjectName("profile_rename")
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("profile_delete")
        self.use_button = QPushButton(self.tr("Use"), self)
        self.use_button.setObjectName("profile_use")
        self.use_button.setToolTip(
            self.tr("Load the profile's values into the other pages (OK keeps them)")
        )
        row.addWidget(self.name, 1)
        for button in (self.save_button, self.rename_button, self.delete_button, self.use_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("profile_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        form = QFormLayout()
        self.hotkey = HotkeyRecorder(self, allow_empty=True)
        self.hotkey.setObjectName("profile_hotkey")
        self.hotkey.field.setToolTip(
            self.tr(
                "Click, then press the keys that move on to the next profile. Backspace clears it."
            )
        )
        form.addRow(self.tr("Next profile hotkey"), self.hotkey)
        layout.addLayout(form)
        layout.addStretch(1)
        self.list.currentRowChanged.connect(self.on_list_current_row_changed)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.rename_button.clicked.connect(self.on_rename_clicked)
        self.delete_button.clicked.connect(self.on_delete_clicked)
        self.use_button.clicked.connect(self.on_use_clicked)
        self.name.textChanged.connect(lambda _text: self._enable())
        self._enable()

    # -- the dialog's side --------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        self._profiles, self._active = settings.profiles, settings.active_profile
        try:
            self.hotkey.set_chord(settings.profile_hotkey)
        except InvalidChord:  # a hand-edited value
            self.hotkey.note(
                self.tr("The saved hotkey '%1' cannot be used. Press a new one.").replace(
                    "%1", settings.profile_hotkey
                )
            )
        self._fill(self._active)

    def apply(self, settings: Settings) -> Settings:
        active = self._active if profiles.find(self._profiles, self._active) else ""
        used = self._used
        if used is not None:  # what no other page shows: the pair, the voice, speech or text
            settings = replace(
                settings.with_pair(used.source_language, used.target_language),
                voice=used.voice,
                speech_output=used.speech_output,
            )
        return replace(
            settings,
            profiles=self._profiles,
            active_profile=active,
            profile_hotkey=self.hotkey.chord(),
        )

    @property
    def selected(self) -> Profile | None:
        item = self.list.currentItem()
        return (
            None
            if item is None
            else profiles.find(self._profiles, str(item.data(Qt.ItemDataRole.UserRole)))
        )

    # -- buttons ------------------------------------------------------------------------------

    def on_save_clicked(self) -> None:
        self._change(lambda s: profiles.saved_as(s, self.name.text()), select=self.name.text())

    def on_rename_clicked(self) -> None:
        chosen = self.selected
        if chosen is not None:
            new = self.name.text()
            self._change(lambda s: profiles.renamed(s, chosen.name, new), select=new)

    def on_delete_clicked(self) -> None:
        chosen = self.selected
        if chosen is not None:
            self._change(lambda s: profiles.deleted(s, chosen.name), select=None)

    def on_use_clicked(self) -> None:
        chosen = self.selected
        if chosen is None:
            return
        self._used = chosen
        self._show(profiles.applied(self._current(), chosen))  # load() comes back through it
        self.status.setText(
            self.tr("The pages now show %1; OK keeps them.").replace("%1", chosen.name)
        )

    def on_list_current_row_changed(self, _row: int) -> None:
        chosen = self.selected
        labels = {value: label for label, value in self._outputs()} if self._outputs else {}
        self.details.setText(summary(chosen, labels) if chosen is not None else "")
        if chosen is not None:
            self.name.setText(chosen.name)
        self._enable()

    # -- internals ----------------------------------------------------------------------------

    def _change(self, change: Callable[[Settings], Settings], *, select: str | None) -> None:
        try:
            changed = change(self._current())
        except UsageError as error:
            self.status.setText(str(error))
            return
        self._profiles, self._active = changed.profiles, changed.active_profile
        self.status.setText("")
        chosen = profiles.find(self._profiles, select) if select else None
        self._fill(chosen.name if chosen is not None else "")

    def _fill(self, select: str) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for profile in self._profiles:
            text = profile.name
            if profile.name == self._active:
                text = self.tr("%1 (in use)").replace("%1", profile.name)
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            if profile.name == self._active:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
        self.list.blockSignals(False)
        names = [p.name for p in self._profiles]
        self.list.setCurrentRow(names.index(select) if select in names else -1)
        self.on_list_current_row_changed(self.list.currentRow())

    def _enable(self) -> None:
        chosen = self.selected is not None
        named = bool(self.name.text().strip())
        self.save_button.setEnabled(named)
        self.rename_button.setEnabled(chosen and named)
        self.delete_button.setEnabled(chosen)
        self.use_button.setEnabled(chosen)
