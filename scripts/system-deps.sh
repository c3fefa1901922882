#!/usr/bin/env bash
# Install the Debian packages the tests need (PostgreSQL server; Chromium for the browser tests,
# driven by Playwright, never `playwright install`), once. Safe to re-run.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: need ${need[*]} (run as root, or install them; PostgreSQL / browser tests will be skipped)" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
