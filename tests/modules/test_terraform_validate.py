"""Every stage's synthesized AWS resources pass the real `terraform validate`.

Why: the bindings know argument names and types, but only the provider's
schema knows which blocks conflict, which values are required together and
which references resolve. The machines here carry an offline mirror of the
AWS provider only (an older major than our bindings pin) and no Cloudflare
or Upstash provider, so a temporary copy of each stage relaxes the AWS
version constraint to the mirror's, drops the backend, and removes what has
no provider binary (Cloudflare and Upstash providers, resources, data
sources), putting a placeholder literal where an AWS resource referred to
one; the Upstash schedule is checked against the provider's documented
schema in tests/modules/schedule/ instead. Nothing else is
changed: every AWS resource is validated as synthesized.

One `terraform init` serves all stages (same providers); each stage's
config then replaces the previous one and is validated.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess

import pytest

from harness.toolchain import offline_cli_environment

STAGES = ("prod", "staging", "dev", "pr-123")
CLOUDFLARE_PREFIX = "cloudflare_"
NO_BINARY_PREFIXES = (CLOUDFLARE_PREFIX, "upstash_")
"""Resource types whose provider has no binary on these machines."""
PLACEHOLDER = '"placeholder"'
# A reference to a Cloudflare/Upstash resource or data source, with attribute/index tail; not `var.*`.
_CLOUDFLARE_REFERENCE = re.compile(
    r"(?<![\w.])(?:data\.)?(?:cloudflare|upstash)_[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\]|\.[A-Za-z0-9_*]+)*"
)


def aws_only_config(config: dict, aws_version: str) -> dict:
    """A copy of `config` that the AWS provider alone can validate (see the module docstring)."""
    config = copy.deepcopy(config)
    terraform = config.get("terraform", {})
    terraform.pop("backend", None)
    providers = terraform.get("required_providers", {})
    for name in [name for name in providers if name != "aws"]:
        del providers[name]
    providers["aws"]["version"] = aws_version
    for name in [name for name in config.get("provider", {}) if name != "aws"]:
        del config["provider"][name]
    for block in ("resource", "data"):
        for type_name in [t for t in config.get(block, {}) if t.startswith(NO_BINARY_PREFIXES)]:
            del config[block][type_name]
    return _without_cloudflare_references(config)


def _without_cloudflare_references(node):
    if isinstance(node, dict):
        cleaned = {key: _without_cloudflare_references(value) for key, value in node.items()}
        if isinstance(cleaned.get("depends_on"), list):
            cleaned["depends_on"] = [
                entry
                for entry in cleaned["depends_on"]
                if not re.match(r"(data\.)?(cloudflare|upstash)_", entry)
            ] or None
            if cleaned["depends_on"] is None:
                del cleaned["depends_on"]
        return cleaned
    if isinstance(node, list):
        return [_without_cloudflare_references(item) for item in node]
    if isinstance(node, str) and "${" in node:
        return _CLOUDFLARE_REFERENCE.sub(PLACEHOLDER, node)
    return node


def aws_resource_count(config: dict) -> int:
    return sum(
        len(by_name)
        for type_name, by_name in config.get("resource", {}).items()
        if type_name.startswith("aws_")
    )


@pytest.fixture(scope="module")
def validator(terraform_binary, aws_provider_mirror, tmp_path_factory):
    """A working directory initialised once against the offline AWS provider mirror.

    The session fixtures skip, naming what is missing, without Terraform or the mirror.
    """
    root = tmp_path_factory.mktemp("terraform-validate")
    workdir = root / "working-copy"
    workdir.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        **offline_cli_environment(root / "cli", aws_provider_mirror),
        "HOME": str(root),
    }
    return terraform_binary, workdir, env, aws_provider_mirror


def _run(terraform: str, workdir, env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [terraform, *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def _validate(validator, config: dict) -> dict:
    terraform, workdir, env, _ = validator
    (workdir / "main.tf.json").write_text(json.dumps(config, indent=1))
    if not (workdir / ".terraform.lock.hcl").exists():
        init = _run(terraform, workdir, env, "init", "-backend=false", "-input=false", "-no-color")
        assert init.returncode == 0, f"terraform init failed:\n{init.stdout[-3000:]}\n{init.stderr[-3000:]}"
    result = _run(terraform, workdir, env, "validate", "-json", "-no-color")
    return json.loads(result.stdout)


@pytest.mark.parametrize("stage", STAGES)
def test_stage_passes_terraform_validate(synth_output, validator, stage):
    original = synth_output.stack(stage).config
    config = aws_only_config(original, validator[3].aws_version)
    assert aws_resource_count(config) == aws_resource_count(original) > 0
    report = _validate(validator, config)
    problems = [
        f"{d['severity']}: {d['summary']} {d.get('detail', '')} at {d.get('address', '')}"
        for d in report.get("diagnostics", [])
        if d["severity"] == "error"
    ]
    assert report["valid"] and not problems, f"{stage}: terraform validate found:\n" + "\n".join(problems)


def test_a_broken_stage_fails_validation(synth_output, validator):
    """The check can fail: an invented argument on the distribution is an error."""
    config = aws_only_config(synth_output.stack("dev").config, validator[3].aws_version)
    distribution = next(iter(config["resource"]["aws_cloudfront_distribution"].values()))
    distribution["minimum_tls"] = "TLSv1"
    report = _validate(validator, config)
    assert not report["valid"]
    assert any("minimum_tls" in (d.get("summary", "") + d.get("detail", "")) for d in report["diagnostics"])


def test_copy_keeps_aws_and_drops_only_providers_without_a_binary(synth_output):
    original = synth_output.stack("prod").config
    config = aws_only_config(original, "5.100.0")
    assert "backend" not in config["terraform"]
    assert config["terraform"]["required_providers"] == {
        "aws": {**original["terraform"]["required_providers"]["aws"], "version": "5.100.0"}
    }
    assert original["resource"]["upstash_qstash_schedule_v2"]
    assert not [
        t for block in ("resource", "data") for t in config.get(block, {}) if t.startswith(NO_BINARY_PREFIXES)
    ]
    assert "upstash" not in config.get("provider", {})
    assert "cloudflare_dns_record." not in json.dumps(config) and "data.cloudflare_zone." not in json.dumps(
        config
    )
    assert aws_resource_count(config) == aws_resource_count(original)


def test_reference_rewrite_keeps_variables():
    text = (
        '${trimsuffix(cloudflare_dns_record.record_1A.name, ".")} '
        "${var.cloudflare_zone_id} ${data.cloudflare_zone.z[0].zone_id}"
    )
    assert (
        _without_cloudflare_references(text)
        == '${trimsuffix("placeholder", ".")} ${var.cloudflare_zone_id} ${"placeholder"}'
    )
