#!/usr/bin/env bash
# Create .venv-bench with checkov for scripts/bench_policies.py.
# Kept apart from .venv: checkov's dependency pins clash with the project's. Like .venv, it holds
# exactly a hashed lock (scripts/bench-requirements.txt, from bench-requirements.in by lock.sh),
# installed by the pinned uv (`uv pip sync --require-hashes` removes anything not in the lock).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
UV="$(PYTHON="$PYTHON" bash scripts/bootstrap_uv.sh)"
export UV_PYTHON_DOWNLOADS=never
"$UV" venv --quiet --allow-existing --python "$("$PYTHON" -c 'import sys; print(sys.executable)')" .venv-bench
"$UV" pip sync --quiet --require-hashes --python .venv-bench/bin/python scripts/bench-requirements.txt
.venv-bench/bin/checkov --version
