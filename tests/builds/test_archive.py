import io
import tarfile
import zipfile

import pytest

from builds.errors import BuildInputError
from builds.opennext import load_output
from tests.builds.synthetic_output import write_output


def test_zip_and_tar_gz_of_dot_open_next_load_like_the_directory(tmp_path):
    root = write_output(tmp_path / "app", "b1")
    with zipfile.ZipFile(tmp_path / "out.zip", "w") as bundle:
        for path in root.rglob("*"):
            bundle.write(path, path.relative_to(root.parent).as_posix())
    with tarfile.open(tmp_path / "out.tar.gz", "w:gz") as bundle:
        bundle.add(root, arcname=".open-next")
    for name in ("out.zip", "out.tar.gz"):
        output = load_output(tmp_path / name, extract_dir=tmp_path / f"x-{name}")
        assert output.build_id == "b1" and output.root == tmp_path / f"x-{name}" / ".open-next"
        assert output.default.bundle.is_dir()


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil.txt", ".open-next/../../evil.txt"])
def test_members_escaping_the_target_are_refused_before_anything_is_written(tmp_path, name):
    with zipfile.ZipFile(tmp_path / "bad.zip", "w") as bundle:
        bundle.writestr(".open-next/ok.txt", "fine")
        bundle.writestr(name, "evil")
    with pytest.raises(BuildInputError, match="outside the target"):
        load_output(tmp_path / "bad.zip", extract_dir=tmp_path / "x")
    assert not (tmp_path / "x").exists() and not (tmp_path.parent / "evil.txt").exists()


def test_links_in_a_tarball_are_refused(tmp_path):
    with tarfile.open(tmp_path / "bad.tar.gz", "w:gz") as bundle:
        link = tarfile.TarInfo(".open-next/assets")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc"
        bundle.addfile(link)
    with pytest.raises(BuildInputError, match="not a regular file"):
        load_output(tmp_path / "bad.tar.gz", extract_dir=tmp_path / "x")


def test_a_corrupt_archive_is_unusable_input(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    (tmp_path / "bad.tar.gz").write_bytes(io.BytesIO(b"\x1f\x8bjunk").getvalue())
    for name in ("bad.zip", "bad.tar.gz"):
        with pytest.raises(BuildInputError, match="not a readable"):
            load_output(tmp_path / name, extract_dir=tmp_path / "x")
