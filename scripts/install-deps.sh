#!/usr/bin/env bash
# Installs the Debian 12 packages Werkplaats needs to build and run; with
# --test also what the test suite needs (Criterion, libcurl, a browser).
# Only what is missing is installed; apt-get update runs at most once.
set -euo pipefail

packages=(
  gcc make cmake pkg-config git sqlite3
  libcivetweb-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libgit2-dev
  libsqlite3-dev libyaml-dev libjansson-dev libsodium-dev libstemmer-dev
  libssl-dev # CivetWeb loads libssl.so itself when HTTPS is configured
)
if [ "${1:-}" = "--test" ]; then
  packages+=(libcriterion-dev libcurl4-openssl-dev chromium chromium-driver openssl clang)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installeren: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
