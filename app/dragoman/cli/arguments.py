"""Checks shared by the commands: language codes against the table, and where a missing key goes.

A code the language table does not know is a usage error (exit 2) with the nearest matches,
before anything is read or sent; a known language that an engine cannot speak or transcribe is
that engine's to refuse, in its own words.
"""

from __future__ import annotations

from typing import Final

from dragoman.core.errors import AuthError, SecretStoreUnavailable, UsageError
from dragoman.core.languages import AUTO, Language, find, nearest
from dragoman.store.keys import ENV_VARS, SecretStore

ENGINE_NAMES: Final = {"pinch": "Pinch", "pulse": "Smallest AI"}


def check_language(code: str, option: str, *, auto: bool = False) -> str:
    """``code`` unchanged when the table knows it (or it is ``auto`` where ``auto`` is allowed);
    otherwise UsageError: "unknown language 'xx'", the nearest matches, where the list is."""
    from dragoman.resources import load_languages

    if code.strip().lower() == AUTO:
        if auto:
            return code
        raise UsageError(f"{option} cannot be 'auto': name the language to translate into.")
    table = load_languages()
    found = find(code, table)
    if found is not None and not found.source_only:
        return code
    guesses = nearest(code, table)
    also = ", or 'auto'" if auto else ""
    hint = (
        f"did you mean {_listed(guesses)}?"
        if guesses
        else f"give a code such as 'de' or 'pt-BR'{also}."
    )
    raise UsageError(
        f"Unknown language '{code}' for {option}: {hint} `dragoman languages` lists every code."
    )


def _listed(languages: list[Language]) -> str:
    names = [f"{lang.code} ({lang.english})" for lang in languages]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def missing_key(engine: str) -> AuthError:
    """No key anywhere: where one can come from, naming ``auth set`` only when it would work."""
    from dragoman.store.secrets import KeyringStore

    name = ENGINE_NAMES.get(engine, engine)
    if keyring_usable(KeyringStore(), engine):
        flag = "" if engine == "pinch" else f" --engine {engine}"
        return AuthError(
            f"No {name} API key: run `dragoman auth set{flag}`, set {ENV_VARS[engine]}, or "
            "pass --api-key-file FILE."
        )
    return AuthError(f"No {name} API key, and {without_keyring(engine)}")


def without_keyring(engine: str) -> str:
    """The rest of a sentence for when no keyring can hold a key: the two ways that work."""
    variable = ENV_VARS[engine]
    return (
        "no usable keyring to keep one in (no Secret Service or KWallet running, or it is "
        f"locked): set {variable} in the environment (export {variable}=...) or pass "
        "--api-key-file FILE (a file holding only the key) to the command."
    )


def keyring_usable(store: SecretStore, engine: str) -> bool:
    """Whether ``store`` answers at all (a missing backend or a refused unlock: it does not)."""
    try:
        store.get(engine)
    except SecretStoreUnavailable:
        return False
    return True
