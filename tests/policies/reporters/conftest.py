"""A small real result for reporter tests: one error, one suppressed finding, one clean stack."""

import datetime as dt

import pytest

from policies.api import check_paths
from tests.policies.helpers import contract_environment, lambda_function, log_group, stack, write_json


@pytest.fixture
def result(tmp_path):
    write_json(
        tmp_path / "out/stacks/dev/cdk.tf.json",
        stack(
            "dev",
            {
                "aws_lambda_function.api": lambda_function(
                    architectures=["x86_64"], runtime="nodejs18.x", environment=contract_environment()
                ),
                "aws_cloudwatch_log_group.api": log_group(),
            },
        ),
    )
    write_json(tmp_path / "out/stacks/prod/cdk.tf.json", stack("prod"))
    suppressions = tmp_path / "s.yaml"
    suppressions.write_text(
        "suppressions:\n  - rule: SGCT004\n    resource: dev/api\n    stages: [dev]\n"
        "    reason: Node 18 until the SDK upgrade lands\n    expires: 2099-01-01\n"
    )
    return check_paths([tmp_path / "out"], suppressions_file=suppressions, today=dt.date(2026, 1, 1))
