"""The DynamoDB tag cache OpenNext's server reads and writes for `revalidateTag`/`revalidatePath`.

Why this key schema: it is what `@opennextjs/aws` queries (`overrides/tagCache/dynamodb.js`):
hash key `tag`, range key `path` (both `<build id>/<value>` strings), and the
`revalidate` index (hash `path`, range `revalidatedAt`, all attributes) to find
a page's tags. On-demand billing: the site's tag traffic is small and bursty.
Point-in-time recovery where the stage keeps its data (protected or retained):
a bad deploy can be rolled back to the table as it was. `prevent_destroy` and
deletion protection on prod come from the protection aspect
(`modules/app/protection.py`), like every stateful type.
"""

from __future__ import annotations

from modules.app.aws import (
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTableGlobalSecondaryIndex,
    DynamodbTablePointInTimeRecovery,
    DynamodbTableServerSideEncryption,
)
from modules.app.bindings import Construct
from stages import Protection, Stage

INDEX_NAME = "revalidate"


class TagCache(Construct):
    """`table`, with `table_name` and `table_arn` for the server's environment and roles."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage) -> None:
        super().__init__(scope, construct_id)
        self.table = DynamodbTable(
            self,
            "table",
            name=stage.name_for("web-tag-cache"),
            billing_mode="PAY_PER_REQUEST",
            hash_key="tag",
            range_key="path",
            attribute=[
                DynamodbTableAttribute(name="tag", type="S"),
                DynamodbTableAttribute(name="path", type="S"),
                DynamodbTableAttribute(name="revalidatedAt", type="N"),
            ],
            global_secondary_index=[
                DynamodbTableGlobalSecondaryIndex(
                    name=INDEX_NAME, hash_key="path", range_key="revalidatedAt", projection_type="ALL"
                )
            ],
            point_in_time_recovery=DynamodbTablePointInTimeRecovery(
                enabled=stage.protection is not Protection.NONE
            ),
            server_side_encryption=DynamodbTableServerSideEncryption(enabled=True),
        )
        self.table_name: str = self.table.name
        self.table_arn: str = self.table.arn
