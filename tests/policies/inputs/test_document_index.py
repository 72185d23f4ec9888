"""The document index: built once per document, shared by every rule, so checking stays linear."""

from __future__ import annotations

import pytest

from policies.engine import check_documents
from policies.inputs import document_index
from policies.inputs.config_view import config_document
from tests.policies.helpers import stack


def _keys_and_topics(count: int) -> dict:
    """`count` us-east-1 KMS keys, each used by a topic: the region rule asks who uses every key."""
    resources = {}
    for index in range(count):
        resources[f"aws_kms_key.k{index}"] = {"provider": "aws.us_east_1", "description": f"key {index}"}
        resources[f"aws_sns_topic.t{index}"] = {
            "provider": "aws.us_east_1",
            "name": f"sgcarstrends-dev-t{index}",
            "kms_master_key_id": f"${{aws_kms_key.k{index}.arn}}",
        }
    return resources


def _reference_walks(monkeypatch, count: int) -> tuple[int, int]:
    """(reference index builds, calls of the reference walker) for checking a `count`-key document."""
    calls = 0
    walk = document_index.references

    def counted(value, found):
        nonlocal calls
        calls += 1
        walk(value, found)

    monkeypatch.setattr(document_index, "references", counted)
    document = config_document("dev/cdk.tf.json", stack("dev", _keys_and_topics(count)))
    check_documents([document])
    return document.index.reference_builds, calls


def test_the_reference_index_is_built_once_for_all_rules(monkeypatch):
    builds, calls = _reference_walks(monkeypatch, 5)
    assert builds == 1 and calls > 0


@pytest.mark.parametrize("small", [5])
def test_reference_work_grows_linearly_with_the_document(monkeypatch, small):
    _, at_small = _reference_walks(monkeypatch, small)
    _, at_ten_times = _reference_walks(monkeypatch, small * 10)
    assert at_small > 0
    # Quadratic work (every key rescanning every resource) would be ~100x here.
    assert at_ten_times <= at_small * 12


def test_referrers_and_types_answer_like_a_full_scan():
    document = config_document("dev/cdk.tf.json", stack("dev", _keys_and_topics(3)))
    users = document.index.referrers("aws_kms_key.k1")
    assert [user.address for user in users] == ["aws_sns_topic.t1"]
    assert document.index.referrers("aws_kms_key.nope") == []
    keys = document.of_type("aws_kms_key")
    assert [key.address for key in keys] == [f"aws_kms_key.k{index}" for index in range(3)]
    both = document.of_type("aws_sns_topic", "aws_kms_key")
    assert len(both) == 6 and [r.address for r in both] == [r.address for r in document.resources.values()]
