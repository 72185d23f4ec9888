"""Rollback on moto: functions with published versions, the `live` alias moved back for real."""

import pytest

from operations.errors import OperationError, OperationInputError
from operations.rollback import restore, rollback
from stages import resolve_stage
from tests.operations.lambda_fixtures import function_with_versions, live_version

DEV = resolve_stage("dev")
API, WEB = "sgcarstrends-dev-api", "sgcarstrends-dev-web"


def test_rollback_moves_live_one_version_back(aws):
    function_with_versions(aws, API, versions=2, live="2")
    moves = rollback(aws, DEV)
    assert [(m.function_name, m.from_version, m.to_version) for m in moves] == [(API, "2", "1")]
    assert live_version(aws, API) == "1"


def test_rollback_covers_every_aliased_function_and_skips_others(aws):
    function_with_versions(aws, API, versions=3, live="3")
    function_with_versions(aws, WEB, versions=2, live="2")
    rollback(aws, DEV)
    assert (live_version(aws, API), live_version(aws, WEB)) == ("2", "1")


def test_rollback_to_a_named_version_of_one_function(aws):
    function_with_versions(aws, API, versions=3, live="3")
    function_with_versions(aws, WEB, versions=2, live="2")
    with pytest.raises(OperationInputError, match="ambiguous"):
        rollback(aws, DEV, to="1")
    rollback(aws, DEV, to="1", function="api")
    assert (live_version(aws, API), live_version(aws, WEB)) == ("1", "2")


def test_rollback_refuses_a_version_that_does_not_exist(aws):
    function_with_versions(aws, API, versions=2, live="2")
    with pytest.raises(OperationError, match="has no published version '7'"):
        rollback(aws, DEV, to="7")
    assert live_version(aws, API) == "2"


def test_rollback_with_nothing_older_says_so(aws):
    function_with_versions(aws, API, versions=1, live="1")
    with pytest.raises(OperationError, match="no published version older than 1"):
        rollback(aws, DEV)


def test_rollback_without_aliases_is_an_error(aws):
    with pytest.raises(OperationError, match="no function of stage dev has a live alias"):
        rollback(aws, DEV)


def test_unknown_function_is_unusable_input(aws):
    with pytest.raises(OperationInputError, match="not one of stage dev's functions") as caught:
        rollback(aws, DEV, function="nope")
    assert caught.value.exit_code == 2


def test_restore_returns_to_recorded_versions(aws):
    function_with_versions(aws, API, versions=2, live="2")
    moves = restore(aws, {API: "1"})
    assert [(m.from_version, m.to_version) for m in moves] == [("2", "1")]
    assert restore(aws, {API: "1"}) == [], "already there: nothing moves"
