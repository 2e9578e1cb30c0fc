"""The engines the app can use: capabilities for the UI, construction for the controller.

Composition-level (it imports the providers): the controller and the UI see only the Engine
interface and EngineCapabilities, never which engine is behind them.

Keys: on the Qt thread use the async path (:meth:`EngineFactory.engine_for`,
:meth:`EngineFactory.resolve_key`). It reads the keyring through ``run_blocking`` (an unlock
prompt can stay open for minutes) and keeps the key in memory until a key is saved or removed
through a store, so a key-down after the warm session closed does not wait for the keyring, and
a newly saved key is used by the very next session. A keyring that is locked or missing is
reported as :class:`SecretStoreUnavailable`, never as "no key yet".
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Final

import httpx

from dragoman.blocking import run_blocking
from dragoman.core import pinch, pulse
from dragoman.core.engine import Engine, EngineCapabilities, EngineSettings
from dragoman.core.errors import (
    AuthError,
    DragomanError,
    SecretStoreUnavailable,
    ServiceUnavailable,
)
from dragoman.core.events import Failed, Ready, ServerError
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.settings import Settings
from dragoman.providers.pinch import PinchConfig, PinchEngine, allocate
from dragoman.providers.pulse import PulseConfig, PulseEngine
from dragoman.providers.settings import pinch_base_url, pulse_base_urls
from dragoman.store.keys import ENV_VARS, SecretStore, key_from_environment

CAPABILITIES: Final[dict[str, EngineCapabilities]] = {
    "pinch": pinch.CAPABILITIES,
    "pulse": pulse.CAPABILITIES,
}
DISPLAY_NAMES: Final = {name: caps.display_name for name, caps in CAPABILITIES.items()}
KEY_TEST_TIMEOUT_S: Final = 15.0


class EngineFactory:
    """Builds the engine the settings name, with its key (environment, keyring, session).

    Key order: the environment variable, then the keyring, then a key given for this session
    only. A key read from the keyring is cached per engine, tagged with the store's
    ``generation``; any save or removal through a store changes it, and the next read goes to
    the keyring again. Only keys are cached: "no key" and "keyring locked" are asked again.
    """

    def __init__(
        self, *, http: httpx.AsyncClient, secrets: SecretStore, session_only: SecretStore
    ) -> None:
        self.http = http
        self.secrets = secrets
        self.session_only = session_only
        self._cache: dict[str, tuple[int, str]] = {}  # engine -> (store generation, key)
        # One keyring read at a time per engine (a locked keyring prompts once, not per caller).
        self._reads: dict[str, tuple[int, asyncio.Task[str | None]]] = {}

    def __repr__(self) -> str:
        return f"EngineFactory(secrets={self.secrets!r}, cached={sorted(self._cache)})"

    # -- on the loop ---------------------------------------------------------------------------

    async def resolve_key(self, engine: str) -> str:
        """The key a session of ``engine`` uses; the keyring is read off the loop thread.

        Raises AuthError when no source has a key, SecretStoreUnavailable when the keyring is
        locked, refuses or is missing and no session-only key stands in.
        """
        from_env = key_from_environment(engine)
        if from_env is not None:
            return from_env
        try:
            stored = await self._read(engine)
        except SecretStoreUnavailable as error:
            return self._session_key_or_raise(engine, error)
        return self._choose(engine, stored)

    async def engine_for(self, settings: Settings) -> Engine:
        """The engine ``settings`` name, with its key (see :meth:`resolve_key`)."""
        return self.build(settings.engine, await self.resolve_key(settings.engine), settings)

    def forget(self, engine: str | None = None) -> None:
        """Drop cached keys (a key changed outside this process, or the service refused it)."""
        if engine is None:
            self._cache.clear()
        else:
            self._cache.pop(engine, None)

    async def _read(self, engine: str) -> str | None:
        cached = self._cached(engine)
        if cached is not None:
            return cached
        generation = self.secrets.generation
        pending = self._reads.get(engine)
        if pending is None or pending[0] != generation:
            task = asyncio.ensure_future(run_blocking(self.secrets.get, engine))
            pending = (generation, task)
            self._reads[engine] = pending
            task.add_done_callback(lambda done: self._read_done(engine, done))
        stored = await asyncio.shield(pending[1])  # a cancelled caller leaves it to the others
        self._remember(engine, pending[0], stored)
        return stored

    def _read_done(self, engine: str, task: asyncio.Task[str | None]) -> None:
        if self._reads.get(engine, (0, None))[1] is task:
            del self._reads[engine]
        if not task.cancelled():
            task.exception()  # retrieved: every caller that still waits gets it raised

    # -- off the loop (the CLI) and the synchronous callers --------------------------------------

    def key_for(self, engine: str) -> str:
        """As :meth:`resolve_key`, but reading the keyring here: blocking, not for the Qt thread.

        A key cached by the async path is used without touching the keyring.
        """
        from_env = key_from_environment(engine)
        if from_env is not None:
            return from_env
        try:
            stored = self._cached(engine)
            if stored is None:
                generation = self.secrets.generation
                stored = self.secrets.get(engine)
                self._remember(engine, generation, stored)
        except SecretStoreUnavailable as error:
            return self._session_key_or_raise(engine, error)
        return self._choose(engine, stored)

    def __call__(self, settings: Settings) -> Engine:
        return self.build(settings.engine, self.key_for(settings.engine), settings)

    # -- key rules ------------------------------------------------------------------------------

    def _cached(self, engine: str) -> str | None:
        entry = self._cache.get(engine)
        if entry is not None and entry[0] == self.secrets.generation:
            return entry[1]
        return None

    def _remember(self, engine: str, generation: int, stored: str | None) -> None:
        if stored:
            self._cache[engine] = (generation, stored)  # stale at once if a write came between
        else:
            self._cache.pop(engine, None)

    def _choose(self, engine: str, stored: str | None) -> str:
        key = stored or self.session_only.get(engine)
        if not key:
            raise AuthError(
                QT_TRANSLATE_NOOP(
                    "errors", "No %1 API key yet: add it in Settings → API keys (or set %2)."
                ).arg(DISPLAY_NAMES[engine], ENV_VARS[engine])
            )
        return key

    def _session_key_or_raise(self, engine: str, error: SecretStoreUnavailable) -> str:
        """A locked or missing keyring: a key given for this session stands in, else say so."""
        key = self.session_only.get(engine)
        if key:
            return key
        raise error

    def build(self, engine: str, key: str, settings: Settings) -> Engine:
        if engine == "pulse":
            base, us_base = pulse_base_urls(settings.pulse_url or None)
            return PulseEngine(api_key=key, config=PulseConfig(base_url=base, us_base_url=us_base))
        config = PinchConfig(base_url=pinch_base_url(settings.pinch_url or None))
        return PinchEngine(api_key=key, config=config, http=self.http)

    async def test_key(self, engine: str, key: str, settings: Settings) -> str:
        """Prove a key works by starting a real session (and closing it at once)."""
        if engine == "pinch":
            config = PinchConfig(base_url=pinch_base_url(settings.pinch_url or None))
            params = pinch.SessionParams.from_settings(settings.engine_settings())
            allocation = await allocate(self.http, key, params, config)
            return f"The key works: Pinch allocated session {allocation.session_id}."
        session = self.build(engine, key, settings).open_session(EngineSettings())
        session.start()
        try:
            async with asyncio.timeout(KEY_TEST_TIMEOUT_S):
                async for event in session.events():
                    if isinstance(event, Ready):
                        return f"The key works: {DISPLAY_NAMES[engine]} accepted it."
                    if isinstance(event, Failed):
                        error = event.error
                        raise (
                            error if isinstance(error, DragomanError) else DragomanError(str(error))
                        )
                    if isinstance(event, ServerError):
                        raise DragomanError(event.sentence)
        except TimeoutError:
            raise ServiceUnavailable(
                QT_TRANSLATE_NOOP("errors", "%1 did not answer within %2 s.").arg(
                    DISPLAY_NAMES[engine], f"{KEY_TEST_TIMEOUT_S:g}"
                )
            ) from None
        finally:
            with contextlib.suppress(DragomanError):
                await session.close()
        raise ServiceUnavailable(
            QT_TRANSLATE_NOOP("errors", "%1 closed the session without answering.").arg(
                DISPLAY_NAMES[engine]
            )
        )
