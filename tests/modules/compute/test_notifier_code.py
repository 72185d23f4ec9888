"""The alarm notifier's real code (modules/compute/assets/notifier) in Node, posting to a loopback server.

The server stands in for Discord's webhook endpoint and records each request,
so the test asserts the exact JSON the function posts.
"""

import http.server
import json
import subprocess

import pytest

from harness.loopback import loopback_server
from harness.node_lambda import find_node
from modules.compute.lambda_artifact import NOTIFIER_DIR

pytestmark = pytest.mark.skipif(
    find_node() is None, reason="no Node.js found (JSII_NODE or node on PATH) to run the notifier"
)
WEBHOOK_PATH = "/api/webhooks/123/very-secret-token"
ALARM = {
    "AlarmName": "sgcarstrends-prod-api-5xx-high",
    "AlarmDescription": "API 5xx",
    "AWSAccountId": "123456789012",
    "NewStateValue": "ALARM",
    "OldStateValue": "OK",
    "NewStateReason": "Threshold Crossed: 1 datapoint [7.0] was greater than or equal to the threshold (5.0)",
    "StateChangeTime": "2026-11-30T22:10:00.000+0000",
    "Region": "Asia Pacific (Singapore)",
    "AlarmArn": "arn:aws:cloudwatch:ap-southeast-1:123456789012:alarm:sgcarstrends-prod-api-5xx-high",
}


@pytest.fixture
def webhook():
    """A loopback server answering `status` (default 204) and recording (path, JSON body) per POST."""
    received: list[tuple[str, dict]] = []
    answer = {"status": 204}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            received.append((self.path, json.loads(self.rfile.read(length))))
            self.send_response(answer["status"])
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    with loopback_server(Handler) as url:
        yield f"{url}{WEBHOOK_PATH}", received, answer


def _invoke(event: dict, webhook_url: str | None) -> subprocess.CompletedProcess:
    script = (
        "import('./index.mjs').then(async m => console.log(JSON.stringify(await m.handler("
        + json.dumps(event)
        + "))))"
    )
    env = {"PATH": "/usr/bin:/bin"}
    if webhook_url is not None:
        env["DISCORD_WEBHOOK_URL"] = webhook_url
    return subprocess.run(
        [find_node(), "-e", script], cwd=NOTIFIER_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def _sns(message: str, subject: str | None = None) -> dict:
    return {"Records": [{"Sns": {"MessageId": "m-1", "Message": message, "Subject": subject}}]}


def test_an_alarm_is_posted_as_one_embed(webhook):
    url, received, _ = webhook
    result = _invoke(_sns(json.dumps(ALARM)), url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"delivered": 1}
    assert received == [
        (
            WEBHOOK_PATH,
            {
                "username": "sgcarstrends alarms",
                "allowed_mentions": {"parse": []},
                "embeds": [
                    {
                        "title": "ALARM: sgcarstrends-prod-api-5xx-high",
                        "url": "https://ap-southeast-1.console.aws.amazon.com/cloudwatch/home"
                        "?region=ap-southeast-1#alarmsV2:alarm/sgcarstrends-prod-api-5xx-high",
                        "description": ALARM["NewStateReason"],
                        "color": 0xE74C3C,
                        "fields": [
                            {"name": "State", "value": "OK → ALARM", "inline": True},
                            {"name": "Region", "value": "ap-southeast-1", "inline": True},
                        ],
                        "timestamp": "2026-11-30T22:10:00.000Z",
                    }
                ],
            },
        )
    ]


def test_recovery_is_green_and_us_east_1_alarms_link_there(webhook):
    url, received, _ = webhook
    alarm = {
        **ALARM,
        "NewStateValue": "OK",
        "OldStateValue": "ALARM",
        "AlarmName": "sgcarstrends-prod-web-cdn-5xx-rate-high",
        "AlarmArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:sgcarstrends-prod-web-cdn-5xx-rate-high",
    }
    assert _invoke(_sns(json.dumps(alarm)), url).returncode == 0
    [embed] = received[0][1]["embeds"]
    assert embed["color"] == 0x2ECC71 and embed["title"] == "OK: sgcarstrends-prod-web-cdn-5xx-rate-high"
    assert embed["url"].startswith(
        "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#"
    )


def test_a_message_that_is_not_an_alarm_is_posted_as_text(webhook):
    url, received, _ = webhook
    assert _invoke(_sns("hello from SNS", subject="test"), url).returncode == 0
    assert received == [
        (
            WEBHOOK_PATH,
            {
                "username": "sgcarstrends alarms",
                "allowed_mentions": {"parse": []},
                "content": "test\nhello from SNS",
            },
        )
    ]


def test_a_refused_post_fails_the_invocation_without_showing_the_webhook(webhook):
    url, _, answer = webhook
    answer["status"] = 500
    result = _invoke(_sns(json.dumps(ALARM)), url)
    assert result.returncode != 0
    assert "Discord answered 500 for alarm message m-1" in result.stderr
    assert "very-secret-token" not in result.stdout + result.stderr


def test_without_the_webhook_variable_the_invocation_fails():
    result = _invoke(_sns(json.dumps(ALARM)), None)
    assert result.returncode != 0 and "DISCORD_WEBHOOK_URL is not set" in result.stderr
