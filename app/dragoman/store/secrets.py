"""API keys live only in the OS keyring: :class:`KeyringStore`.

There is deliberately no file fallback: when no keyring backend works, callers say so and may use
``SessionOnlyStore``, which forgets the key when the process ends.  Plain-text keyring backends
(keyrings.alt and friends) are refused even when installed, because they would silently write the
key to disk.

Every call here may block: a locked keyring opens an unlock prompt and waits for the person. The
interface and the keyring-free parts live in :mod:`dragoman.store.keys` (re-exported here for
the CLI); the UI and the controller may import only that module, never this one.
"""

from __future__ import annotations

import threading
from typing import Final

from dragoman.core.errors import SecretStoreUnavailable
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.store.keys import (
    ENGINES,
    ENV_VARS,
    SecretStore,
    SessionOnlyStore,
    clean_key,
    key_from_environment,
    resolve_key,
)

__all__ = [
    "ENGINES",
    "ENV_VARS",
    "SERVICE",
    "KeyringStore",
    "SecretStore",
    "SessionOnlyStore",
    "clean_key",
    "key_from_environment",
    "resolve_key",
]

SERVICE: Final = "dragoman"
_INSECURE_BACKENDS: Final = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")

# Writes through any KeyringStore of this process: one keyring, so one generation for all.
_writes = 0
_writes_lock = threading.Lock()


def _wrote() -> None:
    global _writes
    with _writes_lock:
        _writes += 1


class KeyringStore:
    """The OS keyring (Secret Service, macOS Keychain, Windows Credential Locker)."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service

    def __repr__(self) -> str:
        return f"KeyringStore(service={self._service!r}, generation={self.generation})"

    @property
    def generation(self) -> int:
        """Changes after each set/delete by any KeyringStore here: older reads are stale."""
        return _writes

    def _backend(self) -> object:
        import keyring  # imported on use: it probes D-Bus at import time

        backend = keyring.get_keyring()
        module = type(backend).__module__
        if module.startswith(_INSECURE_BACKENDS) or _is_chainer_without_secure(backend):
            raise SecretStoreUnavailable(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "No secure keyring is available on this system (no Secret Service / KWallet "
                    "running): start your desktop's keyring, or use the key for this session "
                    "only.",
                )
            )
        return backend

    def describe(self) -> str:
        try:
            backend = self._backend()
        except SecretStoreUnavailable:
            return "no secure keyring"
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def get(self, engine: str) -> str | None:
        backend = self._backend()
        try:
            value = backend.get_password(self._service, engine)  # type: ignore[attr-defined]  # backend typed as object to keep keyring imports local
        except Exception as exc:
            raise _unavailable(exc) from exc
        return value if isinstance(value, str) and value else None

    def set(self, engine: str, key: str) -> None:
        backend = self._backend()
        try:
            backend.set_password(self._service, engine, key)  # type: ignore[attr-defined]  # as above
        except Exception as exc:
            raise _unavailable(exc) from exc
        finally:
            _wrote()  # after the write: a read that started before it is stale

    def delete(self, engine: str) -> bool:
        import keyring.errors  # imported on use, as in _backend

        backend = self._backend()
        try:
            backend.delete_password(self._service, engine)  # type: ignore[attr-defined]  # as above
        except keyring.errors.PasswordDeleteError:
            return False
        except Exception as exc:
            raise _unavailable(exc) from exc
        finally:
            _wrote()
        return True


def _is_chainer_without_secure(backend: object) -> bool:
    backends = getattr(backend, "backends", None)
    if backends is None:
        return False
    secure = [b for b in backends if not type(b).__module__.startswith(_INSECURE_BACKENDS)]
    return not secure


def _unavailable(exc: Exception) -> SecretStoreUnavailable:
    """A keyring that exists but would not answer: locked (prompt dismissed) or refusing."""
    detail = str(exc).strip() or type(exc).__name__
    return SecretStoreUnavailable(
        f"The OS keyring is locked or refused the request ({detail}): unlock it (your "
        "desktop's Passwords and Keys app, or log in again) and try again, or use a key for "
        "this session only."
    )
