"""Resource.get and Document.literal fail closed on values they cannot see."""

import pytest

from policies.inputs.config_view import config_document
from policies.inputs.documents import Resource
from policies.model import UnknownValue
from tests.policies.helpers import stack


def test_get_raises_for_after_unknown_paths_and_returns_known_values():
    resource = Resource(
        "aws_x.y", "aws_x", "y", {"a": {"b": 1}, "list": [None]}, unknown={"c": True, "list": [True]}
    )
    assert resource.get("a", "b") == 1
    assert resource.get("missing") is None
    for path in (("c",), ("c", "d"), ("list", 0)):
        with pytest.raises(UnknownValue):
            resource.get(*path)


def test_literal_resolves_same_stack_references_and_refuses_the_rest():
    document = config_document(
        "x", stack("dev", {"aws_lambda_function.f": {"function_name": "sgcarstrends-dev-api"}})
    )
    assert (
        document.literal("/aws/lambda/${aws_lambda_function.f.function_name}", "a", "name")
        == "/aws/lambda/sgcarstrends-dev-api"
    )
    with pytest.raises(UnknownValue):
        document.literal("${aws_lambda_function.f.arn}", "a", "name")
    with pytest.raises(UnknownValue):
        document.literal("${var.name}", "a", "name")
