"""Fixtures for the review tests: one real plan per session (skips without Terraform)."""

import pytest

from tests.review.plan_fixtures import PlanFixture, make_plan


@pytest.fixture(scope="session")
def real_plan(terraform_binary, tmp_path_factory) -> PlanFixture:
    return make_plan(tmp_path_factory.mktemp("review-plan"), terraform_binary)
