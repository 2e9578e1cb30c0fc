#!/usr/bin/env python3
"""The system libraries a one-folder bundle needs, and the Debian packages that provide them.

    depends.py BUNDLE_DIR            print the Depends: value (packages, comma-separated)
    depends.py BUNDLE_DIR --report   one line per soname: where it comes from

Every ELF file in the bundle (the executable, extension modules, shared libraries, Qt plugins) is
read with ``objdump -p`` for its NEEDED entries; the sonames the bundle ships itself are taken
away, and each one left is found where the dynamic loader would find it on this (the build)
machine (``ldconfig -p``) and mapped to its package with ``dpkg -S``.  A soname that this machine
cannot find, or that no package owns, is an error: the package would install and then fail to
start on a bare system.  The C library (libc6) is always needed and always listed.

The module is also imported by the PyInstaller spec (``needed``) and by the packaging test.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

# Not libraries, but needed at run time by what is linked: PortAudio (through libasound) aborts
# without /usr/share/alsa/alsa.conf, and PulseAudio/PipeWire users need the ALSA "pulse" plugin.
EXTRA_PACKAGES = ("libasound2-data",)
ELF_MAGIC = b"\x7fELF"


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(4) == ELF_MAGIC
    except OSError:
        return False


def elf_files(bundle: Path) -> list[Path]:
    return sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))


def needed(path: Path) -> list[str]:
    """The NEEDED sonames of one ELF file (``objdump -p``, from binutils)."""
    return needed_by([path])[path]


def needed_by(paths: Sequence[Path]) -> dict[Path, list[str]]:
    """NEEDED sonames of many ELF files, with one ``objdump`` run per 200 files."""
    result: dict[Path, list[str]] = {p: [] for p in paths}
    by_name = {str(p): p for p in paths}
    for start in range(0, len(paths), 200):
        chunk = [str(p) for p in paths[start : start + 200]]
        out = subprocess.run(
            ["objdump", "-p", *chunk], capture_output=True, text=True, check=True
        ).stdout
        current: Path | None = None
        for line in out.splitlines():
            header = re.match(r"^(\S.*):\s+file format ", line)
            if header:
                current = by_name.get(header.group(1))
                continue
            entry = re.match(r"^\s*NEEDED\s+(\S+)", line)
            if entry and current is not None:
                result[current].append(entry.group(1))
    return result


def shipped_sonames(bundle: Path) -> set[str]:
    """File names of the libraries in the bundle (symlinks included: they satisfy a NEEDED)."""
    return {p.name for p in bundle.rglob("*.so*") if p.is_file()}


def missing_from_bundle(bundle: Path) -> dict[str, list[Path]]:
    """soname -> the bundle's files that need it, for each soname the bundle does not ship."""
    shipped = shipped_sonames(bundle)
    wanted: dict[str, list[Path]] = {}
    for elf, sonames in needed_by(elf_files(bundle)).items():
        for soname in sonames:
            if soname not in shipped:
                wanted.setdefault(soname, []).append(elf.relative_to(bundle))
    return wanted


@functools.cache
def _loader_cache() -> dict[str, str]:
    """soname -> path, for this machine's x86-64 libraries (``ldconfig -p``)."""
    out = subprocess.run(
        ["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True
    ).stdout
    found: dict[str, str] = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if match and "x86-64" in match.group(2):
            found.setdefault(match.group(1), match.group(3))
    return found


def locate(soname: str) -> str | None:
    return _loader_cache().get(soname)


def _candidates(path: str) -> list[str]:
    """The path, its real path, and their merged-/usr twins (dpkg knows only one of them)."""
    found = [path, os.path.realpath(path)]
    for p in list(found):
        found.append(p[len("/usr") :] if p.startswith("/usr/lib/") else "/usr" + p)
    return list(dict.fromkeys(found))


def owners(paths: Iterable[str]) -> dict[str, str]:
    """path -> the Debian package that owns it (without :arch), with one ``dpkg -S`` run."""
    wanted = {c: p for p in paths for c in _candidates(p)}
    if not wanted:
        return {}
    done = subprocess.run(["dpkg", "-S", *wanted], capture_output=True, text=True)
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        if line.startswith("diversion ") or ": " not in line:
            continue
        packages, owned = line.split(": ", 1)
        if owned in wanted:
            found.setdefault(wanted[owned], packages.split(",")[0].split(":")[0].strip())
    return found


def resolve(sonames: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """({soname: package}, [sonames nobody provides on this machine])."""
    located = {soname: locate(soname) for soname in sorted(set(sonames))}
    packages = owners(path for path in located.values() if path)
    provided = {s: packages[p] for s, p in located.items() if p and p in packages}
    return provided, [s for s in located if s not in provided]


def depends_line(packages: Iterable[str]) -> str:
    names = sorted({"libc6", *packages, *EXTRA_PACKAGES})
    return ", ".join(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path, help="the PyInstaller one-folder bundle")
    parser.add_argument("--report", action="store_true", help="explain each soname")
    args = parser.parse_args(argv)
    wanted = missing_from_bundle(args.bundle)
    packages, unprovided = resolve(wanted)
    if args.report:
        for soname in sorted(wanted):
            users = ", ".join(str(p) for p in wanted[soname][:3])
            more = f" (+{len(wanted[soname]) - 3})" if len(wanted[soname]) > 3 else ""
            print(f"{soname:32} {packages.get(soname, 'UNPROVIDED'):24} {users}{more}")
    if unprovided:
        for soname in unprovided:
            users = ", ".join(str(p) for p in wanted[soname])
            print(f"depends.py: no package provides {soname} (needed by {users})", file=sys.stderr)
        return 1
    if not args.report:
        print(depends_line(packages.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
