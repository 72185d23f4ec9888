"""The naming catalogue: declarative groups by resource kind, no name twice."""

import pytest

from stages import naming
from stages.naming import NAME_KINDS, NameKind, build_catalogue


def test_every_kind_group_names_at_least_one_resource():
    assert NAME_KINDS
    for kind in NAME_KINDS:
        assert kind.suffixes or kind.patterns, kind.resource_kind


def test_a_name_listed_twice_is_refused_with_both_kinds():
    kinds = (
        NameKind("Lambda function", 64, suffixes=("api",)),
        NameKind("SNS topic", 256, suffixes=("api",)),
    )
    with pytest.raises(ValueError, match=r"'api' is catalogued twice \(Lambda function and SNS topic\)"):
        build_catalogue(kinds)


def test_a_pattern_key_clashing_with_a_suffix_is_refused():
    kinds = (NameKind("KMS alias", 256, suffixes=("alias/x",), patterns=(("alias/x", "alias/{prefix}-x"),)),)
    with pytest.raises(ValueError, match="catalogued twice"):
        build_catalogue(kinds)


def test_lookup_renders_suffixes_and_patterns():
    assert naming.lookup("web-assets").render("sgcarstrends-dev") == "sgcarstrends-dev-web-assets"
    log_group = naming.lookup("/aws/lambda/api")
    assert (log_group.resource_kind, log_group.render("sgcarstrends-dev")) == (
        "CloudWatch log group",
        "/aws/lambda/sgcarstrends-dev-api",
    )


def test_an_uncatalogued_name_says_where_to_add_it():
    with pytest.raises(KeyError, match="NAME_KINDS"):
        naming.lookup("pager")


def test_catalogue_holds_each_kind_limit():
    limits = {name.resource_kind: name.max_length for name in naming.catalogue()}
    assert limits["S3 bucket"] == 63 and limits["Lambda function"] == 64 and limits["CloudWatch alarm"] == 255
