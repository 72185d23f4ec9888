#!/usr/bin/env bash
# Supply-chain audit: SBOMs of what is installed, then known vulnerabilities in every lock.
#
#   bash scripts/audit.sh              # after scripts/setup.sh
#   bash scripts/audit.sh --sbom-only  # the SBOMs alone (needs no network once .venv-audit exists)
#
# 1. SBOMs (CycloneDX JSON) into ${SGCT_SBOM_DIR:-build/sbom}/, generated, never committed:
#    python.cdx.json from the installed .venv (`cyclonedx-py environment`), npm.cdx.json from
#    package-lock.json (`npm sbom`).
# 2. `pip-audit` over uv.lock (every extra and group) and scripts/bench-requirements.txt, both
#    hashed, so pip-audit resolves nothing itself; `npm audit` over package-lock.json.
#
# The tools come from uv.lock's `audit` group, installed into .venv-audit (not .venv: they are
# not the project's dependencies). Exit codes: 0 clean; 1 vulnerabilities found, or the audit
# could not run while SGCT_REQUIRE_TOOLS=1 (as in CI); 2 bad usage or no .venv; 3 the audit
# was skipped because a vulnerability service is unreachable (the reason is printed).
set -euo pipefail
cd "$(dirname "$0")/.."

sbom_only=false
case "${1-}" in
  "") ;;
  --sbom-only) sbom_only=true ;;
  *) echo "usage: bash scripts/audit.sh [--sbom-only]" >&2; exit 2 ;;
esac
if [ ! -x .venv/bin/python ] || [ ! -x .venv/bin/npm ]; then
  echo "error: no .venv with Node: run \`bash scripts/setup.sh\` first" >&2
  exit 2
fi

PYTHON="${PYTHON:-python3}"
UV="$(PYTHON="$PYTHON" bash scripts/bootstrap_uv.sh)"
UV_PROJECT_ENVIRONMENT=.venv-audit UV_PYTHON_DOWNLOADS=never "$UV" sync --quiet --locked \
  --only-group audit --no-install-project --python "$("$PYTHON" -c 'import sys; print(sys.executable)')"

sbom_dir="${SGCT_SBOM_DIR:-build/sbom}"
mkdir -p "$sbom_dir"
# Each SBOM is written beside its final name and moved there only when complete. cyclonedx-py's
# own schema validation is off: it takes a minute here (its test checks the content instead).
.venv-audit/bin/cyclonedx-py environment --no-validate --pyproject pyproject.toml --mc-type application \
  --output-reproducible --output-format JSON --output-file "$sbom_dir/python.cdx.json.partial" .venv/bin/python
PATH="$PWD/.venv/bin:$PATH" npm sbom --package-lock-only --sbom-format cyclonedx --sbom-type application \
  > "$sbom_dir/npm.cdx.json.partial"
mv "$sbom_dir/python.cdx.json.partial" "$sbom_dir/python.cdx.json"
mv "$sbom_dir/npm.cdx.json.partial" "$sbom_dir/npm.cdx.json"
echo "SBOMs: $sbom_dir/python.cdx.json $sbom_dir/npm.cdx.json"
$sbom_only && exit 0

if ! reason="$("$PYTHON" scripts/vuln_services.py 2>&1)"; then
  if [ "${SGCT_REQUIRE_TOOLS:-}" = 1 ]; then
    echo "error: the vulnerability audit cannot run and SGCT_REQUIRE_TOOLS=1: $reason" >&2
    exit 1
  fi
  echo "SKIPPED: vulnerability audit not run: $reason" >&2
  exit 3
fi

requirements="$(mktemp)"
trap 'rm -f "$requirements"' EXIT
"$UV" export --quiet --locked --all-extras --all-groups --no-emit-project --format requirements-txt \
  --output-file "$requirements"
status=0
# One run per lock: they describe different environments (.venv, .venv-bench).
for lock in "$requirements" scripts/bench-requirements.txt; do
  .venv-audit/bin/pip-audit --progress-spinner off --desc on --disable-pip --require-hashes \
    --requirement "$lock" || status=1
done
PATH="$PWD/.venv/bin:$PATH" npm audit --package-lock-only --audit-level=low || status=1
exit "$status"
