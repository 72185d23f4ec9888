"""Say whether the vulnerability services the audit needs answer from this machine.

`pip-audit` asks PyPI's JSON API (each release's `vulnerabilities`) and
`npm audit` posts to the npm registry's bulk advisory endpoint. Where either
is unreachable (an offline machine, a mirror that serves only packages) the
audit cannot run, and scripts/audit.sh says so by name instead of passing.

    python3 scripts/vuln_services.py   # exit 0: both answer; exit 3: the reason on stderr

Each probe asks for data that must exist (pip-audit's own pinned release; an
empty advisory query) and checks the answer's shape, not just the status.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request

PYPI_PROBE = "https://pypi.org/pypi/pip-audit/2.10.1/json"
NPM_PROBE = "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk"
TIMEOUT_SECONDS = 10.0
SKIPPED = 3


def _fetch(request: urllib.request.Request) -> object:
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        return json.load(response)


def unreachable_reason() -> str | None:
    """None when both services answer as expected, else which one did not and why."""
    probes = {
        "PyPI's vulnerability data (pip-audit)": (
            urllib.request.Request(PYPI_PROBE),
            lambda body: isinstance(body, dict) and "vulnerabilities" in body,
        ),
        "the npm registry's advisory endpoint (npm audit)": (
            urllib.request.Request(
                NPM_PROBE, data=b"{}", method="POST", headers={"content-type": "application/json"}
            ),
            lambda body: isinstance(body, dict),
        ),
    }
    for name, (request, expected) in probes.items():
        try:
            body = _fetch(request)
        except urllib.error.HTTPError as error:
            return f"{name} is unreachable: HTTP {error.code} from {request.full_url}"
        except (urllib.error.URLError, OSError) as error:
            return f"{name} is unreachable: {getattr(error, 'reason', error)} ({request.full_url})"
        except ValueError:
            return f"{name} answered with something that is not JSON ({request.full_url})"
        if not expected(body):
            return f"{name} answered without vulnerability data ({request.full_url})"
    return None


def main() -> int:
    reason = unreachable_reason()
    if reason is None:
        return 0
    print(reason, file=sys.stderr)
    return SKIPPED


if __name__ == "__main__":
    sys.exit(main())
