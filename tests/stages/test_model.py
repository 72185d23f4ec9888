"""The stages as data: domains, kinds, protection, settings."""

from dataclasses import replace

import pytest

from stages import PERMANENT_STAGES, Protection, StageKind, StageSettings, naming, resolve_stage


@pytest.mark.parametrize(
    "name, web, api",
    [
        ("prod", "sgcarstrends.com", "api.sgcarstrends.com"),
        ("staging", "staging.sgcarstrends.com", "api.staging.sgcarstrends.com"),
        ("dev", "dev.sgcarstrends.com", "api.dev.sgcarstrends.com"),
        ("pr-123", "pr-123.sgcarstrends.com", "api-pr-123.sgcarstrends.com"),
        ("feature-auth", "feature-auth.sgcarstrends.com", "api-feature-auth.sgcarstrends.com"),
    ],
)
def test_domains_follow_the_stage_table(name, web, api):
    stage = resolve_stage(name)
    assert (stage.web_domain, stage.api_domain) == (web, api)


def test_only_prod_redirects_www_to_the_apex():
    assert resolve_stage("prod").redirect_domains == ("www.sgcarstrends.com",)
    assert all(not resolve_stage(name).redirect_domains for name in ("staging", "dev", "pr-1"))


def test_permanent_stages_carry_a_wildcard_and_ephemeral_ones_do_not():
    assert resolve_stage("prod").wildcard_domain == "*.sgcarstrends.com"
    assert resolve_stage("staging").wildcard_domain == "*.staging.sgcarstrends.com"
    assert resolve_stage("pr-9").wildcard_domain is None


def test_protection_levels():
    assert {name: stage.protection for name, stage in PERMANENT_STAGES.items()} == {
        "prod": Protection.PROTECTED,
        "staging": Protection.RETAINED,
        "dev": Protection.NONE,
    }
    ephemeral = resolve_stage("pr-123")
    assert ephemeral.kind is StageKind.EPHEMERAL and ephemeral.protection is Protection.NONE
    assert ephemeral.force_destroy and not resolve_stage("staging").force_destroy


def test_cors_is_narrow_on_prod_and_open_elsewhere():
    prod = resolve_stage("prod").settings
    assert prod.cors_allow_origins == ("https://sgcarstrends.com",)
    assert prod.cors_max_age_seconds == 86_400
    assert resolve_stage("dev").settings.cors_allow_origins == ("*",)
    assert resolve_stage("pr-5").settings.cors_allow_origins == ("*",)


def test_stage_is_immutable():
    with pytest.raises(AttributeError):
        resolve_stage("dev").name = "prod"


def test_names_are_prefixed_with_app_and_stage():
    assert resolve_stage("pr-7").name_for("api") == "sgcarstrends-pr-7-api"
    assert resolve_stage("prod").name_for("/aws/lambda/api") == "/aws/lambda/sgcarstrends-prod-api"


def test_uncatalogued_name_suffix_is_refused_with_a_hint():
    with pytest.raises(KeyError, match="naming catalogue"):
        resolve_stage("dev").name_for("not-a-registered-suffix")


def test_every_catalogued_name_fits_for_permanent_stages():
    assert PERMANENT_STAGES and naming.catalogue(), "no permanent stages or no catalogued names"
    for stage in PERMANENT_STAGES.values():
        for derived in naming.catalogue():
            assert len(derived.render(stage.prefix)) <= derived.max_length


def test_tags_name_app_stage_and_tool():
    assert resolve_stage("staging").tags == {"app": "sgcarstrends", "stage": "staging", "managed-by": "cdktf"}


def test_unsupported_log_retention_is_refused():
    with pytest.raises(ValueError, match="retention"):
        StageSettings(log_retention_days=10)
    assert StageSettings(log_retention_days=14).log_retention_days == 14


@pytest.mark.parametrize("rate, burst", [(10.0, None), (None, 20)])
def test_half_configured_throttling_is_refused_where_the_setting_lives(rate, burst):
    with pytest.raises(ValueError, match="both throttle_rate_limit and throttle_burst_limit, or neither"):
        StageSettings(throttle_rate_limit=rate, throttle_burst_limit=burst)


def test_throttling_set_in_full_or_not_at_all_is_accepted():
    assert StageSettings(throttle_rate_limit=10.0, throttle_burst_limit=20).throttle_burst_limit == 20
    assert StageSettings().throttle_rate_limit is None


def test_apex_and_redirects_are_stage_data_not_name_checks():
    prod = resolve_stage("prod")
    assert (prod.web_at_apex, prod.redirect_domains) == (True, ("www.sgcarstrends.com",))
    renamed = replace(prod, name="live")
    assert renamed.web_domain == "sgcarstrends.com", "the apex follows the data, not the name 'prod'"
    assert replace(prod, web_at_apex=False).web_domain == "prod.sgcarstrends.com"


@pytest.mark.parametrize("host", ["www.example.com", "sgcarstrends.com"])
def test_redirect_domains_must_be_other_hostnames_in_the_zone(host):
    with pytest.raises(ValueError, match="redirect domain"):
        replace(resolve_stage("prod"), redirect_domains=(host,))
