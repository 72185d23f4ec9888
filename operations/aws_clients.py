"""boto3 clients for operations, in the stage's region; `AWS_ENDPOINT_URL` (an emulator) is honoured.

boto3 is imported on first use so commands that never call AWS (a deploy
stopped at its plan) do not need it.
"""

from __future__ import annotations

from typing import Any

from stages import PRIMARY_REGION


def lambda_client(region: str = PRIMARY_REGION) -> Any:
    import boto3

    return boto3.client("lambda", region_name=region)
