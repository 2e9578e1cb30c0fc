"""``dragoman profile …`` answered by the running app (the command channel's ``profile`` query).

``list`` answers JSON (the profiles, the active and the pending one); the others answer a short
sentence. Choosing goes through :meth:`SessionController.use_profile`, so a hold under way is
never cut (the reply then says "from the next hold"); saving and deleting change the settings
through the model, like the Settings dialog.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from dragoman.controller import SessionController
from dragoman.core import profiles
from dragoman.core.errors import UsageError


def answer_profile_command(controller: SessionController, argument: str) -> str:
    """``argument``: ``list``, ``next``, or ``use|save|delete NAME`` (see hotkeys.channel)."""
    what, _, name = argument.partition(" ")
    settings = controller.settings
    if what == "list":
        return json.dumps(
            {
                "profiles": [asdict(p) for p in settings.profiles],
                "active": controller.active_profile,
                "pending": controller.pending_profile,
            },
            ensure_ascii=False,
        )
    if what == "next":
        chosen = controller.next_profile()
        if chosen is None:
            raise UsageError("There are no profiles yet: `dragoman profile save NAME` makes one.")
        return _chosen(controller, chosen)
    if what == "use":
        controller.use_profile(name)
        found = profiles.find(controller.settings.profiles, name)
        return _chosen(controller, found.name if found is not None else name)
    if what == "save":
        controller.apply_settings(profiles.saved_as(settings, name))
        return f"saved {controller.settings.active_profile}"
    if what == "delete":
        controller.apply_settings(profiles.deleted(settings, name))
        return f"deleted {name}"
    raise UsageError("profile takes list, next, or use / save / delete with a profile's name.")


def _chosen(controller: SessionController, name: str) -> str:
    if controller.pending_profile == name:
        return f"{name} (from the next hold: a hold is under way)"
    return name
