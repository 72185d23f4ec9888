"""Resource-type knowledge the rules share (kept as data, not scattered in rules).

Why a list of protected types: "protected" means stateful or user-facing:
losing one loses data, breaks the site, or changes a public name. Anything
else (IAM attachments, permissions, alarms, cache policies) can be
recreated without harm, so it is not blocked.
"""

from __future__ import annotations

PROTECTED_TYPES: frozenset[str] = frozenset(
    {
        # data and logs
        "aws_s3_bucket",
        "aws_cloudwatch_log_group",
        "aws_dynamodb_table",
        "aws_sqs_queue",
        "aws_db_instance",
        "aws_rds_cluster",
        "aws_secretsmanager_secret",
        "aws_ssm_parameter",
        "aws_kms_key",
        # compute and APIs users hit
        "aws_lambda_function",
        "aws_apigatewayv2_api",
        "aws_apigatewayv2_domain_name",
        "aws_apigatewayv2_stage",
        "aws_apigatewayv2_api_mapping",
        "aws_lambda_function_url",
        "aws_lambda_alias",
        "aws_api_gateway_rest_api",
        "aws_api_gateway_domain_name",
        # edge, names and certificates
        "aws_cloudfront_distribution",
        "aws_wafv2_web_acl",
        "aws_acm_certificate",
        "aws_route53_zone",
        "aws_route53_record",
        "cloudflare_dns_record",
        "cloudflare_record",
        "cloudflare_zone",
        "cloudflare_zone_dnssec",
        # alerting
        "aws_sns_topic",
    }
)

# AWS-side deletion protection switches: type -> (attribute, required value).
DELETION_PROTECTION_ATTRIBUTES: dict[str, tuple[str, object]] = {
    "aws_db_instance": ("deletion_protection", True),
    "aws_rds_cluster": ("deletion_protection", True),
    "aws_dynamodb_table": ("deletion_protection_enabled", True),
    "aws_lb": ("enable_deletion_protection", True),
}
# Not aws_cloudwatch_log_group: its `deletion_protection_enabled` exists only in AWS
# provider 6.x, and the offline provider mirror our `terraform validate` check runs
# against is 5.100, which rejects the argument. Log groups on protected stages are
# still guarded by `prevent_destroy` (checked above) and by SGCT002 on plans.

# Resources AWS requires in us-east-1: CloudFront certificates and edge functions, WAF for
# CloudFront, and the CloudFront / Route 53 health-check metrics (alarms and their SNS topics).
US_EAST_1_TYPES: frozenset[str] = frozenset(
    {
        "aws_acm_certificate",
        "aws_acm_certificate_validation",
        "aws_cloudwatch_metric_alarm",
        "aws_sns_topic",
        "aws_sns_topic_subscription",
        "aws_sns_topic_policy",
        "aws_wafv2_web_acl",
        "aws_route53_health_check",
        "aws_lambda_function",
        "aws_iam_role",
    }
)
"""`aws_lambda_function` only as Lambda@Edge (`publish = true`); IAM is global anyway."""
