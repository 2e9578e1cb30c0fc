#!/usr/bin/env bash
# Prepare a Debian/Ubuntu machine to run the whole test suite: the system packages the test beds
# use (speech synthesis, keyring, audio, Qt), then .venv with the package and its dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

packages=(
  python3 python3-venv python3-dev gcc libc6-dev
  espeak-ng sox
  dbus gnome-keyring
  libportaudio2 libasound2-plugins pulseaudio pulseaudio-utils
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  xvfb xdotool x11-xserver-utils trayer
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  desktop-file-utils appstream binutils
  at-spi2-core gir1.2-atspi-2.0 python3-gi
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
# The desktop UI's catalogues (resources/i18n/*.qm, build outputs): running from source needs them.
.venv/bin/python packaging/i18n.py release
