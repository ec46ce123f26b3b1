#!/usr/bin/env bash
# Installs Debian's MediaWiki 1.39 (with PHP's CLI and SQLite driver) for the contract suite
# (contract/, npm run test:contract). Idempotent: does nothing when everything is already there, and
# runs `apt-get update` only when the package lists don't know the packages yet. Needs root.
set -euo pipefail

packages=(mediawiki php-sqlite3 php-cli)

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for pkg in "${packages[@]}"; do
  if ! is_installed "$pkg"; then missing+=("$pkg"); fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-mediawiki: already installed: ${packages[*]}"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-mediawiki: must run as root to install: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive

# A fresh machine may have empty package lists; fetch them once, only when apt can't see the package.
if ! apt-cache show mediawiki >/dev/null 2>&1; then
  echo "install-mediawiki: apt-get update"
  apt-get update -q
fi

echo "install-mediawiki: apt-get install -y --no-install-recommends ${packages[*]}"
apt-get install -y -q --no-install-recommends "${packages[@]}"

echo "install-mediawiki: installed $(dpkg-query -W -f='${Package} ${Version}' mediawiki), $(php -r 'echo "PHP ", PHP_VERSION;')"
