#!/usr/bin/env bash
# Print the path of a uv binary of exactly the version uv.lock pins, installing it first if needed.
#
# Used by setup.sh, setup_bench.sh and audit.sh before any project environment exists.
# - A `uv` on PATH is used only when it is exactly the locked version.
# - Otherwise uv is installed once from PyPI into $SGCT_UV_HOME (default:
#   ${XDG_CACHE_HOME:-~/.cache}/sgcarstrends-infra/uv-<version>), with pip --require-hashes
#   against the hashes uv.lock records (scripts/uv_pin.py). pip runs isolated from any local
#   pip configuration (no config files, no PIP_* variables), so it reads PyPI and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
pin="$("$PYTHON" scripts/uv_pin.py uv.lock)"
version="${pin%% *}"
version="${version#uv==}"

if command -v uv >/dev/null 2>&1 && [ "$(uv --version 2>/dev/null | cut -d' ' -f2)" = "$version" ]; then
  command -v uv
  exit 0
fi

home="${SGCT_UV_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/sgcarstrends-infra/uv-$version}"
if [ ! -x "$home/bin/uv" ] || [ "$("$home/bin/uv" --version 2>/dev/null | cut -d' ' -f2)" != "$version" ]; then
  echo "installing uv $version from PyPI into $home" >&2
  staging="$home.partial.$$"
  rm -rf "$staging"
  trap 'rm -rf "$staging"' EXIT
  mkdir -p "$staging"
  printf '%s\n' "$pin" > "$staging/uv-requirements.txt"
  # The interpreter's own pip when it has one (quick: uv is a single binary, --target suffices),
  # else a throwaway venv's.
  pip=("$PYTHON" -m pip)
  if ! PIP_CONFIG_FILE=/dev/null "$PYTHON" -m pip --isolated --version >/dev/null 2>&1; then
    "$PYTHON" -m venv "$staging/venv"
    pip=("$staging/venv/bin/python" -m pip)
  fi
  PIP_CONFIG_FILE=/dev/null "${pip[@]}" --isolated install --quiet --disable-pip-version-check --root-user-action=ignore \
    --index-url https://pypi.org/simple --only-binary :all: --require-hashes \
    --target "$staging" -r "$staging/uv-requirements.txt"
  rm -rf "$staging/venv"
  rm -rf "$home"
  mkdir -p "$(dirname "$home")"
  mv "$staging" "$home"
  trap - EXIT
fi
echo "$home/bin/uv"
