"""No blocking call on the Qt/asyncio thread's synchronous paths: the UI and the controller.

The Qt main thread also pumps audio and the socket (qasync), so a keyring prompt or a ``pactl``
run there freezes everything. The import-linter contract in pyproject.toml keeps the modules that
do such calls out of ``dragoman.ui`` and ``dragoman.controller``; this test catches the calls
themselves, in their source, unless they sit inside ``await run_blocking(...)`` (the one
crossing, dragoman.blocking). The checker is tested on snippets first, so a green run means
"nothing found", not "nothing looked for".
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "app" / "dragoman"
BLOCKING_MODULES = frozenset({"subprocess", "keyring"})
KEYRING_METHODS = frozenset({"get_password", "set_password", "delete_password"})
STORE_METHODS = frozenset({"get", "set", "delete"})
# Names a secret store goes by; the in-memory session-only store is not one of them.
STORE_NAMES = frozenset({"secrets", "store", "secret_store", "keyring", "keyring_store"})


def scanned_files() -> list[Path]:
    files = sorted((PACKAGE / "ui").glob("*.py"))
    controller = PACKAGE / "controller.py"
    files += [controller] if controller.exists() else sorted(PACKAGE.glob("controller/**/*.py"))
    return files


def _terminal_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _is_run_blocking(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _terminal_name(node.func) == "run_blocking"


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self.module_aliases: set[str] = set()  # `import subprocess as sp` -> sp
        self.imported_names: set[str] = set()  # `from subprocess import run` -> run

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] in BLOCKING_MODULES:
                self.module_aliases.add((alias.asname or alias.name).split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module and node.module.split(".")[0] in BLOCKING_MODULES:
            self.imported_names.update(alias.asname or alias.name for alias in node.names)

    def visit_Await(self, node: ast.Await) -> None:
        if _is_run_blocking(node.value):
            return  # the crossing: whatever it is handed runs on the blocking pool
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        why = None
        if isinstance(func, ast.Name) and func.id in self.imported_names:
            why = f"{func.id}() from a blocking module"
        elif isinstance(func, ast.Attribute):
            root = _root_name(func)
            receiver = _terminal_name(func.value)
            if root in BLOCKING_MODULES | self.module_aliases:
                why = f"{ast.unparse(func)}()"
            elif func.attr in KEYRING_METHODS:
                why = f"keyring call .{func.attr}()"
            elif func.attr in STORE_METHODS and receiver in STORE_NAMES:
                why = f"secret store call {receiver}.{func.attr}()"
        if why is not None:
            self.found.append((node.lineno, why))
        self.generic_visit(node)


def blocking_calls(source: str) -> list[tuple[int, str]]:
    finder = _Finder()
    finder.visit(ast.parse(source))
    return finder.found


def _all_found() -> Iterator[str]:
    for path in scanned_files():
        for line, why in blocking_calls(path.read_text(encoding="utf-8")):
            yield f"{path.relative_to(PACKAGE.parent)}:{line}: {why}"


def test_the_ui_and_the_controller_make_no_blocking_call_on_the_loop_thread() -> None:
    assert scanned_files(), "nothing to scan: has the package moved?"
    found = list(_all_found())
    assert found == [], (
        "Blocking calls on the Qt/asyncio thread (wrap them in `await run_blocking(...)`, "
        "dragoman.blocking):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    "source",
    [
        "import subprocess\nsubprocess.run(['pactl', 'info'])",
        "import subprocess as sp\nsp.check_output(['pactl'])",
        "from subprocess import run\nrun(['pactl'])",
        "import keyring\nkeyring.get_password('dragoman', 'pinch')",
        "backend.set_password('dragoman', 'pinch', key)",
        "self.services.secrets.get(self.engine)",
        "secrets.set('pinch', key)",
        "store.delete(engine)",
        "async def f():\n    await other(self.services.secrets.get(engine))",
        "async def f():\n    run_blocking(self.secrets.get(engine))",  # called here, not there
    ],
)
def test_the_checker_finds(source: str) -> None:
    assert blocking_calls(source), source


@pytest.mark.parametrize(
    "source",
    [
        "async def f():\n    await run_blocking(self.services.secrets.get, engine)",
        "async def f():\n    await run_blocking(lambda: store.set(engine, key))",
        "async def f():\n    await blocking.run_blocking(subprocess.run, ['pactl'])",
        "self.services.session_only.get(engine)",  # in memory
        "settings.get('hotkey')",
        "self.store.save(settings)",
    ],
)
def test_the_checker_lets_through(source: str) -> None:
    assert blocking_calls(source) == [], source
