"""SGCT013: the API and web functions carry exactly the app contract's environment names."""

from stages.app_contract import HOSTING_RUNTIME_ENV, App, env_names
from tests.policies.helpers import change, lambda_function, plan, run_rule, stack


def _environment(app: App, drop: str | None = None, add: tuple[str, ...] = ()) -> dict:
    names = [name for name in env_names(app) if name != drop] + list(add)
    return {"variables": {name: f"${{var.{name}}}" for name in names}}


def _functions(stage="dev", api=None, web=None) -> dict:
    return {
        "aws_lambda_function.api": lambda_function(stage, "api", environment=api or _environment(App.API)),
        "aws_lambda_function.web": lambda_function(stage, "web", environment=web or _environment(App.WEB)),
    }


def test_the_exact_contract_passes_and_the_web_may_carry_the_hosting_cache_names():
    web = _environment(App.WEB, add=tuple(sorted(HOSTING_RUNTIME_ENV)))
    assert run_rule("SGCT013", stack("pr-7", _functions("pr-7", web=web))) == []


def test_a_missing_name_and_an_extra_name_fail():
    api = _environment(App.API, drop="TWITTER_APP_KEY", add=("TWITTER_API_KEY",))
    findings = run_rule("SGCT013", stack("dev", _functions(api=api)))
    messages = sorted(f.message for f in findings)
    assert {f.address for f in findings} == {"aws_lambda_function.api"}
    assert messages == [
        "api environment carries names not in the contract ['TWITTER_API_KEY']",
        "api environment misses contract names ['TWITTER_APP_KEY']",
    ]


def test_hosting_names_are_refused_on_the_api_and_an_empty_environment_misses_everything():
    api = _environment(App.API, add=("CACHE_BUCKET_NAME",))
    config = stack("dev", _functions(api=api))
    del config["resource"]["aws_lambda_function"]["web"]["environment"]
    findings = {f.address: f.message for f in run_rule("SGCT013", config)}
    assert "['CACHE_BUCKET_NAME']" in findings["aws_lambda_function.api"]
    assert "misses contract names" in findings["aws_lambda_function.web"]
    assert "NEXT_PUBLIC_API_URL" in findings["aws_lambda_function.web"]


def test_other_functions_are_not_the_contract():
    authorizer = lambda_function("dev", "api-authorizer", environment={"variables": {"X": "1"}})
    assert run_rule("SGCT013", stack("dev", {"aws_lambda_function.authorizer": authorizer})) == []


def test_a_plan_is_checked_by_name_only():
    after = lambda_function("dev", "web", environment=[_environment(App.WEB, drop="TZ")])
    findings = run_rule("SGCT013", plan([change("aws_lambda_function.web", ["update"], after, after)], "dev"))
    assert [f.message for f in findings] == ["web environment misses contract names ['TZ']"]
