"""Typed AWS provider classes: the only place constructs import them from.

Why one module: a provider upgrade or a move to another binding package is
a change here alone, and every name is a real class that mypy and the editor
know (no string lookups). Only the submodules listed here are loaded on the
fast path (see `modules.app.runtime`); add a class here when a construct
needs a new one.
"""

from __future__ import annotations

from modules.app.runtime import require_prepared

require_prepared(__name__)

from cdktf_cdktf_provider_aws.acm_certificate import (  # noqa: E402
    AcmCertificate,
)
from cdktf_cdktf_provider_aws.acm_certificate_validation import (  # noqa: E402
    AcmCertificateValidation,
)
from cdktf_cdktf_provider_aws.apigatewayv2_api import (  # noqa: E402
    Apigatewayv2Api,
    Apigatewayv2ApiCorsConfiguration,
)
from cdktf_cdktf_provider_aws.apigatewayv2_api_mapping import (  # noqa: E402
    Apigatewayv2ApiMapping,
)
from cdktf_cdktf_provider_aws.apigatewayv2_authorizer import (  # noqa: E402
    Apigatewayv2Authorizer,
)
from cdktf_cdktf_provider_aws.apigatewayv2_domain_name import (  # noqa: E402
    Apigatewayv2DomainName,
    Apigatewayv2DomainNameDomainNameConfiguration,
)
from cdktf_cdktf_provider_aws.apigatewayv2_integration import (  # noqa: E402
    Apigatewayv2Integration,
)
from cdktf_cdktf_provider_aws.apigatewayv2_route import (  # noqa: E402
    Apigatewayv2Route,
)
from cdktf_cdktf_provider_aws.apigatewayv2_stage import (  # noqa: E402
    Apigatewayv2Stage,
    Apigatewayv2StageAccessLogSettings,
    Apigatewayv2StageDefaultRouteSettings,
)
from cdktf_cdktf_provider_aws.cloudfront_cache_policy import (  # noqa: E402
    CloudfrontCachePolicy,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOrigin,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfig,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfig,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigHeaders,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfig,
)
from cdktf_cdktf_provider_aws.cloudfront_distribution import (  # noqa: E402
    CloudfrontDistribution,
    CloudfrontDistributionDefaultCacheBehavior,
    CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation,
    CloudfrontDistributionLoggingConfig,
    CloudfrontDistributionOrderedCacheBehavior,
    CloudfrontDistributionOrderedCacheBehaviorFunctionAssociation,
    CloudfrontDistributionOrigin,
    CloudfrontDistributionOriginCustomOriginConfig,
    CloudfrontDistributionRestrictions,
    CloudfrontDistributionRestrictionsGeoRestriction,
    CloudfrontDistributionViewerCertificate,
)
from cdktf_cdktf_provider_aws.cloudfront_function import (  # noqa: E402
    CloudfrontFunction,
)
from cdktf_cdktf_provider_aws.cloudfront_origin_access_control import (  # noqa: E402
    CloudfrontOriginAccessControl,
)
from cdktf_cdktf_provider_aws.cloudfront_origin_request_policy import (  # noqa: E402
    CloudfrontOriginRequestPolicy,
    CloudfrontOriginRequestPolicyCookiesConfig,
    CloudfrontOriginRequestPolicyHeadersConfig,
    CloudfrontOriginRequestPolicyHeadersConfigHeaders,
    CloudfrontOriginRequestPolicyQueryStringsConfig,
)
from cdktf_cdktf_provider_aws.cloudfront_response_headers_policy import (  # noqa: E402
    CloudfrontResponseHeadersPolicy,
    CloudfrontResponseHeadersPolicySecurityHeadersConfig,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigContentTypeOptions,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigFrameOptions,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigReferrerPolicy,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurity,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigXssProtection,
)
from cdktf_cdktf_provider_aws.cloudwatch_event_rule import (  # noqa: E402
    CloudwatchEventRule,
)
from cdktf_cdktf_provider_aws.cloudwatch_event_target import (  # noqa: E402
    CloudwatchEventTarget,
)
from cdktf_cdktf_provider_aws.cloudwatch_log_group import (  # noqa: E402
    CloudwatchLogGroup,
)
from cdktf_cdktf_provider_aws.cloudwatch_log_metric_filter import (  # noqa: E402
    CloudwatchLogMetricFilter,
    CloudwatchLogMetricFilterMetricTransformation,
)
from cdktf_cdktf_provider_aws.cloudwatch_metric_alarm import (  # noqa: E402
    CloudwatchMetricAlarm,
    CloudwatchMetricAlarmMetricQuery,
    CloudwatchMetricAlarmMetricQueryMetric,
)
from cdktf_cdktf_provider_aws.data_aws_caller_identity import (  # noqa: E402
    DataAwsCallerIdentity,
)
from cdktf_cdktf_provider_aws.dynamodb_table import (  # noqa: E402
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTableGlobalSecondaryIndex,
    DynamodbTablePointInTimeRecovery,
    DynamodbTableServerSideEncryption,
)
from cdktf_cdktf_provider_aws.iam_role import (  # noqa: E402
    IamRole,
)
from cdktf_cdktf_provider_aws.iam_role_policy import (  # noqa: E402
    IamRolePolicy,
)
from cdktf_cdktf_provider_aws.kms_alias import (  # noqa: E402
    KmsAlias,
)
from cdktf_cdktf_provider_aws.kms_key import (  # noqa: E402
    KmsKey,
)
from cdktf_cdktf_provider_aws.lambda_alias import (  # noqa: E402
    LambdaAlias,
)
from cdktf_cdktf_provider_aws.lambda_event_source_mapping import (  # noqa: E402
    LambdaEventSourceMapping,
)
from cdktf_cdktf_provider_aws.lambda_function import (  # noqa: E402
    LambdaFunction,
    LambdaFunctionEnvironment,
    LambdaFunctionTracingConfig,
)
from cdktf_cdktf_provider_aws.lambda_function_url import (  # noqa: E402
    LambdaFunctionUrl,
)
from cdktf_cdktf_provider_aws.lambda_invocation import (  # noqa: E402
    LambdaInvocation,
)
from cdktf_cdktf_provider_aws.lambda_permission import (  # noqa: E402
    LambdaPermission,
)
from cdktf_cdktf_provider_aws.provider import (  # noqa: E402
    AwsProvider,
    AwsProviderDefaultTags,
    AwsProviderEndpoints,
)
from cdktf_cdktf_provider_aws.route53_health_check import (  # noqa: E402
    Route53HealthCheck,
)
from cdktf_cdktf_provider_aws.s3_bucket import (  # noqa: E402
    S3Bucket,
)
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (  # noqa: E402
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleFilter,
    S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration,
)
from cdktf_cdktf_provider_aws.s3_bucket_ownership_controls import (  # noqa: E402
    S3BucketOwnershipControls,
    S3BucketOwnershipControlsRule,
)
from cdktf_cdktf_provider_aws.s3_bucket_policy import (  # noqa: E402
    S3BucketPolicy,
)
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import (  # noqa: E402
    S3BucketPublicAccessBlock,
)
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (  # noqa: E402
    S3BucketServerSideEncryptionConfigurationA,
    S3BucketServerSideEncryptionConfigurationRuleA,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
)
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (  # noqa: E402
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws.sns_topic import (  # noqa: E402
    SnsTopic,
)
from cdktf_cdktf_provider_aws.sns_topic_subscription import (  # noqa: E402
    SnsTopicSubscription,
)
from cdktf_cdktf_provider_aws.sqs_queue import (  # noqa: E402
    SqsQueue,
)
from cdktf_cdktf_provider_aws.wafv2_web_acl import (  # noqa: E402
    Wafv2WebAcl,
    Wafv2WebAclDefaultAction,
    Wafv2WebAclDefaultActionAllow,
    Wafv2WebAclRule,
    Wafv2WebAclRuleAction,
    Wafv2WebAclRuleActionBlock,
    Wafv2WebAclRuleOverrideAction,
    Wafv2WebAclRuleOverrideActionNone,
    Wafv2WebAclRuleVisibilityConfig,
    Wafv2WebAclVisibilityConfig,
)

__all__ = [
    "AcmCertificate",
    "AcmCertificateValidation",
    "Apigatewayv2Api",
    "Apigatewayv2ApiCorsConfiguration",
    "Apigatewayv2ApiMapping",
    "Apigatewayv2Authorizer",
    "Apigatewayv2DomainName",
    "Apigatewayv2DomainNameDomainNameConfiguration",
    "Apigatewayv2Integration",
    "Apigatewayv2Route",
    "Apigatewayv2Stage",
    "Apigatewayv2StageAccessLogSettings",
    "Apigatewayv2StageDefaultRouteSettings",
    "AwsProvider",
    "AwsProviderDefaultTags",
    "AwsProviderEndpoints",
    "CloudfrontCachePolicy",
    "CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOrigin",
    "CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfig",
    "CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfig",
    "CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigHeaders",
    "CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfig",
    "CloudfrontDistribution",
    "CloudfrontDistributionDefaultCacheBehavior",
    "CloudfrontDistributionLoggingConfig",
    "CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation",
    "CloudfrontDistributionOrderedCacheBehavior",
    "CloudfrontDistributionOrderedCacheBehaviorFunctionAssociation",
    "CloudfrontDistributionOrigin",
    "CloudfrontDistributionOriginCustomOriginConfig",
    "CloudfrontDistributionRestrictions",
    "CloudfrontDistributionRestrictionsGeoRestriction",
    "CloudfrontDistributionViewerCertificate",
    "CloudfrontFunction",
    "CloudfrontOriginAccessControl",
    "CloudfrontOriginRequestPolicy",
    "CloudfrontOriginRequestPolicyCookiesConfig",
    "CloudfrontOriginRequestPolicyHeadersConfig",
    "CloudfrontOriginRequestPolicyHeadersConfigHeaders",
    "CloudfrontOriginRequestPolicyQueryStringsConfig",
    "CloudfrontResponseHeadersPolicy",
    "CloudfrontResponseHeadersPolicySecurityHeadersConfig",
    "CloudfrontResponseHeadersPolicySecurityHeadersConfigContentTypeOptions",
    "CloudfrontResponseHeadersPolicySecurityHeadersConfigFrameOptions",
    "CloudfrontResponseHeadersPolicySecurityHeadersConfigReferrerPolicy",
    "CloudfrontResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurity",
    "CloudfrontResponseHeadersPolicySecurityHeadersConfigXssProtection",
    "CloudwatchEventRule",
    "CloudwatchEventTarget",
    "CloudwatchLogGroup",
    "CloudwatchLogMetricFilter",
    "CloudwatchLogMetricFilterMetricTransformation",
    "CloudwatchMetricAlarm",
    "CloudwatchMetricAlarmMetricQuery",
    "CloudwatchMetricAlarmMetricQueryMetric",
    "DataAwsCallerIdentity",
    "DynamodbTable",
    "DynamodbTableAttribute",
    "DynamodbTableGlobalSecondaryIndex",
    "DynamodbTablePointInTimeRecovery",
    "DynamodbTableServerSideEncryption",
    "IamRole",
    "IamRolePolicy",
    "KmsAlias",
    "KmsKey",
    "LambdaAlias",
    "LambdaEventSourceMapping",
    "LambdaFunction",
    "LambdaFunctionEnvironment",
    "LambdaFunctionTracingConfig",
    "LambdaFunctionUrl",
    "LambdaInvocation",
    "LambdaPermission",
    "Route53HealthCheck",
    "S3Bucket",
    "S3BucketLifecycleConfiguration",
    "S3BucketLifecycleConfigurationRule",
    "S3BucketLifecycleConfigurationRuleExpiration",
    "S3BucketLifecycleConfigurationRuleFilter",
    "S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration",
    "S3BucketOwnershipControls",
    "S3BucketOwnershipControlsRule",
    "S3BucketPolicy",
    "S3BucketPublicAccessBlock",
    "S3BucketServerSideEncryptionConfigurationA",
    "S3BucketServerSideEncryptionConfigurationRuleA",
    "S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA",
    "S3BucketVersioningA",
    "S3BucketVersioningVersioningConfiguration",
    "SnsTopic",
    "SnsTopicSubscription",
    "SqsQueue",
    "Wafv2WebAcl",
    "Wafv2WebAclDefaultAction",
    "Wafv2WebAclDefaultActionAllow",
    "Wafv2WebAclRule",
    "Wafv2WebAclRuleAction",
    "Wafv2WebAclRuleActionBlock",
    "Wafv2WebAclRuleOverrideAction",
    "Wafv2WebAclRuleOverrideActionNone",
    "Wafv2WebAclRuleVisibilityConfig",
    "Wafv2WebAclVisibilityConfig",
]
