"""Lambda functions with published versions and a `live` alias, on moto (the `aws` fixture)."""

from __future__ import annotations

import io
import zipfile

from stages import PRIMARY_REGION


def _zip(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.mjs", source)
    return buffer.getvalue()


def function_with_versions(client, name: str, versions: int, live: str) -> None:
    """Create `name`, publish `versions` versions (different code each), point `live` at one."""
    import boto3

    iam = boto3.client("iam", region_name=PRIMARY_REGION)
    role = iam.create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    client.create_function(
        FunctionName=name,
        Runtime="nodejs22.x",
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": _zip("export const handler = async () => 1;")},
        Architectures=["arm64"],
    )
    for number in range(1, versions + 1):
        client.update_function_code(
            FunctionName=name, ZipFile=_zip(f"export const handler = async () => {number};")
        )
        client.publish_version(FunctionName=name, Description=f"build {number}")
    client.create_alias(FunctionName=name, Name="live", FunctionVersion=live)


def live_version(client, name: str) -> str:
    return client.get_alias(FunctionName=name, Name="live")["FunctionVersion"]
