"""The engines the app can use: capabilities for the UI, construction for the controller.

Composition-level (it imports the providers): the controller and the UI see only the Engine
interface and EngineCapabilities, never which engine is behind them.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Final

import httpx

from dragoman.core import pinch, pulse
from dragoman.core.engine import Engine, EngineCapabilities, EngineSettings
from dragoman.core.errors import AuthError, DragomanError, ServiceUnavailable
from dragoman.core.events import Failed, Ready, ServerError
from dragoman.core.settings import Settings
from dragoman.providers.pinch import PinchConfig, PinchEngine, allocate
from dragoman.providers.pulse import PulseConfig, PulseEngine
from dragoman.providers.settings import pinch_base_url, pulse_base_urls
from dragoman.store.secrets import ENV_VARS, SecretStore, resolve_key

CAPABILITIES: Final[dict[str, EngineCapabilities]] = {
    "pinch": pinch.CAPABILITIES,
    "pulse": pulse.CAPABILITIES,
}
DISPLAY_NAMES: Final = {name: caps.display_name for name, caps in CAPABILITIES.items()}
KEY_TEST_TIMEOUT_S: Final = 15.0


class EngineFactory:
    """Builds the engine the settings name, with its key (environment, keyring, session)."""

    def __init__(
        self, *, http: httpx.AsyncClient, secrets: SecretStore, session_only: SecretStore
    ) -> None:
        self.http = http
        self.secrets = secrets
        self.session_only = session_only

    def __repr__(self) -> str:
        return f"EngineFactory(secrets={self.secrets!r})"

    def key_for(self, engine: str) -> str:
        found = resolve_key(engine, self.secrets)
        key = found[0] if found else self.session_only.get(engine)
        if not key:
            raise AuthError(
                f"No {DISPLAY_NAMES[engine]} API key yet: add it in Settings → API keys "
                f"(or set {ENV_VARS[engine]})."
            )
        return key

    def __call__(self, settings: Settings) -> Engine:
        return self.build(settings.engine, self.key_for(settings.engine), settings)

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
                f"{DISPLAY_NAMES[engine]} did not answer within {KEY_TEST_TIMEOUT_S:g} s."
            ) from None
        finally:
            with contextlib.suppress(DragomanError):
                await session.close()
        raise ServiceUnavailable(f"{DISPLAY_NAMES[engine]} closed the session without answering.")
