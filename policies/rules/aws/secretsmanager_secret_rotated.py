"""Secrets Manager secrets rotate at least every 90 days, unless rotated outside AWS."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Levels, Rule
from ..core.view import Finding
from ..facts.tokens import SECRETSMANAGER_SECRET, SECRETSMANAGER_SECRET_ROTATION

SECRET = SECRETSMANAGER_SECRET
ROTATION = SECRETSMANAGER_SECRET_ROTATION
MAX_DAYS = 90
# A secret whose value another system rotates (e.g. a Snowflake key pair rotated by
# its own runbook) carries this tag; Secrets Manager rotation does not apply to it.
EXTERNAL_TAG = ("rotation", "external")


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each secret needs a SecretRotation whose schedule is at most maxRotationDays."""
    max_days = int(ctx.setting("maxRotationDays", MAX_DAYS))
    for secret in index.of_type(SECRET):
        tags = secret.get("tags") or {}
        if isinstance(tags, dict) and tags.get(EXTERNAL_TAG[0]) == EXTERNAL_TAG[1]:
            continue
        rotations = index.referrers(secret, (ROTATION,), "secretId")
        if not rotations:
            yield secret.violation(
                f"secret [{secret.name}] has no rotation (tag rotation=external if another "
                "system rotates it)"
            )
        for rotation in rotations:
            days = rotation.need("rotationRules.automaticallyAfterDays")
            if days is not None and int(days) > max_days:
                yield secret.violation(f"secret [{secret.name}] rotates every {days} days")


RULE = Rule(
    id="secretsmanager-secret-rotated",
    description=(
        "Secrets Manager secrets have a rotation of at most 90 days, unless tagged "
        "rotation=external because another system rotates them."
    ),
    severity="medium",
    remediation=(
        "Add a SecretRotation with rotationRules.automaticallyAfterDays <= 90, or tag the "
        "secret rotation=external and document the process that rotates it."
    ),
    resource_types=(SECRET, ROTATION),
    check_stack=check,
    levels=Levels("advisory", "advisory", "mandatory"),
    mapped=(
        "CKV2_AWS_57",
        "CKV_AWS_304",
        "AwsSolutions-SMG4",
        "FSBP SecretsManager.1",
        "FSBP SecretsManager.4",
    ),
    config_schema={"maxRotationDays": {"type": "integer", "minimum": 1}},
)
