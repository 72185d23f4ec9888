"""The QStash schedule that refreshes the LTA data: permanent stages only.

What: on the stage's cron (`StageSettings.data_schedule_cron`, default
`*/60 0-10 * * 1-5`, in UTC: hourly from 08:00 to 18:00 Singapore time on
weekdays) QStash POSTs to the API's `/workflows/trigger` with
`Authorization: Bearer <SG_CARS_TRENDS_API_TOKEN>`, retried 3 times.

Why the API function's URL and not the API domain: the trigger starts the
data workflows, whose steps run up to the Lambda's 120 s; API Gateway ends
every integration at 30 s, so QStash would see a 503 and retry a step that
is still running. A Lambda function URL has no such cap (it waits up to the
function's timeout).

Why the function URL is public (`authorization_type = NONE`): QStash cannot
sign requests with AWS SigV4. The route is still guarded twice: the app
checks the bearer token, and verifies QStash's `Upstash-Signature` with
`QSTASH_CURRENT_SIGNING_KEY` / `QSTASH_NEXT_SIGNING_KEY` on workflow routes.

Why permanent stages only: previews and feature stages share the QStash
account; hourly workflows on every pull request would multiply the LTA,
Gemini and social-publishing calls. `Stage.runs_data_schedule` says which.
"""

from __future__ import annotations

from dataclasses import dataclass

from modules.app.bindings import Construct
from modules.schedule.qstash_schedule import QstashScheduleConfig, QstashScheduleV2
from modules.schedule.upstash_provider import UpstashProvider
from stages import Stage

TRIGGER_PATH = "workflows/trigger"


@dataclass(frozen=True)
class DataScheduleProps:
    """Where the schedule calls and with which token; the cron comes from the stage."""

    function_url: str
    """The API function URL (`aws_lambda_function_url.function_url`, ends in `/`)."""
    bearer_token: str
    """The API token as a sensitive-variable reference (`secrets.reference("SG_CARS_TRENDS_API_TOKEN")`)."""
    retries: int = 3
    """default: 3 retries of a failed call (QStash backs off between them)."""
    cron: str | None = None
    """default: None, the stage's `settings.data_schedule_cron`."""

    def __post_init__(self) -> None:
        if not self.function_url or not self.bearer_token:
            raise ValueError(
                "DataScheduleProps needs function_url (the API's aws_lambda_function_url) and bearer_token "
                "(secrets.reference('SG_CARS_TRENDS_API_TOKEN'))."
            )


class DataSchedule(Construct):
    """The Upstash provider and one `upstash_qstash_schedule_v2` calling `/workflows/trigger`."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: DataScheduleProps) -> None:
        super().__init__(scope, construct_id)
        if not stage.runs_data_schedule:
            raise ValueError(
                f"stage {stage.name!r} is ephemeral: only permanent stages run the QStash data schedule "
                "(previews would multiply the data and publishing calls)."
            )
        self.provider = UpstashProvider(self, "upstash")
        self.config = QstashScheduleConfig(
            cron=props.cron or stage.settings.data_schedule_cron,
            destination=f"{props.function_url}{TRIGGER_PATH}",
            method="POST",
            retries=props.retries,
            forward_headers={"Authorization": f"Bearer {props.bearer_token}"},
        )
        self.schedule = QstashScheduleV2(self, "schedule", provider=self.provider, config=self.config)
