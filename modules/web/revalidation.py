"""OpenNext's revalidation function, fed by the revalidation FIFO queue.

Why: when the server serves a stale ISR page it queues `{host, url, ...}`;
this function consumes the batch and asks the server to regenerate each page
(`HEAD https://<host><url>` with `x-prerender-revalidate`). It answers with
`batchItemFailures`, so the event source mapping reports partial failures
(`ReportBatchItemFailures`): only the failed pages are retried (then parked
in the dead-letter queue), never the whole batch.
"""

from __future__ import annotations

from modules.app.aws import LambdaEventSourceMapping
from modules.app.bindings import Construct
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps
from modules.web.hosting import Bundle
from modules.web.revalidation_queue import VISIBILITY_TIMEOUT_SECONDS
from stages import Stage

BATCH_SIZE = 5
TIMEOUT_SECONDS = 30


class Revalidation(Construct):
    """`lambda` and `event_source` (the queue mapping); its role may only consume that queue."""

    def __init__(
        self, scope: Construct, construct_id: str, stage: Stage, bundle: Bundle, queue_arn: str
    ) -> None:
        super().__init__(scope, construct_id)
        assert TIMEOUT_SECONDS < VISIBILITY_TIMEOUT_SECONDS  # Lambda refuses a mapping otherwise
        self.function = LambdaFunction(
            self,
            "lambda",
            stage,
            LambdaFunctionProps(
                name_suffix="web-revalidation",
                handler=bundle.handler,
                code_path=bundle.code_path,
                timeout_seconds=TIMEOUT_SECONDS,
                memory_mb=256,
                description="SG Cars Trends web ISR revalidation (OpenNext)",
            ),
        )
        consume = self.function.grant(
            "consume_queue",
            "consume-revalidation-queue",
            [
                {
                    "Effect": "Allow",
                    "Action": [
                        "sqs:ReceiveMessage",
                        "sqs:DeleteMessage",
                        "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueAttributes",
                    ],
                    "Resource": queue_arn,
                }
            ],
        )
        self.event_source = LambdaEventSourceMapping(
            self,
            "event_source",
            event_source_arn=queue_arn,
            function_name=self.function.function_arn,  # the `live` alias
            batch_size=BATCH_SIZE,
            function_response_types=["ReportBatchItemFailures"],
            depends_on=[consume],
        )
