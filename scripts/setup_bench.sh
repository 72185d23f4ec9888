#!/usr/bin/env bash
# Create .venv-bench with checkov for scripts/bench_policies.py.
# Kept apart from .venv: checkov's dependency pins clash with the project's.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
CHECKOV_VERSION="3.3.30"
if [ ! -x .venv-bench/bin/python ]; then
  "$PYTHON" -m venv .venv-bench
fi
.venv-bench/bin/python -m pip install --quiet --upgrade pip
.venv-bench/bin/python -m pip install --quiet "checkov==${CHECKOV_VERSION}"
.venv-bench/bin/checkov --version
