"""Fixtures for the review tests: one real plan per session (skips without Terraform)."""

import pytest

from harness.toolchain import find_terraform, missing_terraform_reason
from tests.review.plan_fixtures import PlanFixture, make_plan


@pytest.fixture(scope="session")
def real_plan(tmp_path_factory) -> PlanFixture:
    if find_terraform() is None:
        pytest.skip(missing_terraform_reason())
    return make_plan(tmp_path_factory.mktemp("review-plan"))
