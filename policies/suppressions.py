"""Suppressions: data that waives one rule for one resource on some stages, until a date.

File format (YAML, default `policies/suppressions.yaml`):

    suppressions:
      - rule: SGCT009                        # a registered rule ID
        resource: aws_s3_bucket.legacy       # full address, or the construct path (prod/legacy/bucket)
        stages: [prod, staging]              # stage names, or ["*"] for every stage
        reason: "Bucket predates the naming scheme; renamed in #412"   # mandatory
        expires: 2026-06-30                  # mandatory; after this date it stops applying

Why every field is mandatory: a waiver without a reason cannot be reviewed,
one without an expiry becomes permanent by accident. A suppression that no
finding used, or that has expired, is reported so the file stays honest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from policies.inputs.stage_context import StageScope
from policies.model import Finding, InputError, Severity

FIELDS = ("rule", "resource", "stages", "reason", "expires")
EXPIRED_ID = "SGCT901"
UNUSED_ID = "SGCT902"


@dataclass(frozen=True)
class Suppression:
    rule: str
    resource: str
    stages: tuple[str, ...]
    reason: str
    expires: dt.date
    source: str
    """`file#index` for reports."""

    def covers_stage(self, stage: str) -> bool:
        return "*" in self.stages or stage in self.stages

    def matches(self, finding: Finding) -> bool:
        return (
            finding.rule_id == self.rule
            and self.covers_stage(finding.stage)
            and self.resource in (finding.address, finding.construct_path)
        )


def _entry_error(source: str, problem: str) -> InputError:
    return InputError(
        f"{source}: {problem}. Each suppression needs: {', '.join(FIELDS)} "
        "(see policies/suppressions.py for the format)"
    )


def parse_entry(entry, source: str, known_rules: set[str]) -> Suppression:
    """Validate one entry; `InputError` naming the entry and the field on any problem."""
    if not isinstance(entry, dict):
        raise _entry_error(source, f"expected a mapping, got {type(entry).__name__}")
    unknown = set(entry) - set(FIELDS)
    if unknown:
        raise _entry_error(source, f"unknown field(s) {sorted(unknown)}")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise _entry_error(source, "missing reason: say why this finding is acceptable")
    for name in ("rule", "resource"):
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            raise _entry_error(source, f"missing {name}")
    if entry["rule"] not in known_rules:
        raise _entry_error(
            source, f"unknown rule {entry['rule']!r} (known: {', '.join(sorted(known_rules))})"
        )
    stages = entry.get("stages")
    if isinstance(stages, str):
        stages = [stages]
    if not isinstance(stages, list) or not stages or not all(isinstance(s, str) and s for s in stages):
        raise _entry_error(source, 'stages must be a non-empty list of stage names (or ["*"])')
    expires = entry.get("expires")
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires)
        except ValueError:
            expires = None
    if not isinstance(expires, dt.date) or isinstance(expires, dt.datetime):
        raise _entry_error(source, f"expires must be a date YYYY-MM-DD, got {entry.get('expires')!r}")
    return Suppression(
        entry["rule"], entry["resource"].strip(), tuple(stages), reason.strip(), expires, source
    )


def _yaml_loader():
    """A safe loader that keeps YAML dates as text, for `parse_entry` to validate.

    Why: the stock loader builds `date`s while parsing, so `expires: 2026-13-31`
    raised a bare "month must be in 1..12" naming neither the file nor the field.
    """
    import yaml

    class DatesAsText(yaml.SafeLoader):
        pass

    DatesAsText.add_constructor(
        "tag:yaml.org,2002:timestamp",
        yaml.SafeLoader.construct_yaml_str,  # type: ignore[type-var]  # the stubs reject a SafeLoader method
    )
    return DatesAsText


def load_suppressions(path: Path, known_rules: set[str]) -> list[Suppression]:
    """Read and validate a suppressions file; `InputError` (exit 2) if it is unusable."""
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader())
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read suppressions file: {error}") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}: not valid YAML: {error}") from None
    except ValueError as error:  # a value YAML itself cannot construct
        raise InputError(
            f"{path}: a value cannot be read ({error}); check the `expires` dates "
            "(YYYY-MM-DD) and the other fields"
        ) from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("suppressions", []), list):
        raise InputError(f"{path}: expected a mapping with a `suppressions:` list")
    entries = data.get("suppressions") or []
    return [parse_entry(entry, f"{path}#{index}", known_rules) for index, entry in enumerate(entries)]


def _notice(suppression: Suppression, rule_id: str, title: str, message: str) -> Finding:
    return Finding(
        rule_id=rule_id,
        title=title,
        severity=Severity.WARNING,
        message=message,
        address=suppression.resource,
        stage=",".join(suppression.stages),
        file=suppression.source,
        fix="Fix the finding and delete the suppression, or renew it with a new reason and date.",
    )


def apply_suppressions(
    findings: list[Finding], suppressions: list[Suppression], documents, today: dt.date
) -> list[Finding]:
    """Mark findings matched by an unexpired suppression; add notices for expired and unused ones."""
    active = [s for s in suppressions if s.expires >= today]
    used: set[Suppression] = set()
    result = []
    for finding in findings:
        match = next((s for s in active if s.matches(finding)), None)
        if match:
            used.add(match)
            finding = finding.suppressed(match.reason)
        result.append(finding)
    checked_stages = {document.stage.name for document in documents}
    for suppression in suppressions:
        if suppression.expires < today:
            result.append(
                _notice(
                    suppression,
                    EXPIRED_ID,
                    "Suppression expired",
                    f"suppression of {suppression.rule} for {suppression.resource} expired on "
                    f"{suppression.expires.isoformat()} and no longer applies",
                )
            )
        elif suppression not in used and any(suppression.covers_stage(stage) for stage in checked_stages):
            result.append(
                _notice(
                    suppression,
                    UNUSED_ID,
                    "Suppression unused",
                    f"suppression of {suppression.rule} for {suppression.resource} matched no "
                    "finding in the checked stages; delete it",
                )
            )
    return result


META_RULES = {
    EXPIRED_ID: ("Suppression expired", Severity.WARNING, StageScope.ALL),
    UNUSED_ID: ("Suppression unused", Severity.WARNING, StageScope.ALL),
}
