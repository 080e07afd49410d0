#!/usr/bin/env bash
# Install the Debian packages the tests need, when they are missing.
# Runs as root (CI) or with sudo; never downloads a browser of its own.
set -euo pipefail
need=()
command -v chromium  >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v tmux      >/dev/null || need+=(tmux)
command -v npm       >/dev/null || need+=(npm)
command -v wrk       >/dev/null || need+=(wrk)
# The collection server's deployment test runs a real nginx in front of it (tests/collect).
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Missing packages (${need[*]}) and no root: install them with apt-get." >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
