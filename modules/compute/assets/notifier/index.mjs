// Alarm notifier: SNS (CloudWatch alarm state change) -> Discord webhook.
// Reads DISCORD_WEBHOOK_URL; posts one embed per record with the alarm's name,
// state, reason and a link to the alarm in the CloudWatch console. Never logs
// the webhook URL (it is a credential: anyone holding it can post).
const COLOURS = { ALARM: 0xe74c3c, OK: 0x2ecc71, INSUFFICIENT_DATA: 0x95a5a6 };
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;
const CONTENT_MAX = 2000;

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// arn:aws:cloudwatch:<region>:<account>:alarm:<name>
const regionOf = (alarm) => {
  const parts = String(alarm.AlarmArn || "").split(":");
  return parts.length > 3 && parts[3] ? parts[3] : process.env.AWS_REGION || "ap-southeast-1";
};

export const consoleLink = (alarm) => {
  const region = regionOf(alarm);
  return (
    `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}` +
    `#alarmsV2:alarm/${encodeURIComponent(alarm.AlarmName)}`
  );
};

const parseAlarm = (message) => {
  try {
    const alarm = JSON.parse(message);
    return alarm && typeof alarm.AlarmName === "string" && typeof alarm.NewStateValue === "string"
      ? alarm
      : null;
  } catch {
    return null;
  }
};

// The Discord webhook body for one SNS message: an embed for an alarm, plain text otherwise.
export const discordMessage = (snsMessage, subject) => {
  const base = { username: "sgcarstrends alarms", allowed_mentions: { parse: [] } };
  const alarm = parseAlarm(snsMessage);
  if (!alarm) {
    const text = subject ? `${subject}\n${snsMessage}` : String(snsMessage);
    return { ...base, content: clip(text, CONTENT_MAX) };
  }
  const fields = [
    { name: "State", value: `${alarm.OldStateValue || "?"} → ${alarm.NewStateValue}`, inline: true },
    { name: "Region", value: regionOf(alarm), inline: true },
  ];
  const embed = {
    title: clip(`${alarm.NewStateValue}: ${alarm.AlarmName}`, TITLE_MAX),
    url: consoleLink(alarm),
    description: clip(String(alarm.NewStateReason || "(no reason given)"), DESCRIPTION_MAX),
    color: COLOURS[alarm.NewStateValue] ?? COLOURS.INSUFFICIENT_DATA,
    fields,
  };
  if (alarm.StateChangeTime) {
    const when = new Date(alarm.StateChangeTime);
    if (!Number.isNaN(when.getTime())) embed.timestamp = when.toISOString();
  }
  return { ...base, embeds: [embed] };
};

export const handler = async (event) => {
  const url = process.env.DISCORD_WEBHOOK_URL;
  if (!url) throw new Error("DISCORD_WEBHOOK_URL is not set: alarms cannot reach Discord");
  for (const record of (event && event.Records) || []) {
    const sns = record.Sns || {};
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(discordMessage(sns.Message ?? "", sns.Subject)),
    });
    if (!response.ok) {
      // Throwing makes the invocation fail, so SNS retries and the Lambda's errors show it.
      throw new Error(`Discord answered ${response.status} for alarm message ${sns.MessageId ?? "?"}`);
    }
  }
  return { delivered: ((event && event.Records) || []).length };
};
