"""Build a `Document` from synthesized Terraform JSON (`cdk.tf.json`).

The stage is the stack's `"//".metadata.stackName` (what CDKTF writes),
unless the caller overrides it; the construct path of each resource is its
`"//".metadata.path`.
"""

from __future__ import annotations

from policies.inputs.documents import Document, Resource
from policies.inputs.shapes import CONFIG_FIX, blocks, fail, optional_object
from policies.inputs.stage_context import stage_context
from policies.model import InputError, InputKind
from sensitive.detection import is_reference


def _metadata(body) -> dict:
    """`body["//"].metadata`, or `{}`: CDKTF's comments are optional and never an error."""
    comment = body.get("//") if isinstance(body, dict) else None
    metadata = comment.get("metadata") if isinstance(comment, dict) else None
    return metadata if isinstance(metadata, dict) else {}


def stack_name(config: dict) -> str | None:
    name = _metadata(config).get("stackName")
    return name if isinstance(name, str) and name else None


def sections(config: dict, section: str, path: str) -> list[tuple[str, str, dict]]:
    """`[(type, name, body)]` of `resource` or `data`; `InputError` unless type -> name -> object."""
    found = []
    by_type = optional_object(
        config.get(section),
        path,
        section,
        CONFIG_FIX,
        "an object of types to named bodies, as cdktf writes it (the array form is not read)",
    )
    for type_name, by_name in by_type.items():
        where = f"{section}.{type_name}"
        for name, body in optional_object(
            by_name, path, where, CONFIG_FIX, "an object of names to bodies"
        ).items():
            if not isinstance(body, dict):
                raise fail(path, f"{where}.{name}", "an object (the resource's arguments)", body, CONFIG_FIX)
            found.append((type_name, name, body))
    return found


def construct_paths(config: dict, path: str = "cdk.tf.json") -> dict[str, str]:
    """`{address: construct path}` from every resource's and data source's `//` metadata."""
    paths = {}
    for prefix, section in (("", "resource"), ("data.", "data")):
        for type_name, name, body in sections(config, section, path):
            construct = _metadata(body).get("path")
            if isinstance(construct, str) and construct:
                paths[f"{prefix}{type_name}.{name}"] = construct
    return paths


def aws_providers(config: dict, path: str = "cdk.tf.json") -> list[dict]:
    """AWS provider blocks as `{"alias", "region", "default_tags", "unknown_tags"}`.

    `unknown_tags` lists `${...}` references given as a whole `tags` map: the
    tags are known only at plan time, so the tags rule cannot verify them.
    """
    providers = []
    by_name = optional_object(
        config.get("provider"),
        path,
        "provider",
        CONFIG_FIX,
        "an object of provider names to blocks, as cdktf writes it",
    )
    for where, block in blocks(by_name.get("aws"), path, "provider.aws", CONFIG_FIX):
        tags, unknown = {}, []
        for tags_where, default_tags in blocks(
            block.get("default_tags"), path, f"{where}.default_tags", CONFIG_FIX
        ):
            value = default_tags.get("tags")
            if isinstance(value, str) and is_reference(value):
                unknown.append(value)
            elif value is not None:
                tags.update(
                    optional_object(
                        value,
                        path,
                        f"{tags_where}.tags",
                        CONFIG_FIX,
                        "an object of tag names to values, or a ${var.x} reference",
                    )
                )
        providers.append(
            {
                "alias": block.get("alias"),
                "region": block.get("region"),
                "default_tags": tags,
                "unknown_tags": tuple(unknown),
            }
        )
    return providers


def _provider_ref(body: dict) -> str | None:
    provider = body.get("provider")
    if isinstance(provider, str):
        return provider.removeprefix("${").removesuffix("}")
    return None


def config_document(path: str, config: dict, stage_override: str | None = None) -> Document:
    """A config `Document`; `InputError` if the JSON is not a Terraform config or has no stage."""
    if not isinstance(config, dict):
        raise InputError(
            f"{path}: expected a JSON object (Terraform JSON config), got {type(config).__name__}"
        )
    name = stage_override or stack_name(config)
    if not name:
        raise InputError(f'{path}: no "//".metadata.stackName to take the stage from; pass --stage NAME')
    stage = stage_context(name, path)
    paths = construct_paths(config, path)
    resources = {}
    for type_name, name_, body in sections(config, "resource", path):
        address = f"{type_name}.{name_}"
        lifecycle = body.get("lifecycle")
        resources[address] = Resource(
            address=address,
            type=type_name,
            name=name_,
            values=body,
            lifecycle=lifecycle if isinstance(lifecycle, dict) else {},
            provider=_provider_ref(body),
            construct_path=paths.get(address),
        )
    return Document(
        path=path,
        kind=InputKind.CONFIG,
        stage=stage,
        raw=config,
        resources=resources,
        construct_paths=paths,
        providers=aws_providers(config, path),
    )
