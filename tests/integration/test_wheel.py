"""The wheel carries the package and resources/: built, installed in a fresh venv, run there."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_wheel_installs_and_runs_from_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # As packaging/build.sh does first: the UI's catalogues are build outputs.
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "i18n.py"), "release"], check=True, timeout=120
    )
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("dragoman-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "dragoman/resources/languages.tsv" in names
    catalogues = {f"dragoman/resources/i18n/dragoman_{c}.qm" for c in ("de", "es", "fr", "en")}
    assert catalogues <= set(names), "the UI's translations are not in the wheel"
    assert "dragoman/core/pinch.py" in names
    assert not [n for n in names if n.startswith(("tests/", "app/"))]

    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-2000:]

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    outside = tmp_path / "elsewhere"  # not the source tree: only the installed copy is found
    outside.mkdir()
    dragoman = str(target / "bin" / "dragoman")
    version = subprocess.run(
        [dragoman, "--version"], cwd=outside, env=env, capture_output=True, text=True, check=True
    )
    assert version.stdout.strip().startswith("dragoman 0.")
    languages = subprocess.run(
        [dragoman, "languages"], cwd=outside, env=env, capture_output=True, text=True, check=True
    )
    lines = languages.stdout.splitlines()
    assert len(lines) > 50 and any(line.startswith("ja ") and " yes " in line for line in lines)
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import dragoman.resources as r; print(r.resource_path('languages.tsv'))",
        ],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(target) in where.stdout
