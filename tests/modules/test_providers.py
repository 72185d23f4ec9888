"""Providers: region, us-east-1 alias, default tags, no Cloudflare token literal."""

import json

import pytest

STAGES = ["prod", "staging", "dev", "pr-123"]


@pytest.mark.parametrize("stage", STAGES)
def test_aws_primary_region_and_global_alias(synth_output, stage):
    aws = synth_output.stack(stage).providers["aws"]
    primary = [p for p in aws if "alias" not in p]
    aliased = {p["alias"]: p for p in aws if "alias" in p}
    assert [p["region"] for p in primary] == ["ap-southeast-1"]
    assert aliased["us_east_1"]["region"] == "us-east-1"


@pytest.mark.parametrize("stage", STAGES)
def test_every_aws_provider_sets_default_tags(synth_output, stage):
    for provider in synth_output.stack(stage).providers["aws"]:
        assert provider["default_tags"] == [{"tags": {"app": "sgcarstrends", "stage": stage, "managed-by": "cdktf"}}]


@pytest.mark.parametrize("stage", STAGES)
def test_cloudflare_token_is_never_in_the_json(synth_output, stage, monkeypatch):
    cloudflare = synth_output.stack(stage).providers["cloudflare"]
    assert cloudflare == [{}], "the provider must read CLOUDFLARE_API_TOKEN from the environment"
    assert "api_token" not in json.dumps(synth_output.stack(stage).config)
