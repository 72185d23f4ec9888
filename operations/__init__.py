"""Operations run against a deployed stage (after `terraform apply`): publishing web assets.

- `publish_files`: which local files go to which keys, with content type and Cache-Control.
- `stage_outputs`: the bucket and distribution from the stage's Terraform outputs.
- `bucket`: listing, parallel uploads with progress, batched deletes (boto3).
- `publish`: the plan (uploads, invalidation, pruning) and its execution.
- `publish_command`: `sgct publish`.

May import `builds` and `sgct.errors`; nothing imports `operations` except the CLI.
"""
