"""SGCT_WEB_ARTIFACT: an OpenNext output (directory or archive) becomes the hosting; none: infra-only."""

import shutil

import pytest

from builds.errors import BuildInputError
from modules.web.hosting import WebHosting
from modules.web.web_artifact import web_hosting_from_environ
from tests.builds.synthetic_output import write_output


def test_no_artifact_is_infrastructure_only_mode():
    assert web_hosting_from_environ(None) == WebHosting()


def test_a_zip_of_the_build_is_extracted_and_hosted(tmp_path):
    output = write_output(tmp_path / "app", "b1")
    archive = shutil.make_archive(str(tmp_path / "web"), "zip", root_dir=output.parent, base_dir=".open-next")
    hosting = web_hosting_from_environ(archive)
    assert hosting.has_build and hosting.server.code_path.endswith("server-functions/default")
    assert (tmp_path / "web.extracted").is_dir()


def test_a_missing_artifact_is_unusable_input(tmp_path):
    with pytest.raises(BuildInputError, match="not a directory or a .zip/.tar.gz") as caught:
        web_hosting_from_environ(str(tmp_path / "nope"))
    assert caught.value.exit_code == 2
