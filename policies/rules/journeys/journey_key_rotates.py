"""Every rotating key rotates without downtime."""

from __future__ import annotations

from .journey import journey_rule
from .key_rotates import RULE_ID, SECRET_VERSION, build
from .key_slots import PRIVATE_KEY, ROTATING, SNOWFLAKE_USERS
from .scheduled_refresh import PROPERTY, SCHEMA

RULE = journey_rule(
    RULE_ID,
    "Every key-pair key generated for a Snowflake user rotates on schedule without "
    "downtime: a time.Rotating replaces it, a scheduled `pulumi up --refresh` reaches it, "
    "the user holds two slots half a period apart, and the secret takes the newer key.",
    "Give each generated key a time.Rotating as its replacement_trigger, a second slot "
    "(rsaPublicKey2) half a period apart, a secret version depending on both keys and the "
    "user, and a scheduled `pulumi up --refresh` of the rotation targets "
    "(.github/workflows/rotate.yml; docs/design/secrets.md).",
    (ROTATING, PRIVATE_KEY, SECRET_VERSION, *SNOWFLAKE_USERS),
    build,
    config_schema={PROPERTY: SCHEMA},
)
