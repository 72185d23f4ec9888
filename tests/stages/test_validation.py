"""Every stage-name rule, with a failing and a passing case, plus properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stages import PERMANENT_STAGES, StageNameError, ephemeral_stage, naming, selected_stages


@pytest.mark.parametrize(
    "bad, rule, hint",
    [
        ("", "stage-name/dns-label", "empty"),
        ("PR-123", "stage-name/dns-label", "'pr-123'"),
        ("pr_123", "stage-name/dns-label", "DNS label"),
        ("pr.123", "stage-name/dns-label", "DNS label"),
        ("-pr", "stage-name/dns-label", "DNS label"),
        ("pr-", "stage-name/dns-label", "DNS label"),
        ("123", "stage-name/dns-label", "starting with a letter"),
        ("a" * 64, "stage-name/dns-label", "1-63"),
        ("prod", "stage-name/permanent-name", "permanent stage"),
        ("staging", "stage-name/permanent-name", "permanent stage"),
        ("dev", "stage-name/permanent-name", "permanent stage"),
        ("www", "stage-name/reserved", "redirect"),
        ("api", "stage-name/reserved", "API hostname"),
        ("bootstrap", "stage-name/reserved", "state-bucket"),
        ("api-pr-1", "stage-name/api-prefix", "'pr-1'"),
        ("f" * 40, "stage-name/aws-name-too-long", "AWS allows"),
    ],
)
def test_bad_names_name_the_rule_and_value(bad, rule, hint):
    with pytest.raises(StageNameError) as caught:
        ephemeral_stage(bad)
    assert caught.value.rule == rule
    assert caught.value.value == bad
    assert rule in str(caught.value) and hint in str(caught.value)


@pytest.mark.parametrize("good", ["pr-123", "feature-auth", "a", "apix", "www2", "pr-1-2", "f" * 25])
def test_good_names_are_accepted(good):
    assert ephemeral_stage(good).name == good


def test_longest_accepted_name_is_limited_by_the_tightest_aws_name():
    tightest = min(naming.catalogue(), key=lambda d: d.max_length - len(d.render("sgcarstrends-")))
    budget = tightest.max_length - len(tightest.render("sgcarstrends-"))
    longest = max(len(name) for name in ("f" * n for n in range(1, 64)) if _accepted(name))
    assert longest == budget
    assert len(tightest.render(f"sgcarstrends-{'f' * longest}")) == tightest.max_length
    with pytest.raises(StageNameError, match=f"at most {budget} characters") as caught:
        ephemeral_stage("f" * (budget + 1))
    assert tightest.resource_kind in str(caught.value)


def _accepted(name):
    try:
        ephemeral_stage(name)
    except StageNameError:
        return False
    return True


def test_hostname_label_limit_is_checked(monkeypatch):
    from stages import validation

    monkeypatch.setattr(validation, "check_aws_name_lengths", lambda name: None)
    from stages import catalog

    monkeypatch.setattr(catalog, "check_aws_name_lengths", lambda name: None)
    with pytest.raises(StageNameError, match="stage-name/hostname-too-long"):
        ephemeral_stage("a" * 60)  # api-aaaa... is a 64-character label
    assert ephemeral_stage("a" * 59).api_domain.startswith("api-")


def test_selected_stages_validates_every_name_before_returning():
    with pytest.raises(StageNameError, match="stage-name/permanent-name"):
        selected_stages([], environ={"SGCT_EPHEMERAL_STAGES": "pr-1, prod"})
    names = [
        stage.name for stage in selected_stages(["pr-1"], environ={"SGCT_EPHEMERAL_STAGES": "pr-2 pr-1"})
    ]
    assert names == ["prod", "staging", "dev", "pr-1", "pr-2"]


ALL_PERMANENT_HOSTNAMES = {
    hostname for stage in PERMANENT_STAGES.values() for hostname in (*stage.hostnames, stage.wildcard_domain)
}
names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789-_.", min_size=0, max_size=70)


@settings(max_examples=300, deadline=None)
@given(names)
def test_any_name_is_either_refused_clearly_or_valid_unique_and_in_limits(name):
    try:
        stage = ephemeral_stage(name)
    except StageNameError as error:
        assert error.rule.startswith("stage-name/") and error.value == name
        return
    assert not set(stage.hostnames) & ALL_PERMANENT_HOSTNAMES
    assert stage.hostnames and naming.catalogue(), f"{name}: no hostnames or no catalogued names"
    for hostname in stage.hostnames:
        assert all(1 <= len(label) <= 63 for label in hostname.split("."))
    for derived in naming.catalogue():
        assert len(derived.render(stage.prefix)) <= derived.max_length


@settings(max_examples=300, deadline=None)
@given(names, names)
def test_two_accepted_ephemeral_stages_never_share_a_hostname(first, second):
    if first == second or not (_accepted(first) and _accepted(second)):
        return
    assert not set(ephemeral_stage(first).hostnames) & set(ephemeral_stage(second).hostnames)
