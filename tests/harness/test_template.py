"""Template assertions on the real synthesized stacks, and their failure messages."""

import pytest

from harness.matchers import Capture, Match
from harness.template import Template

CONFIG = {
    "resource": {
        "aws_lambda_function": {
            "api": {
                "function_name": "sgcarstrends-dev-api",
                "architectures": ["arm64"],
                "memory_size": 512,
                "//": {"metadata": {"path": "dev/api/lambda_function"}},
            },
            "web": {
                "function_name": "sgcarstrends-dev-web",
                "architectures": ["x86_64"],
                "memory_size": 1024,
            },
        },
        "aws_s3_bucket": {"assets": {"bucket": "sgcarstrends-dev-web-assets"}},
    },
    "output": {"api_endpoint": {"value": "${aws_apigatewayv2_api.api.api_endpoint}"}},
}


@pytest.fixture
def sample():
    return Template(CONFIG, "dev")


def test_resource_count_is(sample):
    sample.resource_count_is("aws_lambda_function", 2)
    expected = r"expected 3 aws_lambda_function resources, found 2(.|\n)*aws_s3_bucket"
    with pytest.raises(AssertionError, match=expected):
        sample.resource_count_is("aws_lambda_function", 3)


def test_has_resource_properties_returns_the_address(sample):
    assert (
        sample.has_resource_properties("aws_lambda_function", {"memory_size": 1024})
        == "aws_lambda_function.web"
    )


def test_failure_lists_nearest_resources_with_differing_keys(sample):
    with pytest.raises(AssertionError) as error:
        sample.has_resource_properties(
            "aws_lambda_function", {"architectures": ["arm64"], "memory_size": 1024}
        )
    message = str(error.value)
    assert "none of 2 aws_lambda_function resources match" in message
    # both are one key away; each shows its address, construct path and the differing key
    assert "aws_lambda_function.api (construct dev/api/lambda_function): 1 differences" in message
    assert "/memory_size: expected 1024, got 512" in message
    assert "/architectures/0: expected 'arm64', got 'x86_64'" in message


def test_all_resources_properties_names_the_odd_one_out(sample):
    with pytest.raises(AssertionError, match=r"1 of 2 (.|\n)*aws_lambda_function.web: 1 differences"):
        sample.all_resources_properties("aws_lambda_function", {"architectures": ["arm64"]})
    prefixed = {"function_name": Match.string_like_regexp("^sgcarstrends-dev-")}
    sample.all_resources_properties("aws_lambda_function", prefixed)


def test_missing_type_lists_what_exists(sample):
    with pytest.raises(
        AssertionError, match=r"no aws_sns_topic resources at all(.|\n)*'aws_lambda_function': 2"
    ):
        sample.has_resource_properties("aws_sns_topic", {})


def test_captures_only_keep_values_of_matching_resources(sample):
    name = Capture()
    sample.has_resource_properties("aws_lambda_function", {"function_name": name, "memory_size": 512})
    assert name.values == ["sgcarstrends-dev-api"]


def test_find_resources_and_outputs(sample):
    found = sample.find_resources("aws_lambda_function", {"architectures": ["x86_64"]})
    assert list(found) == ["aws_lambda_function.web"]
    sample.has_output("api_endpoint", {"value": Match.string_like_regexp(r"aws_apigatewayv2_api")})
    with pytest.raises(AssertionError, match="no output 'web_url'; outputs: \\['api_endpoint'\\]"):
        sample.has_output("web_url")


# On the real, session-synthesized stacks ---------------------------------------------------------


@pytest.mark.parametrize("stage", ["prod", "staging", "dev", "pr-123"])
def test_every_lambda_is_arm64_node22(template, stage):
    template(stage).all_resources_properties(
        "aws_lambda_function", {"architectures": ["arm64"], "runtime": "nodejs22.x"}
    )


def test_stage_memory_reaches_the_api_lambda(template):
    memory = Capture()
    template("prod").has_resource_properties(
        "aws_lambda_function", {"function_name": "sgcarstrends-prod-api", "memory_size": memory}
    )
    assert memory.as_number() == 1024
    with pytest.raises(AssertionError, match="memory_size: expected 2048, got 1024"):
        template("prod").has_resource_properties(
            "aws_lambda_function", {"function_name": "sgcarstrends-prod-api", "memory_size": 2048}
        )


def test_from_json_file_reads_cdk_tf_json(synth_output):
    stack = synth_output.stack("dev")
    assert Template.from_json_file(stack.path).resource_types() == Template.from_stack(stack).resource_types()


def test_data_sources_providers_and_construct_paths(template):
    dev = template("dev")
    assert dev.has_data_source("aws_caller_identity").startswith("data.aws_caller_identity.")
    with pytest.raises(AssertionError, match="no aws_region data sources at all"):
        dev.has_data_source("aws_region")
    assert dev.has_provider("aws", {"alias": "us_east_1", "region": "us-east-1"}) == 1
    with pytest.raises(AssertionError, match="none of 2 'aws' provider blocks match"):
        dev.has_provider("aws", {"region": "eu-west-1"})
    with pytest.raises(AssertionError, match="no 'google' provider"):
        dev.has_provider("google")
    address = dev.address_at("api/lambda/function")
    assert address.startswith("aws_lambda_function.api_")
    assert dev.address_at("dev/api/lambda/function") == address
    assert dev.resource_at("api/lambda/function")["function_name"] == "sgcarstrends-dev-api"
    with pytest.raises(AssertionError, match="nearest paths: \\['dev/api/lambda/function'"):
        dev.address_at("api/lambda/functoin")


def test_construct_path_lookup_on_a_small_config(sample):
    assert sample.address_at("api/lambda_function") == "aws_lambda_function.api"
    assert sample.construct_paths() == {"dev/api/lambda_function": "aws_lambda_function.api"}
