#!/usr/bin/env bash
# Install Dragoman for the current user on Debian/Ubuntu: system libraries (apt), a private
# virtual environment in ~/.local/share/dragoman/venv, and the `dragoman` command in ~/.local/bin.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

# python3-dev, gcc and libc6-dev: pynput pulls evdev, which compiles from source on Linux.
# libportaudio2: audio; the rest: what Qt needs to open a window and a tray icon.
packages=(
  python3 python3-venv python3-dev gcc libc6-dev
  libportaudio2 libasound2-plugins
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
)
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"

venv="${XDG_DATA_HOME:-$HOME/.local/share}/dragoman/venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "$here"
mkdir -p "$HOME/.local/bin"
ln -sf "$venv/bin/dragoman" "$HOME/.local/bin/dragoman"
echo "Installed: $HOME/.local/bin/dragoman"
