"""What each source of alerts puts in the alerts topic's message body, as a sample.

A domain owner's subscription filters on the message body (sns_filter.py); whether a
source reaches the owner is decided on what the source really sends. The shapes, with
their sources:

- EventBridge rule → SNS, no input transformer: the whole event is the body
  (envelope fields per https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html).
  Glue: "Glue Job State Change" (`detail.jobName`, `detail.state`) and "Glue Crawler State
  Change" (`detail.crawlerName`, `detail.state`),
  https://docs.aws.amazon.com/glue/latest/dg/automating-awsglue-with-cloudwatch-events.html ;
  Glue Data Quality "Data Quality Evaluation Results Available" (`detail.context.databaseName`,
  `tableName`, `rulesFailed`, `state`),
  https://docs.aws.amazon.com/glue/latest/dg/data-quality-alerts.html .
- Snowpipe error notification through a notification integration:
  `{"version", "messageId", "messageType": "INGEST_FAILED_FILE", "timestamp", "accountName",
  "pipeName": "DB.SCHEMA.PIPE", "tableName", "stageLocation", "messages": [...]}`,
  https://docs.snowflake.com/user-guide/data-load-snowpipe-errors-sns ("Error notification
  message payload").
- The platform's credit alert: the JSON it composes (components/snowflake/credit_alert.py).
- CloudWatch alarms and AWS Budgets: their own formats, not routed by body (the platform's
  subscriptions, which are unfiltered, get them).

A sample satisfies an event pattern by taking, at each leaf, its first value (or a value
an operator accepts), so a filter that matches the sample matches what the rule forwards.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# A data domain's resources carry `-domain-<name>-` in their logical names (the
# composition names them `<platform>-domain-<name>-...`; scripts/plan/locations.py reads
# the same convention). Domain names are slugs: no hyphen, so the match is unambiguous.
_DOMAIN = re.compile(r"-domain-([a-z][a-z0-9_]*)(?:-|$)")
ACCOUNT = "123456789012"
REGION = "us-east-1"


def domain_of(logical_name: str) -> str | None:
    """The data domain a resource belongs to, from its logical name (None: the platform's)."""
    found = _DOMAIN.search(logical_name)
    return found[1] if found else None


def event_sample(pattern: Mapping[str, Any]) -> dict[str, Any]:
    """An EventBridge event the pattern matches, as SNS delivers it (the whole event)."""
    event: dict[str, Any] = {
        "version": "0",
        "id": "00000000-0000-0000-0000-000000000000",
        "detail-type": "",
        "source": "",
        "account": ACCOUNT,
        "time": "2026-12-06T07:00:00Z",
        "region": REGION,
        "resources": [],
        "detail": {},
    }
    event.update(_satisfy(pattern))
    return event


def _satisfy(pattern: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, wanted in pattern.items():
        if isinstance(wanted, Mapping):
            out[key] = _satisfy(wanted)
        elif isinstance(wanted, list) and wanted:
            out[key] = _accepted(wanted[0])
    return out


def _accepted(condition: Any) -> Any:
    """A value one condition of an event pattern accepts."""
    if not isinstance(condition, Mapping):
        return condition
    if "prefix" in condition:
        return f"{condition['prefix']}sample"
    if "numeric" in condition:
        bounds = [b for b in condition["numeric"] if isinstance(b, int | float)]
        return (bounds[0] + 1) if bounds else 1
    if "anything-but" in condition:
        return "SAMPLE-OTHER-VALUE"
    return "sample"


def pipe_error_sample(database: str, schema: str, pipe: str, table: str = "") -> dict[str, Any]:
    """Snowflake's error notification for a pipe (fields as documented, one failed file)."""
    return {
        "version": "1.0",
        "messageId": "00000000-0000-0000-0000-000000000000",
        "messageType": "INGEST_FAILED_FILE",
        "timestamp": "2026-12-06T07:00:00.000Z",
        "accountName": "SAMPLE",
        "pipeName": f"{database}.{schema}.{pipe}",
        "tableName": f"{database}.{schema}.{table or pipe}",
        "stageLocation": "s3://sample/",
        "messages": [{"fileName": "sample.json", "firstError": "sample error"}],
    }


def credit_alert_sample(warehouses: list[str], domains: list[str]) -> dict[str, Any]:
    """The platform's credit alert message (the fields components/snowflake/credit_alert.py
    composes; `watched` and `summary` abridged)."""
    return {
        "source": "snowflake-credit-alert",
        "stack": "sample",
        "summary": "sample",
        "watched": {},
        "check": "SHOW RESOURCE MONITORS",
        "warehouses": sorted(warehouses),
        "domains": sorted(set(domains)),
    }
