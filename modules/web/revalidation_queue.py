"""The SQS FIFO queue of ISR revalidations, with its dead-letter queue.

Why FIFO: OpenNext's server sends each stale page with `MessageGroupId`
`revalidate-<n>` and a `MessageDeduplicationId` (`overrides/queue/sqs.js`), so
the same page is not regenerated twice at once; standard queues refuse those
fields. Why a DLQ: a page whose regeneration keeps failing is parked after
`max_receive_count` attempts instead of blocking its message group forever.
"""

from __future__ import annotations

from modules.app.aws import SqsQueue
from modules.app.bindings import Construct, Fn
from stages import Stage

FOURTEEN_DAYS_SECONDS = 14 * 24 * 3600
MAX_RECEIVE_COUNT = 3
VISIBILITY_TIMEOUT_SECONDS = 60
"""Longer than the revalidation function's timeout, as Lambda's event source mapping requires."""


class RevalidationQueue(Construct):
    """`queue` (FIFO, long polling, SSE) and `dead_letter_queue`; exposes `queue_url` and `queue_arn`."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage) -> None:
        super().__init__(scope, construct_id)
        self.dead_letter_queue = SqsQueue(
            self,
            "dead_letter_queue",
            name=stage.name_for("web-revalidation-dlq.fifo"),
            fifo_queue=True,
            message_retention_seconds=FOURTEEN_DAYS_SECONDS,
            sqs_managed_sse_enabled=True,
        )
        self.queue = SqsQueue(
            self,
            "queue",
            name=stage.name_for("web-revalidation.fifo"),
            fifo_queue=True,
            receive_wait_time_seconds=20,
            visibility_timeout_seconds=VISIBILITY_TIMEOUT_SECONDS,
            sqs_managed_sse_enabled=True,
            redrive_policy=Fn.jsonencode(
                {"deadLetterTargetArn": self.dead_letter_queue.arn, "maxReceiveCount": MAX_RECEIVE_COUNT}
            ),
        )
        self.queue_url: str = self.queue.url
        self.queue_arn: str = self.queue.arn


__all__ = ["RevalidationQueue"]
