"""Widgets, dialogs and the tray. They talk to the SessionController only by signals and slots."""
