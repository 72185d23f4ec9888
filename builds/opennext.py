"""Read an OpenNext build output (`.open-next/` directory, `.zip` or `.tar.gz`) into `OpenNextOutput`.

Why strict: every origin, bundle and behavior in the manifest becomes a Lambda
function, an upload or a CloudFront behavior. An origin type we cannot host, a
bundle that is not on disk or a manifest shape we do not know is unusable input
(exit 2) with the file and the field named, never a half-built stage. The
shape checked here is what `@opennextjs/aws` writes in
`dist/build/generateOutput.js` (3.x and 4.x share it; OpenNext 2 wrote no manifest).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builds.archive import extract, is_archive
from builds.errors import BuildInputError
from builds.opennext_model import Behavior, CopyRule, FunctionBundle, FunctionOrigin, OpenNextOutput, S3Origin

MANIFEST = "open-next.output.json"
REQUIRED_ORIGINS = ("s3", "imageOptimizer", "default")


class _Reader:
    """Field access that names the manifest file and the JSON path in every error."""

    def __init__(self, manifest: Path, root: Path) -> None:
        self.manifest, self.root = manifest, root

    def fail(self, field: str, problem: str) -> BuildInputError:
        return BuildInputError(f"{self.manifest}: field {field!r} {problem}")

    def get(self, data: dict, key: str, field: str, kind: type | tuple, optional: bool = False) -> Any:
        if key not in data or data[key] is None:
            if optional:
                return None
            raise self.fail(
                f"{field}.{key}" if field else key, "is missing; rebuild with `npx open-next build`"
            )
        value = data[key]
        if not isinstance(value, kind):
            expected = getattr(kind, "__name__", kind)
            raise self.fail(
                f"{field}.{key}" if field else key,
                f"should be {expected}, got {type(value).__name__} {value!r}",
            )
        return value

    def directory(self, relative: str, field: str) -> Path:
        """`.open-next/...` paths in the manifest are relative to the app; resolve under `root`."""
        parts = Path(relative).parts
        path = self.root.joinpath(*(parts[1:] if parts and parts[0] == ".open-next" else parts))
        if ".." in parts or not path.is_dir():
            raise self.fail(
                field,
                f"names bundle directory {relative!r}, which is not in {self.root}; "
                "the artifact is incomplete: archive the whole .open-next directory",
            )
        return path

    def bundle(self, data: dict, field: str) -> tuple[str, Path]:
        handler = self.get(data, "handler", field, str)
        bundle = self.directory(self.get(data, "bundle", field, str), f"{field}.bundle")
        module = handler.rsplit(".", 1)[0]
        if not any((bundle / f"{module}{suffix}").is_file() for suffix in (".mjs", ".js", ".cjs")):
            raise self.fail(f"{field}.handler", f"is {handler!r} but {bundle} has no {module}.mjs/.js/.cjs")
        return handler, bundle


def _function(reader: _Reader, name: str, data: dict) -> FunctionOrigin:
    field = f"origins.{name}"
    kind = data.get("type")
    if kind != "function":
        hint = (
            "ECS origins (generateDockerfile) are not hosted here; use Lambda"
            if kind == "ecs"
            else "known origin types: function, s3"
        )
        raise reader.fail(f"{field}.type", f"is {kind!r}, which cannot be hosted ({hint})")
    handler, bundle = reader.bundle(data, field)
    text = {
        key: reader.get(data, key, field, str, optional=True)
        for key in ("wrapper", "converter", "imageLoader", "queue", "incrementalCache", "tagCache")
    }
    return FunctionOrigin(
        name=name,
        handler=handler,
        bundle=bundle,
        streaming=bool(reader.get(data, "streaming", field, bool, optional=True)),
        wrapper=text["wrapper"] or "aws-lambda",
        converter=text["converter"] or "aws-apigw-v2",
        image_loader=text["imageLoader"],
        queue=text["queue"],
        incremental_cache=text["incrementalCache"],
        tag_cache=text["tagCache"],
    )


def _s3(reader: _Reader, data: dict) -> S3Origin:
    if data.get("type") != "s3":
        raise reader.fail("origins.s3.type", f"is {data.get('type')!r}; expected 's3'")
    rules = []
    for index, entry in enumerate(reader.get(data, "copy", "origins.s3", list)):
        field = f"origins.s3.copy[{index}]"
        if not isinstance(entry, dict):
            raise reader.fail(field, f"should be an object, got {entry!r}")
        rules.append(
            CopyRule(
                source=reader.directory(reader.get(entry, "from", field, str), f"{field}.from"),
                destination=reader.get(entry, "to", field, str).strip("/"),
                cached=reader.get(entry, "cached", field, bool),
                versioned_subdir=reader.get(entry, "versionedSubDir", field, str, optional=True),
            )
        )
    origin_path = reader.get(data, "originPath", "origins.s3", str).strip("/")
    return S3Origin(origin_path=origin_path, copy=tuple(rules))


def _extra(reader: _Reader, props: dict, key: str) -> FunctionBundle | None:
    data = reader.get(props, key, "additionalProps", dict, optional=True)
    return None if data is None else FunctionBundle(*reader.bundle(data, f"additionalProps.{key}"))


def parse_output(root: Path) -> OpenNextOutput:
    """Parse `root/open-next.output.json`, where `root` is a `.open-next` directory."""
    manifest = root / MANIFEST
    if not manifest.is_file():
        raise BuildInputError(
            f"{manifest}: missing; point at the .open-next directory of an OpenNext "
            "3.x/4.x build (`npx open-next build`), or an archive of it"
        )
    try:
        data = json.loads(manifest.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BuildInputError(f"{manifest}: not valid JSON ({error})") from error
    reader = _Reader(manifest, root)
    if not isinstance(data, dict) or "origins" not in data or "behaviors" not in data:
        raise BuildInputError(
            f"{manifest}: unknown manifest shape (expected the OpenNext 3.x/4.x keys "
            "'origins', 'behaviors', 'additionalProps'); "
            "rebuild with @opennextjs/aws 3 or 4"
        )
    origins = reader.get(data, "origins", "", dict)
    for name in REQUIRED_ORIGINS:
        reader.get(origins, name, "origins", dict)
    split = tuple(
        _function(reader, name, value)
        for name, value in origins.items()
        if name not in REQUIRED_ORIGINS and reader.get(origins, name, "origins", dict) is not None
    )
    behaviors = []
    for index, entry in enumerate(reader.get(data, "behaviors", "", list)):
        field = f"behaviors[{index}]"
        origin = reader.get(entry, "origin", field, str, optional=True) if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or (origin is not None and origin not in origins):
            raise reader.fail(field, f"is {entry!r}: its origin must be one of {sorted(origins)}")
        behaviors.append(
            Behavior(
                reader.get(entry, "pattern", field, str),
                origin,
                reader.get(entry, "edgeFunction", field, str, optional=True),
            )
        )
    props = reader.get(data, "additionalProps", "", dict, optional=True) or {}
    return OpenNextOutput(
        root=root,
        s3=_s3(reader, origins["s3"]),
        image_optimizer=_function(reader, "imageOptimizer", origins["imageOptimizer"]),
        default=_function(reader, "default", origins["default"]),
        split_functions=split,
        behaviors=tuple(behaviors),
        warmer=_extra(reader, props, "warmer"),
        initialization=_extra(reader, props, "initializationFunction"),
        revalidation=_extra(reader, props, "revalidationFunction"),
        edge_functions=tuple(sorted(reader.get(data, "edgeFunctions", "", dict, optional=True) or {})),
    )


def load_output(path: Path, extract_dir: Path | None = None) -> OpenNextOutput:
    """Load from a `.open-next` directory, the app directory holding one, or an archive of either.

    Archives are extracted (safely) into `extract_dir` (default: next to the archive,
    `<name>.extracted/`), then searched for `open-next.output.json` at the top or one level down.
    """
    path = Path(path).resolve()
    if is_archive(path):
        target = extract_dir or path.with_name(path.name.split(".")[0] + ".extracted")
        path = extract(path, target)
    elif not path.is_dir():
        raise BuildInputError(f"{path}: not a directory or a .zip/.tar.gz archive of an OpenNext build")
    for candidate in (path, path / ".open-next"):
        if (candidate / MANIFEST).is_file():
            return parse_output(candidate)
    return parse_output(path)
