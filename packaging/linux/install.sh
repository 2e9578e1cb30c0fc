#!/usr/bin/env bash
# Install Dragoman for the current user on Debian/Ubuntu: system libraries (apt), a private
# virtual environment in ~/.local/share/dragoman/venv, the `dragoman` command in ~/.local/bin,
# and an application-menu entry with its icons (~/.local/share/applications, .../icons/hicolor).
#
#   install.sh                 install (or update) everything
#   install.sh --desktop-only  only the menu entry and icons (no apt, no virtual environment)
#   install.sh --uninstall     remove the app, the menu entry, the icons and the start-at-login
#                              entry; settings (~/.config/Dragoman) and keys (the keyring) stay
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
config="${XDG_CONFIG_HOME:-$HOME/.config}"
bin="$HOME/.local/bin"
venv="$data/dragoman/venv"
applications="$data/applications"
icons="$data/icons/hicolor"
metainfo="$data/metainfo"
sizes=(16 22 24 32 48 64 128 256)

usage() {
  echo "usage: $0 [--desktop-only | --uninstall]" >&2
  exit 2
}

refresh_caches() {
  # Menus notice the change without a log-out (both tools are optional).
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
  fi
}

install_desktop_entry() {
  mkdir -p "$applications" "$icons/scalable/apps" "$metainfo"
  # Exec by full path: ~/.local/bin is not on every desktop session's PATH.
  sed "s|^Exec=dragoman|Exec=$bin/dragoman|" "$here/packaging/linux/dragoman.desktop" \
    >"$applications/dragoman.desktop"
  install -m 644 "$here/resources/icons/dragoman.svg" "$icons/scalable/apps/dragoman.svg"
  for size in "${sizes[@]}"; do
    install -D -m 644 "$here/resources/icons/hicolor/${size}x${size}/apps/dragoman.png" \
      "$icons/${size}x${size}/apps/dragoman.png"
  done
  install -m 644 "$here/packaging/linux/io.github.dragoman.Dragoman.metainfo.xml" \
    "$metainfo/io.github.dragoman.Dragoman.metainfo.xml"
  refresh_caches
  echo "Menu entry: $applications/dragoman.desktop"
}

uninstall() {
  rm -f "$applications/dragoman.desktop" "$metainfo/io.github.dragoman.Dragoman.metainfo.xml"
  rm -f "$icons/scalable/apps/dragoman.svg"
  for size in "${sizes[@]}"; do
    rm -f "$icons/${size}x${size}/apps/dragoman.png"
  done
  rm -f "$config/autostart/dragoman.desktop"
  if [ -L "$bin/dragoman" ]; then
    rm -f "$bin/dragoman"
  fi
  rm -rf "$venv"
  rmdir "$data/dragoman" 2>/dev/null || true
  refresh_caches
  echo "Removed Dragoman (settings in $config/Dragoman and keys in the keyring are kept)."
}

install_system_and_app() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  # python3-dev, gcc and libc6-dev: pynput pulls evdev, which compiles from source on Linux.
  # libportaudio2: audio; the rest: what Qt needs to open a window and a tray icon.
  local packages=(
    python3 python3-venv python3-dev gcc libc6-dev
    libportaudio2 libasound2-plugins
    libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
    libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  )
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"

  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet "$here"
  # The UI's translations are build outputs: built with the PySide6 just installed, then the
  # package again (no dependencies this time) so it carries them.
  "$venv/bin/python" "$here/packaging/i18n.py" release
  "$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps "$here"
  mkdir -p "$bin"
  ln -sf "$venv/bin/dragoman" "$bin/dragoman"
  echo "Installed: $bin/dragoman"
}

case "${1:-}" in
  "") install_system_and_app; install_desktop_entry ;;
  --desktop-only) install_desktop_entry ;;
  --uninstall) uninstall ;;
  *) usage ;;
esac
