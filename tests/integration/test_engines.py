"""The engine registry: keys resolved in order, and the settings dialog's key test, per engine.

The key paths a session takes run against the real gnome-keyring test bed, in this process: the
keyring is read off the loop thread, once, again after a key is saved, and a locked or missing
keyring is reported as such (never as "no key yet").
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from dragoman.blocking import run_blocking
from dragoman.core.engine import EngineSettings
from dragoman.core.errors import AuthError, NotEntitled, SecretStoreUnavailable
from dragoman.core.events import Ready
from dragoman.core.settings import Settings
from dragoman.engines import CAPABILITIES, EngineFactory
from dragoman.store.secrets import KeyringStore, SessionOnlyStore
from tests.emulator.pinch import PinchEmulator
from tests.emulator.pulse import PulseEmulator
from tests.inprocess_keyring import (
    KEYRING_LEAKS_SOCKETS,
    KeyringCalls,
    keyring_in_this_process,
    lock_keyring,
    use_keyring_of,
)
from tests.testbed.keyring import isolated_env


@pytest.fixture
def keyring_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    with keyring_in_this_process(tmp_path, monkeypatch) as env:
        yield env


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


# -- keys from the real keyring, as a session opens them ---------------------------------------


@KEYRING_LEAKS_SOCKETS
async def test_a_session_opens_with_the_keyring_key_read_off_the_loop_thread(
    http: httpx.AsyncClient, keyring_here: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    KeyringStore().set("pinch", "pk_test_good")
    calls = KeyringCalls(monkeypatch)
    factory = EngineFactory(http=http, secrets=KeyringStore(), session_only=SessionOnlyStore())
    async with PinchEmulator() as emu:
        engine = await factory.engine_for(Settings(pinch_url=emu.base_url))
        session = engine.open_session(EngineSettings())
        session.start()
        try:
            async with asyncio.timeout(10):
                async for event in session.events():
                    if isinstance(event, Ready):
                        break
        finally:
            await session.close()
    assert [a.status for a in emu.allocations] == [200]  # the keyring's key, accepted
    assert calls.named("get") and calls.on_main_thread() == []


@KEYRING_LEAKS_SOCKETS
async def test_the_key_is_read_once_and_a_saved_key_is_used_by_the_next_session(
    http: httpx.AsyncClient, keyring_here: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KeyringStore()
    store.set("pinch", "pk_one")
    calls = KeyringCalls(monkeypatch)
    factory = EngineFactory(http=http, secrets=store, session_only=SessionOnlyStore())
    both = await asyncio.gather(factory.resolve_key("pinch"), factory.resolve_key("pinch"))
    assert both == ["pk_one", "pk_one"]
    assert await factory.resolve_key("pinch") == "pk_one"
    assert len(calls.named("get")) == 1  # one read for three session opens

    await run_blocking(KeyringStore().set, "pinch", "pk_two")  # as Settings saves it
    assert await factory.resolve_key("pinch") == "pk_two"
    assert await factory.resolve_key("pinch") == "pk_two"
    assert len(calls.named("get")) == 2

    await run_blocking(store.delete, "pinch")
    with pytest.raises(AuthError, match=r"No Pinch .* API key yet"):
        await factory.resolve_key("pinch")
    assert calls.on_main_thread() == []


@KEYRING_LEAKS_SOCKETS
async def test_a_locked_keyring_is_reported_as_locked_not_as_a_missing_key(
    http: httpx.AsyncClient, keyring_here: dict[str, str]
) -> None:
    KeyringStore().set("pinch", "pk_stored")
    lock_keyring(keyring_here)
    session_only = SessionOnlyStore()
    factory = EngineFactory(http=http, secrets=KeyringStore(), session_only=session_only)
    locked = r"keyring is locked or refused .*: unlock it .* or use a key for this session only"
    with pytest.raises(SecretStoreUnavailable, match=locked):
        factory.key_for("pinch")  # the synchronous path
    with pytest.raises(SecretStoreUnavailable, match=locked):
        await factory.engine_for(Settings())

    session_only.set("pinch", "pk_session")  # "Use a key for this session only"
    assert await factory.resolve_key("pinch") == "pk_session"
    assert factory.key_for("pinch") == "pk_session"


@KEYRING_LEAKS_SOCKETS
async def test_without_any_keyring_it_says_so_instead_of_no_key(
    http: httpx.AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_keyring_of(isolated_env(tmp_path), monkeypatch)  # no session bus: no Secret Service
    factory = EngineFactory(http=http, secrets=KeyringStore(), session_only=SessionOnlyStore())
    absent = "No secure keyring is available .* use the key for this session only"
    with pytest.raises(SecretStoreUnavailable, match=absent):
        factory.key_for("pinch")
    with pytest.raises(SecretStoreUnavailable, match=absent):
        await factory.resolve_key("pinch")
