import json

import pytest

from operations.errors import PublishError
from operations.stage_outputs import read_outputs, resolve_target


def test_outputs_file_in_terraform_format_and_overrides(tmp_path):
    path = tmp_path / "outputs.json"
    path.write_text(
        json.dumps(
            {
                "web_assets_bucket": {"value": "bkt", "type": "string"},
                "cdn_distribution_id": {"value": "E123", "type": "string"},
            }
        )
    )
    outputs = read_outputs("prod", path, tmp_path)
    assert resolve_target("prod", outputs, None, None).distribution_id == "E123"
    assert resolve_target("prod", outputs, "other", "E9").bucket == "other"
    assert resolve_target("prod", {"web_assets_bucket": "b"}, None, None).distribution_id is None


def test_missing_bucket_output_and_missing_stage_are_unusable_input(tmp_path):
    with pytest.raises(PublishError, match="no 'web_assets_bucket' output") as error:
        resolve_target("dev", {}, None, None)
    assert error.value.exit_code == 2
    with pytest.raises(PublishError, match=r"stacks/dev does not exist|no terraform"):
        read_outputs("dev", None, tmp_path / "stacks")
