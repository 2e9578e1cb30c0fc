#!/usr/bin/env bash
# The .deb on a bare Debian system: debootstrap a minimal Debian 12 (no Python, no desktop), let
# apt install the package and what its Depends name, then run it there: `dragoman --version`,
# `dragoman languages`, and the desktop app on a virtual X server until its window is up.
#
#   packaging/linux/check-bare.sh dist/dragoman_VERSION_amd64.deb [SUITE]   (root; SUITE: bookworm)
#
# Needs root, debootstrap and Xvfb, and reaches Debian's package archive (about 2 minutes and
# 300 MB in /tmp). Not part of CI (tests/integration/test_packaging.py checks the Depends against
# this machine's packages instead); run it before a release, or after changing what the bundle
# ships. Everything it starts or mounts is stopped and removed on exit.
set -euo pipefail
deb=$(realpath "${1:?usage: $0 FILE.deb [SUITE]}")
suite=${2:-bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=$(mktemp -d /tmp/dragoman-bare.XXXXXX)
chmod 755 "$root"  # apt downloads as the _apt user
display=":$(( 90 + RANDOM % 100 ))"
xvfb_pid="" app_pid=""

cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && sleep 2
  [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  for mount in "$root/tmp/.X11-unix" "$root/proc"; do
    mountpoint -q "$mount" && umount "$mount"
  done
  rm -rf "$root"
}
trap cleanup EXIT

echo "== debootstrap $suite (minbase) into $root"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
  || { tail -20 "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"
mount --bind /proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

echo "== apt install ./$(basename "$deb")"
in_root bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends /tmp/$(basename "$deb") >/tmp/apt.log 2>&1 \
  || { tail -20 /tmp/apt.log; exit 1; }"
echo "   $(in_root dpkg-query -W -f '.\n' | wc -l) packages installed in all"
in_root bash -c '! command -v python3' >/dev/null || { echo "python3 got installed" >&2; exit 1; }

echo "== dragoman --version"
in_root bash -c 'cd /root && dragoman --version'
in_root bash -c 'cd /root && dragoman languages | grep -q "^ja "'

echo "== the desktop app on Xvfb $display"
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
in_root bash -c 'mkdir -p /tmp/run && chmod 700 /tmp/run'
chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 DISPLAY="$display" \
  QT_QPA_PLATFORM=xcb XDG_RUNTIME_DIR=/tmp/run DBUS_SESSION_BUS_ADDRESS=disabled: \
  dragoman -v >"$root/tmp/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 60); do
  grep -q "window ready" "$root/tmp/app.log" && break
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.5
done
if ! grep -q "window ready" "$root/tmp/app.log" || grep -q "Traceback" "$root/tmp/app.log"; then
  cat "$root/tmp/app.log" >&2
  echo "check-bare.sh: the desktop app did not come up on a bare $suite" >&2
  exit 1
fi
grep -E "push-to-talk back end|window ready" "$root/tmp/app.log" | sed 's/^/   /'
kill "$app_pid"
wait "$app_pid" || true
app_pid=""
echo "== the package works on a bare $suite"
