#!/usr/bin/env bash
# Runs every Granary test. On a fresh Debian 12 with the .NET 10 SDK it first installs what the
# tests drive besides .NET: Node.js with npm (the official openai package), redis-server and
# PostgreSQL (real Orleans membership stores), chromium (the web console's headless browser test) and
# Prometheus (scrapes a test cluster). Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
# A real Prometheus scrapes a test cluster; promtool lints each /metrics.
command -v prometheus >/dev/null && command -v promtool >/dev/null || missing+=(prometheus)
# Debian keeps initdb/postgres off PATH, in /usr/lib/postgresql/VERSION/bin (where the tests look too).
command -v initdb >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

(cd tests/Granary.EndToEnd.Tests/js && npm ci --no-audit --no-fund --loglevel=error)
python3 charts/check_deploy_files.py   # Dockerfile and chart against the repo and the CLI (no docker or helm needed)
dotnet test Cluster.sln -c Release "$@"
