#!/usr/bin/env bash
# The test suite as CI runs it: railguard with its development extras in the current Python,
# semgrep in an environment of its own (semgrep pins mcp 1.x, railguard's MCP server needs 2.x),
# then pytest with any arguments given (e.g. `bash tools/test.sh -q -x tests/unit`).
set -euo pipefail
cd "$(dirname "$0")/.."
py="${PYTHON:-python3}"
"$py" -m pip install -q -e '.[dev]'

cache="${XDG_CACHE_HOME:-$HOME/.cache}/railguard-dev"
semgrep_env="$cache/semgrep-env"
if [ ! -x "$semgrep_env/bin/semgrep" ]; then
  "$py" -m venv "$semgrep_env"
  "$semgrep_env/bin/python" -m pip install -q 'semgrep>=1.80'
fi
# only the semgrep command joins PATH, not that environment's python or pip
mkdir -p "$cache/bin"
ln -sf "$semgrep_env/bin/semgrep" "$cache/bin/semgrep"
export PATH="$PATH:$cache/bin"

exec "$py" -m pytest "$@"
