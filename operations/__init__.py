"""Operations on a deployed stage: publish web assets, plan-gated deploy, smoke check, rollback, drift.

Publishing (`sgct publish`):
- `publish_files`: which local files go to which keys, with content type and Cache-Control.
- `stage_outputs`: the bucket and distribution from the stage's Terraform outputs.
- `bucket`: listing, parallel uploads with progress, batched deletes (boto3).
- `publish`: the plan (uploads, invalidation, pruning) and its execution.
- `publish_command`: `sgct publish`.

Deploying (`sgct deploy`, `sgct rollback`, `sgct drift`):
- `deploy` (+ `deploy_command`, `deploy_summary`): synth, check, plan, check the plan, stop
  on unreviewed destroys (`plan_gate`), apply exactly the saved plan, smoke-check.
- `plan_gate`: which addresses a plan destroys or replaces, and the overrides that allow it.
- `policy_gate`: `sgct check` on the stack and on the plan, as one call each.
- `job_summary`: the GitHub job summary (`$GITHUB_STEP_SUMMARY`).
- `smoke`, `aliases` and `rollback` (+ `rollback_command`): `/health` and the web root after
  a deploy; the functions' `live` aliases moved back when they fail.
- `drift` (+ `drift_command`): a refresh-only plan reduced to drifted addresses and attributes.

May import `stages`, `sensitive`, `modules`, `policies`, `review`, `builds` and the harness's
Terraform runner and HTTP retry (one of each in the repository); only the CLI imports `operations`.
"""
