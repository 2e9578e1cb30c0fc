"""The engine registry: keys resolved in order, and the settings dialog's key test, per engine."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from dragoman.core.errors import AuthError, NotEntitled
from dragoman.core.settings import Settings
from dragoman.engines import CAPABILITIES, EngineFactory
from dragoman.store.secrets import SessionOnlyStore
from tests.emulator.pinch import PinchEmulator
from tests.emulator.pulse import PulseEmulator


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5) as client:
        yield client


def test_capabilities_are_data() -> None:
    assert CAPABILITIES["pinch"].translates and CAPABILITIES["pinch"].speaks
    assert not CAPABILITIES["pulse"].translates and not CAPABILITIES["pulse"].speaks


async def test_key_resolution_order(
    http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets, session = SessionOnlyStore(), SessionOnlyStore()
    factory = EngineFactory(http=http, secrets=secrets, session_only=session)
    monkeypatch.delenv("PINCH_API_KEY", raising=False)
    with pytest.raises(AuthError, match="Settings → API keys"):
        factory.key_for("pinch")
    session.set("pinch", "from-session")
    assert factory.key_for("pinch") == "from-session"
    secrets.set("pinch", "from-keyring")
    assert factory.key_for("pinch") == "from-keyring"
    monkeypatch.setenv("PINCH_API_KEY", "from-env")
    assert factory.key_for("pinch") == "from-env"


@pytest.mark.parametrize(
    ("key", "outcome"),
    [
        ("pk_test_good", "Pinch allocated session ss_"),
        ("pk_wrong", AuthError),
        ("pk_test_forbidden", NotEntitled),
    ],
)
async def test_pinch_key_test(http: httpx.AsyncClient, key: str, outcome: object) -> None:
    async with PinchEmulator() as emu:
        factory = EngineFactory(
            http=http, secrets=SessionOnlyStore(), session_only=SessionOnlyStore()
        )
        settings = Settings(pinch_url=emu.base_url)
        if isinstance(outcome, str):
            assert outcome in await factory.test_key("pinch", key, settings)
        else:
            with pytest.raises(outcome):  # type: ignore[call-overload]
                await factory.test_key("pinch", key, settings)


@pytest.mark.parametrize(
    ("key", "outcome"), [("sk_test_good", "accepted it"), ("sk_wrong", AuthError)]
)
async def test_pulse_key_test(http: httpx.AsyncClient, key: str, outcome: object) -> None:
    async with PulseEmulator() as emu:
        factory = EngineFactory(
            http=http, secrets=SessionOnlyStore(), session_only=SessionOnlyStore()
        )
        settings = Settings(engine="pulse", pulse_url=emu.base_url)
        if isinstance(outcome, str):
            assert outcome in await factory.test_key("pulse", key, settings)
        else:
            with pytest.raises(outcome):  # type: ignore[call-overload]
                await factory.test_key("pulse", key, settings)
