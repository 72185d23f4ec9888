"""Ask the (local) AWS APIs whether the resources in a Terraform state really exist.

Why: "apply succeeded" only says Terraform believes it; Terratest-style tests
look the resources up through the cloud API. `exists()` covers the types a
stage creates; `leftovers()` sweeps every service for names carrying a stage's
prefix, which is how "destroy leaves nothing" is proven.
"""

from __future__ import annotations

from collections.abc import Callable

from botocore.exceptions import ClientError

from harness.moto_server import MotoServer

REGIONS = ("ap-southeast-1", "us-east-1")
_NOT_FOUND = (
    "ResourceNotFoundException",
    "NoSuchEntity",
    "NotFound",
    "NoSuchBucket",
    "404",
    "NotFoundException",
    "ParameterNotFound",
    "ResourceNotFound",
)


def _region_of(values: dict) -> str:
    arn = values.get("arn") or ""
    parts = arn.split(":")
    return parts[3] if len(parts) > 3 and parts[3] else REGIONS[0]


def _exists(call: Callable[[], object]) -> bool:
    try:
        call()
        return True
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in _NOT_FOUND:
            return False
        raise


def _log_group(server, values):
    logs = server.client("logs", _region_of(values))
    groups = logs.describe_log_groups(logGroupNamePrefix=values["name"])["logGroups"]
    return any(group["logGroupName"] == values["name"] for group in groups)


def _alarm(server, values):
    cloudwatch = server.client("cloudwatch", _region_of(values))
    return bool(cloudwatch.describe_alarms(AlarmNames=[values["alarm_name"]])["MetricAlarms"])


def _attachment(server, values):
    attached = server.client("iam").list_attached_role_policies(RoleName=values["role"])["AttachedPolicies"]
    return any(policy["PolicyArn"] == values["policy_arn"] for policy in attached)


def _kms_key(server, values):
    try:
        kms = server.client("kms", _region_of(values))
        metadata = kms.describe_key(KeyId=values["key_id"])["KeyMetadata"]
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in _NOT_FOUND:
            return False
        raise
    # KMS never deletes a key at once: a scheduled deletion is what destroy does.
    return metadata["KeyState"] not in ("PendingDeletion", "PendingReplicaDeletion")


def _kms_alias(server, values):
    aliases = server.client("kms", _region_of(values)).list_aliases()["Aliases"]
    return any(alias["AliasName"] == values["name"] for alias in aliases)


# type -> (server, state values) -> bool. Types missing here are covered by the re-plan and the sweep.
CHECKS: dict[str, Callable[[MotoServer, dict], bool]] = {
    "aws_lambda_function": lambda s, v: _exists(
        lambda: s.client("lambda", _region_of(v)).get_function(FunctionName=v["function_name"])
    ),
    "aws_iam_role": lambda s, v: _exists(lambda: s.client("iam").get_role(RoleName=v["name"])),
    "aws_iam_role_policy": lambda s, v: _exists(
        lambda: s.client("iam").get_role_policy(RoleName=v["role"], PolicyName=v["name"])
    ),
    "aws_iam_role_policy_attachment": lambda s, v: (
        _exists(lambda: s.client("iam").get_role(RoleName=v["role"])) and _attachment(s, v)
    ),
    "aws_cloudwatch_log_group": _log_group,
    "aws_s3_bucket": lambda s, v: _exists(lambda: s.client("s3").head_bucket(Bucket=v["bucket"])),
    "aws_sns_topic": lambda s, v: _exists(
        lambda: s.client("sns", _region_of(v)).get_topic_attributes(TopicArn=v["arn"])
    ),
    "aws_cloudwatch_metric_alarm": _alarm,
    "aws_apigatewayv2_api": lambda s, v: _exists(lambda: s.client("apigatewayv2").get_api(ApiId=v["id"])),
    "aws_cloudwatch_event_rule": lambda s, v: _exists(
        lambda: s.client("events", _region_of(v)).describe_rule(Name=v["name"])
    ),
    "aws_secretsmanager_secret": lambda s, v: _exists(
        lambda: s.client("secretsmanager", _region_of(v)).describe_secret(SecretId=v["arn"])
    ),
    "aws_kms_key": _kms_key,
    "aws_kms_alias": _kms_alias,
    "aws_acm_certificate": lambda s, v: _exists(
        lambda: s.client("acm", _region_of(v)).describe_certificate(CertificateArn=v["arn"])
    ),
    "aws_ssm_parameter": lambda s, v: _exists(lambda: s.client("ssm").get_parameter(Name=v["name"])),
}


def state_resources(state: dict) -> list[dict]:
    """Managed resources (with `address`, `type`, `values`) from `terraform show -json` of a state."""
    found, modules = [], [state.get("values", {}).get("root_module", {})]
    while modules:
        module = modules.pop()
        found += [r for r in module.get("resources", []) if r.get("mode") == "managed"]
        modules += module.get("child_modules", [])
    return found


def checkable(resources: list[dict]) -> list[dict]:
    """The resources whose existence `CHECKS` can ask the API about."""
    return [resource for resource in resources if resource["type"] in CHECKS]


def missing_resources(server: MotoServer, resources: list[dict]) -> list[str]:
    """Addresses (of checkable resources) that the API does not know."""
    return [r["address"] for r in checkable(resources) if not CHECKS[r["type"]](server, r["values"])]


def existing_resources(server: MotoServer, resources: list[dict]) -> list[str]:
    """Addresses (of checkable resources) that the API still knows, e.g. after a destroy."""
    return [r["address"] for r in checkable(resources) if CHECKS[r["type"]](server, r["values"])]


def leftovers(server: MotoServer, marker: str) -> list[str]:
    """Every named resource, in every service a stage uses, whose name, domain or ARN contains `marker`.

    Pass the stage name: it is in every name (`sgcarstrends-<stage>-api`) and hostname.
    """
    names: list[str] = []
    iam, s3 = server.client("iam"), server.client("s3")
    names += [f"iam role {r['RoleName']}" for r in iam.list_roles()["Roles"]]
    names += [f"s3 bucket {b['Name']}" for b in s3.list_buckets()["Buckets"]]
    names += [f"http api {a['Name']}" for a in server.client("apigatewayv2").get_apis()["Items"]]
    for region in REGIONS:
        for label, service, call, items, key in _REGIONAL_LISTINGS:
            listed = getattr(server.client(service, region), call)()[items]
            names += [f"{label} {entry[key]}" for entry in listed]
    return sorted(name for name in names if marker in name)


# (label, service, list call, result key, name field) for the regional sweep.
_REGIONAL_LISTINGS = (
    ("lambda", "lambda", "list_functions", "Functions", "FunctionName"),
    ("log group", "logs", "describe_log_groups", "logGroups", "logGroupName"),
    ("sns topic", "sns", "list_topics", "Topics", "TopicArn"),
    ("alarm", "cloudwatch", "describe_alarms", "MetricAlarms", "AlarmName"),
    ("event rule", "events", "list_rules", "Rules", "Name"),
    ("secret", "secretsmanager", "list_secrets", "SecretList", "Name"),
    ("certificate", "acm", "list_certificates", "CertificateSummaryList", "DomainName"),
    ("kms alias", "kms", "list_aliases", "Aliases", "AliasName"),
)
