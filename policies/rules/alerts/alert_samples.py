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
- The contract-check alerts (components/snowflake/data_metrics.py): their action sends a
  literal JSON message (`APPLICATION_JSON('<json>')`), read from the action itself
  (`literal_message`), with the data domain in its `domains`.
- CloudWatch alarms and AWS Budgets: their own formats, not routed by body (the platform's
  subscriptions, which are unfiltered, get them).

A sample satisfies an event pattern by taking, at each leaf, its first value (or a value
an operator accepts), so a filter that matches the sample matches what the rule forwards.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
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


def glue_database_domains(databases: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Glue database name → the data domain owning it, from the program's catalog databases
    as (logical name, `name` input) pairs: a domain's databases are domain resources
    (`-domain-<name>-`); the platform's are in no domain and not listed."""
    found = {}
    for logical, name in databases:
        domain = domain_of(logical)
        if domain and isinstance(name, str):
            found[name] = domain
    return found


# SYSTEM$SEND_SNOWFLAKE_NOTIFICATION(SNOWFLAKE.NOTIFICATION.APPLICATION_JSON('<literal>'), ...):
# a SQL string literal, its quotes doubled.
_LITERAL_JSON = re.compile(r"APPLICATION_JSON\('((?:[^']|'')*)'\)")


def literal_message(action: str) -> dict[str, Any] | None:
    """The JSON object a Snowflake alert's action sends, when the action spells it as a
    literal (the contract-check alerts); None when it composes it at run time (the credit
    alert) or sends none."""
    found = _LITERAL_JSON.search(action)
    if not found:
        return None
    try:
        message = json.loads(found[1].replace("''", "'"))
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


def message_domains(message: Mapping[str, Any]) -> list[str]:
    """The data domains a composed message names (`domains`, else `domain`), in order."""
    named = message.get("domains")
    if not isinstance(named, list):
        named = [message["domain"]] if isinstance(message.get("domain"), str) else []
    return [d for d in dict.fromkeys(named) if isinstance(d, str)]


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
        if key == "$or":
            # Alternative sub-patterns: satisfying the first satisfies the `$or`.
            if isinstance(wanted, list) and wanted and isinstance(wanted[0], Mapping):
                out.update(_satisfy(wanted[0]))
        elif isinstance(wanted, Mapping):
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
