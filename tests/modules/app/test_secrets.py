"""Secrets: sensitive variables supplied as TF_VAR_<NAME>; never a literal in any stack."""

import pytest

from harness import Match
from harness.synth import SynthOutput, run_synth
from modules.app.secrets import SECRET_NAMES, Secrets, SecretsProps, literal_secret_keys, tf_var_name
from stages import resolve_stage
from tests.modules.synth import scratch_scope, synth_scenarios

PLATFORM_STACKS = ["prod", "staging", "dev", "pr-123"]
SENTINEL = "sentinel-secret-value-7f3a"


@pytest.fixture(scope="module")
def declared(tmp_path_factory):
    def build(stack, stage):
        return Secrets(stack, "secrets", SecretsProps(names=("DATABASE_URL", "GEMINI_API_KEY")))

    stacks, built = synth_scenarios(
        {"two": (resolve_stage("dev"), build)}, tmp_path_factory.mktemp("scenarios")
    )
    return stacks["two"], built["two"]


def test_each_secret_is_a_sensitive_required_variable_named_like_the_secret(declared):
    stack, _ = declared
    assert set(stack.config["variable"]) == {"DATABASE_URL", "GEMINI_API_KEY"}
    for variable in stack.config["variable"].values():
        assert variable["sensitive"] is True and variable["nullable"] is False
        assert "default" not in variable, "a default would let a stage run with a placeholder credential"


def test_references_and_environment_are_terraform_references(declared):
    stack, secrets = declared
    env = secrets.environment()
    assert set(env) == {"DATABASE_URL", "GEMINI_API_KEY"}
    assert literal_secret_keys(env) == []
    with pytest.raises(KeyError, match="not declared"):
        secrets.reference("QSTASH_TOKEN")


def test_literal_secret_values_are_detected():
    assert literal_secret_keys({"DATABASE_URL": "postgres://x", "STAGE": "dev"}) == ["DATABASE_URL"]


def test_ci_variable_name():
    assert tf_var_name("DATABASE_URL") == "TF_VAR_DATABASE_URL"


@pytest.mark.parametrize(
    "names, message",
    [
        ((), "empty"),
        (("database_url",), "upper-case"),
        (("DATABASE_URL", "DATABASE_URL"), "more than once"),
    ],
)
def test_bad_secret_names_are_refused(names, message):
    with pytest.raises(ValueError, match=message):
        SecretsProps(names=names)


def test_secrets_construct_uses_the_validated_props(tmp_path):
    with pytest.raises(ValueError, match="upper-case"):
        Secrets(scratch_scope(tmp_path), "secrets", SecretsProps(names=("bad-name",)))


@pytest.mark.parametrize("stage", PLATFORM_STACKS)
def test_every_stage_declares_every_secret_as_sensitive(synth_output, stage):
    variables = synth_output.stack(stage).config["variable"]
    assert SECRET_NAMES, "the app contract names no secrets"
    for name in SECRET_NAMES:
        assert variables[name]["sensitive"] is True and "default" not in variables[name]


@pytest.mark.parametrize("stage", PLATFORM_STACKS)
def test_every_secret_env_var_is_a_variable_reference(template, stage):
    stack = template(stage)
    assert SECRET_NAMES, "the app contract names no secrets"
    api_variables = {name: Match.any_value() for name in SECRET_NAMES}
    stack.has_resource_properties(
        "aws_lambda_function",
        {
            "function_name": f"sgcarstrends-{stage}-api",
            "environment": {"variables": {**api_variables, "STAGE": stage}},
        },
    )
    for name in SECRET_NAMES:
        literal = {"environment": {"variables": {name: Match.not_("${var." + name + "}")}}}
        stack.resource_properties_count_is("aws_lambda_function", literal, 0)


@pytest.fixture(scope="module")
def synth_with_secrets_in_environment(tmp_path_factory) -> SynthOutput:
    """Synthesize with every secret set in the environment (plain and TF_VAR_) to a sentinel."""
    env = {}
    for index, name in enumerate(SECRET_NAMES):
        env[name] = env[tf_var_name(name)] = f"{SENTINEL}-{index}"
    outdir = tmp_path_factory.mktemp("secrets-synth") / "cdktf.out"
    run_synth(outdir, ("pr-123",), extra_env=env)
    return SynthOutput(outdir)


def test_no_secret_value_reaches_any_stack_even_when_ci_has_them_set(synth_with_secrets_in_environment):
    output = synth_with_secrets_in_environment
    assert output.stack_names(), "nothing was synthesized"
    for name in output.stack_names():
        text = output.stack(name).path.read_text()
        assert SENTINEL not in text, f"a secret value leaked into stack {name}"
    assert '"${var.DATABASE_URL}"' in output.stack("prod").path.read_text()
