"""Run one PipelineServiceUser under the mock runtime and read what it registers."""

from __future__ import annotations

import pulumi

from components.snowflake.pipeline_service_user import PipelineServiceUser, ServiceUserArgs
from components.snowflake.providers import SnowflakeConnection, snowflake_providers
from scripts.plan.runtime import Registration, run_callable


def register_service_user(
    mocks: pulumi.runtime.Mocks, public_key: str | None = None, rotation_days: int = 30
) -> list[Registration]:
    """The registrations of service user `bot` (ACME_DP_DEV_BOT) in a dev stack."""

    def program() -> None:
        root = pulumi.ComponentResource("test:index:Root", "root")
        providers = snowflake_providers(
            "sf", SnowflakeConnection("ACME", "DATA_DEV", "DEPLOY"), "GOVERNANCE_ADMIN", root
        )
        PipelineServiceUser(
            "bot",
            ServiceUserArgs(
                identifier="ACME_DP_DEV_BOT",
                role="ACME_DP_DEV_LOADER",
                warehouse="ACME_DP_DEV_LOADING",
                allowed_ips=("203.0.113.10/32",),
                authentication_policy='"GOV"."POLICIES"."SERVICE_KEYPAIR_ONLY"',
                rsa_public_key=public_key,
                key_rotation_days=rotation_days,
            ),
            providers,
        )

    return run_callable(program, project="p", stack="dev", mocks=mocks).registrations
