#!/usr/bin/env bash
# Re-resolve every Python lock against PyPI, keeping versions that still satisfy the pins.
#
#   bash scripts/lock.sh              # after editing pyproject.toml or scripts/bench-requirements.in
#   bash scripts/lock.sh --upgrade    # move every unpinned (transitive) package to its newest release
#
# - uv.lock: the project (+ `test` extra, `audit` group), every file hashed; uv itself is in it.
# - scripts/bench-requirements.txt: checkov for the benchmark, hashed, from bench-requirements.in.
# The npm lock is package-lock.json (`npm install --package-lock-only` to update it).
set -euo pipefail
cd "$(dirname "$0")/.."
UV="$(bash scripts/bootstrap_uv.sh)"
export UV_PYTHON_DOWNLOADS=never
"$UV" lock "$@"
"$UV" pip compile --quiet --universal --python-version 3.11 --generate-hashes "$@" \
  --custom-compile-command "bash scripts/lock.sh" \
  --output-file scripts/bench-requirements.txt scripts/bench-requirements.in
