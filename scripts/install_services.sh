#!/usr/bin/env bash
# Installs the servers the Celery scale-out test runs as its own processes: PostgreSQL
# (metadata database) and Redis (Celery broker), and the browser of the UI test (Chromium
# and its WebDriver), from Debian's packages, if missing.
# Idempotent; needs root (CI and sessions run as root). Prints where the binaries are.
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: need root to install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-o DPkg::Lock::Timeout=600 -q -y)
  apt-get "${apt_opts[@]}" update >/dev/null
  # Packages only: the test starts its own servers; no service is enabled or started here.
  apt-get "${apt_opts[@]}" install --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "postgres_bin=$(pg_bin)"
echo "redis_server=$(command -v redis-server)"
echo "chromium=$(command -v chromium)"
echo "chromedriver=$(command -v chromedriver)"
