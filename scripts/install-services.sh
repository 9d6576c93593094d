#!/usr/bin/env bash
# Installs the Debian packages some tests use (redis-server, haproxy, chromium) when they are missing.
# Needs root (CI runs as root); elsewhere it only says what is missing, and the tests that need a missing
# service fail with a message naming it.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "install-services: missing ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})" >&2
  exit 0
fi
echo "install-services: apt-get install -y ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The packages start their system services; tests start their own instances on free ports instead.
for service in redis-server haproxy; do
  if command -v service >/dev/null 2>&1; then service "$service" stop >/dev/null 2>&1 || true; fi
done
