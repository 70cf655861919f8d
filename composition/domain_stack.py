"""A domain's own stack: what the domain owns, at the stack's root, reading the platform.

Everything is built by the same functions as in one stack (composition/domain_owned.py),
with the same names and inputs; only the refs come through a `StackReference` to the
platform stack, and the roots carry aliases (docs/design/domain-stacks.md §6). Once
`pulumi state move` has moved a domain's resources here, their URNs keep the type chain
of their old parents (`DataPlatform`, `SnowflakePlatform`, `Orchestration`) while the
program registers them at the root: an alias whose parent is the old parent, as the move
leaves it in this stack, makes the engine see them as the same resources. Children need
none (aliases are inherited from a parent); an alias that matches no state is ignored, so
a new domain carries them harmlessly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from components.domain.data_domain import DataDomain
from components.orchestration.orchestration import (
    ConnectionSecretSettings,
    Orchestration,
    snowflake_connection_secret,
)
from components.snowflake.providers import snowflake_providers
from components.snowflake.snowflake_platform import SnowflakePlatform
from composition.aws_provider import stack_aws_provider
from composition.context import stack_context
from composition.data_platform import DataPlatform
from composition.domain_owned import build_domain_pipelines, build_domains
from composition.orchestration import snowflake_account
from composition.pipeline_gates import checked_tables
from composition.platform_refs import (
    PlatformRefs,
    platform_stack_name,
    refs_from_reference,
)
from composition.roles import domain_role_identifiers
from composition.service_users import domain_connection_specs
from composition.snowflake import snowflake_connection
from stacks.domain_spec import ResolvedDomain
from stacks.resolve import ResolvedPlatform

# Where the roots of a domain lived in one stack: each old parent's type chain and name
# suffix (after the platform's name). composition/data_platform.py builds them there.
PLATFORM_PARENT = (DataPlatform.TYPE, "")
SNOWFLAKE_PARENT = (f"{DataPlatform.TYPE}${SnowflakePlatform.TYPE}", "-snowflake")
ORCHESTRATION_PARENT = (f"{DataPlatform.TYPE}${Orchestration.TYPE}", "-orchestration")


def moved_from(name: str, parent: tuple[str, str]) -> pulumi.Alias:
    """The alias of a root that was a child of `parent` (type chain, name suffix) under
    the platform named `name`: the old parent's URN as `pulumi state move` leaves the
    type chain, in this stack and project."""
    chain, suffix = parent
    urn = f"urn:pulumi:{pulumi.get_stack()}::{pulumi.get_project()}::{chain}::{name}{suffix}"
    return pulumi.Alias(parent=urn)


@dataclass(frozen=True)
class DomainStack:
    """What `compose_domain_stack` built, for the program's outputs.

    Attributes:
        domain: The domain's component.
        refs: The platform values it read.
    """

    domain: DataDomain
    refs: PlatformRefs

    def outputs(self) -> dict[str, Any]:
        """The domain stack's outputs: its pipes' queues by zone and prefix, which the
        edges stack joins into each bucket's notification configuration."""
        return {
            "lake_notifications": [
                {"zone": zone, "prefix": q.prefix, "queue_arn": q.queue_arn}
                for zone, q in self.domain.notifications
            ]
        }


def compose_domain_stack(
    name: str,
    platform: ResolvedPlatform,
    snowflake_private_key: pulumi.Input[str] | None,
    domain: ResolvedDomain,
) -> DomainStack:
    """Build `domain`'s stack under the platform name `name` (the one-stack names).

    Raises ValueError when the platform has no Snowflake side (domains need one)."""
    ctx = stack_context(platform)
    snowflake = platform.snowflake
    if snowflake is None:
        raise ValueError(f"domain [{domain.name}]: needs the platform's snowflake section")
    stack = platform_stack_name(ctx.environment)
    refs = refs_from_reference(pulumi.StackReference(stack), stack, ctx)
    was_in_platform = moved_from(name, PLATFORM_PARENT)
    aws_provider = stack_aws_provider(
        name, platform, pulumi.ResourceOptions(aliases=[was_in_platform])
    )
    providers = snowflake_providers(
        f"{name}-snowflake",
        snowflake_connection(snowflake, snowflake_private_key),
        snowflake.governance_role,
        aliases=[moved_from(name, SNOWFLAKE_PARENT)],
    )
    aws_opts = pulumi.ResourceOptions(providers={"aws": aws_provider}, aliases=[was_in_platform])
    root_opts = pulumi.ResourceOptions(aliases=[was_in_platform])
    built = build_domains(
        name,
        ctx,
        [domain],
        refs,
        providers,
        aws_opts,
        root_opts,
        reader_role=_reader_role(ctx.naming, refs),
    )
    if platform.orchestration is not None:
        build_domain_pipelines(
            name, ctx, [domain], built, refs, aws_opts, checked_tables(ctx, [domain])
        )
        _connections(name, ctx, platform, built[domain.name], refs, aws_provider)
    return DomainStack(built[domain.name], refs)


def _reader_role(naming: Any, refs: PlatformRefs) -> Any:
    """A consumer's role name in a domain stack: another domain's role by its computed
    name (no domain stack reads another), a platform role by the platform's output."""

    def reader(consumer: str) -> pulumi.Input[str]:
        owner, _, role = consumer.partition(".")
        if role:
            return domain_role_identifiers(naming, owner)[role]
        return refs.snowflake_functional_roles[owner]

    return reader


def _connections(
    name: str,
    ctx: Any,
    platform: ResolvedPlatform,
    domain: DataDomain,
    refs: PlatformRefs,
    aws_provider: aws.Provider,
) -> None:
    """Airflow's connections for the domain's service users: the domain owns their keys,
    so it owns the secrets (Airflow finds them by name through its Secrets Manager backend)."""
    snowflake, orchestration = platform.snowflake, platform.orchestration
    if snowflake is None or orchestration is None:
        return
    settings = ConnectionSecretSettings(
        naming=ctx.naming,
        snowflake_account=snowflake_account(snowflake),
        secrets_key_arn=refs.require("airflow_secrets_key_arn"),
        reader_arns=[
            refs.require("airflow_execution_role_arn"),
            *platform.kms.key_administrator_arns,
        ],
        recovery_window_days=orchestration.secret_recovery_days,
        tags=ctx.tags,
        protection=ctx.protection,
        deployer_arn_patterns=platform.deployers,
    )
    opts = pulumi.ResourceOptions(
        providers={"aws": aws_provider}, aliases=[moved_from(name, ORCHESTRATION_PARENT)]
    )
    for spec in domain_connection_specs(domain):
        snowflake_connection_secret(
            f"{name}-orchestration-connection-{spec.key}", settings, spec, opts
        )
