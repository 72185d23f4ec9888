"""SGCT012: API Gateway custom domains require TLS 1.2+."""

from tests.policies.helpers import run_rule, stack


def domain(policy):
    configuration = {"certificate_arn": "arn", "endpoint_type": "REGIONAL"}
    if policy:
        configuration["security_policy"] = policy
    return {"domain_name": "api.dev.sgcarstrends.com", "domain_name_configuration": configuration}


def test_tls12_passes():
    assert run_rule("SGCT012", stack("dev", {"aws_apigatewayv2_domain_name.api": domain("TLS_1_2")})) == []


def test_tls10_and_unset_fail():
    config = stack(
        "dev",
        {
            "aws_apigatewayv2_domain_name.api": domain("TLS_1_0"),
            "aws_api_gateway_domain_name.v1": {"domain_name": "x"},
        },
    )
    findings = {f.address: f.message for f in run_rule("SGCT012", config)}
    assert "TLS_1_0" in findings["aws_apigatewayv2_domain_name.api"]
    assert "None" in findings["aws_api_gateway_domain_name.v1"]
