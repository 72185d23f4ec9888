"""Build a `Document` from synthesized Terraform JSON (`cdk.tf.json`).

The stage is the stack's `"//".metadata.stackName` (what CDKTF writes),
unless the caller overrides it; the construct path of each resource is its
`"//".metadata.path`.
"""

from __future__ import annotations

from policies.documents import Document, Resource
from policies.model import InputError, InputKind
from policies.stage_context import stage_context


def stack_name(config: dict) -> str | None:
    metadata = (config.get("//") or {}).get("metadata") or {}
    name = metadata.get("stackName")
    return name if isinstance(name, str) and name else None


def construct_paths(config: dict) -> dict[str, str]:
    """`{address: construct path}` from every resource's and data source's `//` metadata."""
    paths = {}
    for prefix, section in (("", "resource"), ("data.", "data")):
        for type_name, by_name in (config.get(section) or {}).items():
            for name, body in (by_name or {}).items():
                path = ((body or {}).get("//") or {}).get("metadata", {}).get("path")
                if path:
                    paths[f"{prefix}{type_name}.{name}"] = path
    return paths


def _as_list(blocks) -> list[dict]:
    if isinstance(blocks, dict):
        return [blocks]
    return [block for block in blocks or [] if isinstance(block, dict)]


def aws_providers(config: dict) -> list[dict]:
    providers = []
    for block in _as_list((config.get("provider") or {}).get("aws")):
        tags = {}
        for default_tags in _as_list(block.get("default_tags")):
            tags.update(default_tags.get("tags") or {})
        providers.append({"alias": block.get("alias"), "region": block.get("region"), "default_tags": tags})
    return providers


def _provider_ref(body: dict) -> str | None:
    provider = body.get("provider")
    if isinstance(provider, str):
        return provider.removeprefix("${").removesuffix("}")
    return None


def config_document(path: str, config: dict, stage_override: str | None = None) -> Document:
    """A config `Document`; `InputError` if the JSON is not a Terraform config or has no stage."""
    if not isinstance(config, dict):
        raise InputError(f"{path}: expected a JSON object (Terraform JSON config), got {type(config).__name__}")
    name = stage_override or stack_name(config)
    if not name:
        raise InputError(f'{path}: no "//".metadata.stackName to take the stage from; pass --stage NAME')
    stage = stage_context(name, path)
    paths = construct_paths(config)
    resources = {}
    for type_name, by_name in (config.get("resource") or {}).items():
        if not isinstance(by_name, dict):
            raise InputError(f"{path}: resource.{type_name} must be an object of named resources")
        for name_, body in by_name.items():
            address = f"{type_name}.{name_}"
            body = body if isinstance(body, dict) else {}
            resources[address] = Resource(
                address=address, type=type_name, name=name_, values=body,
                lifecycle=body.get("lifecycle") or {}, provider=_provider_ref(body),
                construct_path=paths.get(address),
            )
    return Document(path=path, kind=InputKind.CONFIG, stage=stage, raw=config, resources=resources,
                    construct_paths=paths, providers=aws_providers(config))
