"""The one way the program's Snowflake alerts publish: a JSON message to the alerts topic.

SYSTEM$SEND_SNOWFLAKE_NOTIFICATION with SNOWFLAKE.NOTIFICATION.APPLICATION_JSON sends the
message through a queue (SNS) notification integration
(docs.snowflake.com/sql-reference/stored-procedures/system_send_snowflake_notification).
The message is a JSON object; its top-level fields are what SNS subscription filter
policies on the message body match (`FilterPolicyScope: MessageBody`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from components.snowflake.sql_literal import sql_literal


def send_notification_sql(integration: str, message: Mapping[str, object]) -> str:
    """`CALL SYSTEM$SEND_SNOWFLAKE_NOTIFICATION(...)` of `message` (keys sorted) through
    the integration named `integration`."""
    body = sql_literal(json.dumps(message, sort_keys=True))
    return (
        "CALL SYSTEM$SEND_SNOWFLAKE_NOTIFICATION("
        f"SNOWFLAKE.NOTIFICATION.APPLICATION_JSON({body}), "
        f"SNOWFLAKE.NOTIFICATION.INTEGRATION({sql_literal(integration)}))"
    )
