"""Plan review for pull requests: what each stage would change, as one markdown comment.

Two sources feed the same model (`review.changes.StageReview`):
- `review.plan_changes`: real `terraform show -json` plans (needs credentials);
- `review.synth_diff`: two synthesized `cdktf.out` directories, base vs head
  (no credentials; replacements are estimated, see that module).
`review.render` turns the model into markdown; `review.diagram` draws stages and changes.

May import `stages`, `sensitive` (display redaction) and `policies` (the
input readers and the findings); imported by `operations` (deploy
summaries, drift) and run by `sgct review` / `sgct diagram`.
"""
