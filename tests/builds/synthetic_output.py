"""Hand-made OpenNext 4 output trees, shaped like a real `npx open-next build`.

Why: parser error cases and publishing scenarios (several builds, thousands of
files) need outputs that a single real build cannot provide; their manifest has
exactly the shape of the real one (see test_opennext.py, which checks the
real build too). Bundles hold a one-line `index.mjs`; nothing here runs them.
"""

from __future__ import annotations

import json
from pathlib import Path

BUNDLES = {
    "imageOptimizer": "image-optimization-function",
    "default": "server-functions/default",
    "warmer": "warmer-function",
    "initializationFunction": "dynamodb-provider",
    "revalidationFunction": "revalidation-function",
}


def manifest(public_files: list[str]) -> dict:
    """The manifest OpenNext 4 writes for an app whose `public/` holds `public_files` (top-level names)."""

    def function(key: str, **extra) -> dict:
        return {
            "type": "function",
            "handler": "index.handler",
            "bundle": f".open-next/{BUNDLES[key]}",
            "streaming": False,
            "wrapper": "aws-lambda",
            "converter": "aws-apigw-v2",
            **extra,
        }

    return {
        "edgeFunctions": {},
        "origins": {
            "s3": {
                "type": "s3",
                "originPath": "_assets",
                "copy": [
                    {
                        "from": ".open-next/assets",
                        "to": "_assets",
                        "cached": True,
                        "versionedSubDir": "_next",
                    },
                    {"from": ".open-next/cache", "to": "_cache", "cached": False},
                ],
            },
            "imageOptimizer": function("imageOptimizer", imageLoader="s3"),
            "default": function("default", queue="sqs", incrementalCache="s3", tagCache="dynamodb"),
        },
        "behaviors": [
            {"pattern": "_next/image*", "origin": "imageOptimizer"},
            {"pattern": "_next/data/*", "origin": "default"},
            {"pattern": "*", "origin": "default"},
            *({"pattern": name, "origin": "s3"} for name in ["BUILD_ID", "_next/*", *public_files]),
        ],
        "additionalProps": {
            key: {"handler": "index.handler", "bundle": f".open-next/{BUNDLES[key]}"}
            for key in ("warmer", "initializationFunction", "revalidationFunction")
        },
    }


def write_output(
    root: Path, build_id: str, chunks: int = 3, public: dict[str, bytes] | None = None, chunk_salt: str = ""
) -> Path:
    """Write `<root>/.open-next` for `build_id` with `chunks` hashed JS files; returns that path."""
    public = {"logo.png": b"\x89PNG fake", "robots.txt": b"User-agent: *\n"} if public is None else public
    out = root / ".open-next"
    static = out / "assets" / "_next" / "static"
    for index in range(chunks):
        path = static / "chunks" / f"chunk{index}-{chunk_salt}{index:08x}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"/* chunk {index} {chunk_salt} */ console.log({index});\n")
    (static / build_id).mkdir(parents=True, exist_ok=True)
    (static / build_id / "_buildManifest.js").write_text(f"self.__BUILD_MANIFEST={{id:'{build_id}'}};\n")
    (out / "assets" / "BUILD_ID").write_text(build_id)
    for name, body in public.items():
        (out / "assets" / name).parent.mkdir(parents=True, exist_ok=True)
        (out / "assets" / name).write_bytes(body)
    page = out / "cache" / build_id / "index.cache"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(json.dumps({"type": "app", "html": f"<p>{build_id}</p>"}))
    for bundle in BUNDLES.values():
        (out / bundle).mkdir(parents=True, exist_ok=True)
        (out / bundle / "index.mjs").write_text("export const handler = async () => ({});\n")
    top = sorted({name.split("/")[0] + ("/*" if "/" in name else "") for name in public})
    (out / "open-next.output.json").write_text(json.dumps(manifest(top)))
    return out
