#!/usr/bin/env bash
# Makes sure the programs the tests start are on this machine, before the tests run (Maven calls it in the
# process-test-classes phase; -DskipTests skips it). The tests start real servers and a real browser as processes:
#   redis-server                (Debian package redis-server)    the shared cache tier and its replica tests
#   chromium, chromedriver      (Debian packages chromium, chromium-driver)   the dashboard browser tests
# What is missing is installed with apt-get when this user may (root, or password-less sudo), and the script says
# so; otherwise it stops the build with the command to run. Nothing else is installed and nothing is downloaded
# from elsewhere than Debian's package mirrors.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "[test tools] The tests need these Debian packages, which are not installed: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[test tools] No apt-get here: install ${missing[*]} (or their equivalents) yourself, then rerun." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "[test tools] Not root and no password-less sudo. Run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "[test tools] Installing with apt-get: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}"
echo "[test tools] Installed: ${missing[*]}"
