"""Push-to-talk input: global hotkey back ends, the Qt-side push-to-talk owner, the command channel.

Every back end reports through one funnel, :class:`~dragoman.hotkeys.events.HotkeyEvents`, whose
signals always arrive on the Qt thread whatever thread the back end listens on. pynput is imported
lazily (it raises ImportError at import time when there is no display), jeepney too.
"""
