"""The one gate between this repository and the CDKTF core API.

Why: HashiCorp archived CDKTF (0.21.0 is final) and the community fork,
CDK Terrain, ships the same API under new package names. Every construct in
`modules/` takes its CDKTF classes from here and its provider classes from
`modules.app.aws` / `modules.app.cloudflare`, so a move is a change to these
three files alone. `modules.app.runtime.prepare()` must run first.
"""

from __future__ import annotations

from modules.app.runtime import require_prepared

require_prepared(__name__)

# Re-exported CDKTF core API: import these from here, never from `cdktf`.
from cdktf import (  # noqa: E402
    App,
    Aspects,
    AssetType,
    Fn,
    IAspect,
    LocalBackend,
    S3Backend,
    TerraformAsset,
    TerraformIterator,
    TerraformOutput,
    TerraformProvider,
    TerraformProviderGeneratorMetadata,
    TerraformResource,
    TerraformResourceLifecycle,
    TerraformStack,
    TerraformVariable,
    Token,
)
from constructs import Construct, IConstruct  # noqa: E402

__all__ = [
    "App",
    "Aspects",
    "AssetType",
    "Construct",
    "Fn",
    "IAspect",
    "IConstruct",
    "LocalBackend",
    "S3Backend",
    "TerraformAsset",
    "TerraformIterator",
    "TerraformOutput",
    "TerraformProvider",
    "TerraformProviderGeneratorMetadata",
    "TerraformResource",
    "TerraformResourceLifecycle",
    "TerraformStack",
    "TerraformVariable",
    "Token",
]
