"""What the Settings dialog and the setup wizard get from the composition root.

Everything that touches the system (keyring, device lists, a key test that allocates a session,
the virtual microphone, autostart) comes in here, so the dialogs stay views.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from dragoman.core.route import RouteResult
from dragoman.store.autostart import Autostart
from dragoman.store.keys import SecretStore

DeviceChoices = list[tuple[str, str]]  # (label, stored value); value "" = default / off


@dataclass
class SettingsServices:
    secrets: SecretStore
    session_only: SecretStore
    engines: dict[str, str]  # engine name -> display name
    list_inputs: Callable[[], DeviceChoices]
    list_outputs: Callable[[], DeviceChoices]
    test_key: Callable[[str, str], Awaitable[str]]  # (engine, key) -> sentence; raises ours
    autostart: Autostart
    # Told after a key was saved or removed (engine name): the next hold must use the new key.
    on_key_changed: Callable[[str], None] | None = None
    # Returns a sentence; raises ours. Awaited: it runs pactl, never on the Qt thread.
    create_virtual_mic: Callable[[], Awaitable[str]] | None = None
    # "Test the route": the call output value shown (saved or not) -> the result, never raising
    # for a broken route (RouteResult.sentence says what is wrong). Awaited: ~2 s of audio I/O
    # on the blocking pool (dragoman.audio.route_test.check_route_async).
    test_route: Callable[[str], Awaitable[RouteResult]] | None = None
