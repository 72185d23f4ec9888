"""OpenNext's initialization function: seeds the tag cache table from the build, on deploy.

Why invoked by Terraform: the build's `dynamodb-cache.json` lists every
`(tag, path)` the prerendered pages carry; without those rows the first
`revalidateTag` would miss pages. `aws_lambda_invocation` runs the function
during apply, and its `triggers` hold the hash of that file (and the table
name), so it runs again only when the seed data or the table changes, not on
every apply. Without a build (placeholder code) nothing is invoked.

The event `{"requestType": "create"}` is what `adapters/dynamo-provider.js`
switches on ("delete" is a no-op, anything else inserts).
"""

from __future__ import annotations

import json

from modules.app.aws import LambdaInvocation
from modules.app.bindings import Construct
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps
from modules.web.hosting import Bundle
from stages import PRIMARY_REGION, Stage
from stages.web_runtime_env import INITIALIZATION_ENV

SEED_EVENT = json.dumps({"requestType": "create"})


class Initialization(Construct):
    """`lambda` (may only write the table) and, with a build, `invocation`."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        stage: Stage,
        bundle: Bundle,
        table_name: str,
        table_arn: str,
        cache_data_hash: str | None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.function = LambdaFunction(
            self,
            "lambda",
            stage,
            LambdaFunctionProps(
                name_suffix="web-init",
                handler=bundle.handler,
                code_path=bundle.code_path,
                timeout_seconds=300,
                memory_mb=256,
                environment=dict(zip(INITIALIZATION_ENV, (table_name, PRIMARY_REGION), strict=True)),
                description="SG Cars Trends web tag cache seed (OpenNext)",
            ),
        )
        grant = self.function.grant(
            "write_table",
            "seed-tag-cache",
            [{"Effect": "Allow", "Action": "dynamodb:BatchWriteItem", "Resource": table_arn}],
        )
        self.invocation = None
        if cache_data_hash is not None and not self.function.is_placeholder:
            self.invocation = LambdaInvocation(
                self,
                "invocation",
                function_name=self.function.function.function_name,
                qualifier=self.function.live.name,
                input=SEED_EVENT,
                triggers={"cache_data_sha256": cache_data_hash, "table": table_name},
                depends_on=[grant],
            )
