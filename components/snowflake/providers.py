"""One explicit Snowflake provider per administrative role.

Snowflake objects belong to the role that created them, so the role a provider
connects with decides who owns what. Each group of resources therefore goes
through the provider of the role that should own it, never through whichever role
the deploying user defaults to:

- `objects` (SYSADMIN): warehouses, databases, schemas, database roles, and the
  ingest handshake's integration, stage, landing table and pipe, and the
  notification integration to the alerts topic and the credit alert (pipes, tables,
  notification integrations and alerts are preview features of the provider, enabled
  on this provider only);
- `security` (SECURITYADMIN, which holds MANAGE GRANTS and inherits USERADMIN):
  account roles, service users, network policies and every grant;
- `governance` (a dedicated role, created at bootstrap): the PII tag, masking
  policies, the authentication policy and their attachments;
- `billing` (ACCOUNTADMIN): resource monitors only, because Snowflake lets no
  other role create one. Nothing else may use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_snowflake as snowflake

OBJECT_OWNER_ROLE = "SYSADMIN"
SECURITY_ROLE = "SECURITYADMIN"
BILLING_ROLE = "ACCOUNTADMIN"
# Resources the provider ships as preview features: the ingest handshake's and the alerts'.
PREVIEW_FEATURES = (
    "snowflake_alert_resource",
    "snowflake_notification_integration_resource",
    "snowflake_pipe_resource",
    "snowflake_table_resource",
)


@dataclass(frozen=True)
class SnowflakeConnection:
    """The account and the deploying user; the key is the user's PEM private key.

    `private_key` None leaves the provider to read SNOWFLAKE_PRIVATE_KEY from the
    deploying process's environment (CI secrets, ESC).
    """

    organization_name: str
    account_name: str
    user: str
    private_key: pulumi.Input[str] | None = None


@dataclass(frozen=True)
class SnowflakeProviders:
    """The providers of one stack, by the job their role does."""

    objects: snowflake.Provider
    security: snowflake.Provider
    governance: snowflake.Provider
    billing: snowflake.Provider


def snowflake_providers(
    name: str,
    connection: SnowflakeConnection,
    governance_role: str,
    parent: pulumi.Resource | None = None,
    aliases: Sequence[pulumi.Alias] = (),
) -> SnowflakeProviders:
    """The four role-scoped providers, as children of `parent` (defaults to the stack),
    each with `aliases` (a domain stack's copies of the platform's: defaults to none)."""

    def provider(job: str, role: str, preview: tuple[str, ...] = ()) -> snowflake.Provider:
        return snowflake.Provider(
            f"{name}-{job}",
            organization_name=connection.organization_name,
            account_name=connection.account_name,
            user=connection.user,
            authenticator="SNOWFLAKE_JWT",
            private_key=connection.private_key,
            role=role,
            preview_features_enabled=list(preview) or None,
            opts=pulumi.ResourceOptions(parent=parent, aliases=list(aliases) or None),
        )

    return SnowflakeProviders(
        objects=provider("objects", OBJECT_OWNER_ROLE, PREVIEW_FEATURES),
        security=provider("security", SECURITY_ROLE),
        governance=provider("governance", governance_role),
        billing=provider("billing", BILLING_ROLE),
    )
