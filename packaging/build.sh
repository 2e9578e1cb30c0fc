#!/usr/bin/env bash
# Build Dragoman's Linux artifacts into dist/ (or $DIST):
#   dragoman-VERSION-linux-x86_64.tar.gz   PyInstaller one-folder bundle: extract anywhere, run
#                                          dragoman-VERSION/dragoman
#   dragoman_VERSION_amd64.deb             the bundle under /opt/dragoman, /usr/bin/dragoman, the
#                                          menu entry, icons, AppStream metainfo; Depends computed
#                                          from the bundle's shared objects (linux/depends.py)
#   dragoman-VERSION-py3-none-any.whl, dragoman-VERSION.tar.gz   (python -m build)
#
#   packaging/build.sh              all of it
#   packaging/build.sh --no-python  the bundle and the .deb only (no wheel/sdist)
#   RELEASE=1 packaging/build.sh    the same, compressed harder (slow)
#
# Needs: the project's venv with the dev extra (PyInstaller, build), binutils (objdump), dpkg-deb,
# desktop-file-utils and appstream (validation). tests/bootstrap.sh installs all of them.
# Intermediate files go to build/ (or $BUILD); each step prints its time. The UI's catalogues
# (resources/i18n/*.qm) are built first, so the bundle, the .deb and the wheel all carry them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=${PYTHON:-$root/.venv/bin/python}
dist=$(mkdir -p "${DIST:-dist}" && cd "${DIST:-dist}" && pwd)
build=$(mkdir -p "${BUILD:-build}" && cd "${BUILD:-build}" && pwd)
python_artifacts=1
case "${1:-}" in
  "") ;;
  --no-python) python_artifacts=0 ;;
  *) echo "usage: $0 [--no-python]" >&2; exit 2 ;;
esac

# Compression: quick by default (CI builds on every run); RELEASE=1 for the smallest files (the
# .deb with xz takes about 5 minutes on 2 cores, against 3 s with zstd -3 for 25 % more bytes).
if [ "${RELEASE:-0}" = 1 ]; then
  gzip_level=9; deb_compression=(-Zxz)
else
  gzip_level=3; deb_compression=(-Zzstd -z3)
fi

version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' app/dragoman/__init__.py)
[ -n "$version" ] || { echo "build.sh: no __version__ in app/dragoman/__init__.py" >&2; exit 1; }
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
machine=$(uname -m)
step_start=$(date +%s)
step() {
  local now; now=$(date +%s)
  echo "== $1 ($(( now - step_start )) s)"
  step_start=$now
}

# -- validate what is shipped ---------------------------------------------------------------
desktop-file-validate packaging/linux/dragoman.desktop
appstreamcli validate --no-net --explain packaging/linux/io.github.dragoman.Dragoman.metainfo.xml
grep -q "<release version=\"$version\"" packaging/linux/io.github.dragoman.Dragoman.metainfo.xml || {
  echo "build.sh: the AppStream file has no <release version=\"$version\"> entry" >&2
  exit 1
}

# -- the UI's translations: .ts sources → .qm catalogues (build outputs, shipped by every artifact)
"$python" packaging/i18n.py release
for code in de es fr en; do
  [ -s "resources/i18n/dragoman_$code.qm" ] || { echo "build.sh: dragoman_$code.qm was not built" >&2; exit 1; }
done
step "translations: $(ls resources/i18n/*.qm | wc -l) catalogues"

# -- PyInstaller one-folder bundle ----------------------------------------------------------
rm -rf "$build/pyinstaller"
"$python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$build/pyinstaller/dist" --workpath "$build/pyinstaller/work" \
  packaging/pyinstaller/dragoman.spec
bundle="$build/pyinstaller/dist/dragoman"
"$bundle/dragoman" --version >/dev/null  # it starts at all (imports, PortAudio)
step "PyInstaller bundle: $(du -sh "$bundle" | cut -f1)"

name="dragoman-$version"
tarball="$dist/$name-linux-$machine.tar.gz"
rm -rf "$build/tar" && mkdir -p "$build/tar"
cp -a "$bundle" "$build/tar/$name"
tar -C "$build/tar" -I "gzip -$gzip_level" -cf "$tarball" "$name"
step "bundle archive: $tarball ($(du -h "$tarball" | cut -f1))"

# -- Debian package -------------------------------------------------------------------------
depends=$("$python" packaging/linux/depends.py "$bundle")
deb_root="$build/deb/root"
rm -rf "$build/deb" && mkdir -p "$deb_root/DEBIAN" "$deb_root/opt" "$deb_root/usr/bin"
cp -a "$bundle" "$deb_root/opt/dragoman"
ln -s ../../opt/dragoman/dragoman "$deb_root/usr/bin/dragoman"
install -D -m 644 packaging/linux/dragoman.desktop "$deb_root/usr/share/applications/dragoman.desktop"
install -D -m 644 packaging/linux/io.github.dragoman.Dragoman.metainfo.xml \
  "$deb_root/usr/share/metainfo/io.github.dragoman.Dragoman.metainfo.xml"
install -D -m 644 resources/icons/dragoman.svg "$deb_root/usr/share/icons/hicolor/scalable/apps/dragoman.svg"
for size in 16 22 24 32 48 64 128 256; do
  install -D -m 644 "resources/icons/hicolor/${size}x${size}/apps/dragoman.png" \
    "$deb_root/usr/share/icons/hicolor/${size}x${size}/apps/dragoman.png"
done
install -D -m 644 resources/privacy.md "$deb_root/usr/share/doc/dragoman/privacy.md"
installed_kb=$(du -sk --exclude=DEBIAN "$deb_root" | cut -f1)
cat >"$deb_root/DEBIAN/control" <<CONTROL
Package: dragoman
Version: $version
Architecture: $arch
Maintainer: The Dragoman developers <dragoman@users.noreply.github.com>
Installed-Size: $installed_kb
Depends: $depends
Recommends: libasound2-plugins, pulseaudio-utils
Section: sound
Priority: optional
Homepage: https://github.com/dragoman/dragoman
Description: push-to-talk speech translator for calls and conversations
 Hold a hotkey anywhere on the desktop and speak: Dragoman streams your voice
 to a real-time translation service, plays the translated speech in your
 headphones or into a virtual microphone for calls, and shows both transcripts
 side by side. Python, Qt and PortAudio are bundled under /opt/dragoman.
CONTROL
deb="$dist/dragoman_${version}_${arch}.deb"
dpkg-deb --root-owner-group "${deb_compression[@]}" --build "$deb_root" "$deb" >/dev/null
step "Debian package: $deb ($(du -h "$deb" | cut -f1)); Depends: $depends"

# -- wheel and sdist ------------------------------------------------------------------------
if [ "$python_artifacts" = 1 ]; then
  "$python" -m build --outdir "$dist" . >"$build/python-build.log" 2>&1 \
    || { tail -30 "$build/python-build.log" >&2; exit 1; }
  step "wheel and sdist: $(cd "$dist" && ls dragoman-"$version"*.whl dragoman-"$version".tar.gz | tr '\n' ' ')"
fi
echo "== artifacts in $dist:"
ls -l "$dist"
