"""Data domains: each domain file's objects through the platform's own resolvers."""

from __future__ import annotations

from components.domain.data_domain import DataDomainArgs, DomainZone
from composition.context import StackContext
from composition.databases import database_args, pii_schemas
from composition.platform_refs import PlatformRefs
from composition.roles import domain_role_identifiers
from composition.warehouses import warehouse_args
from stacks.domain_spec import ResolvedDomain


def domain_args(
    ctx: StackContext,
    domain: ResolvedDomain,
    refs: PlatformRefs,
    data_retention_days: int,
    governance_role: str,
) -> DataDomainArgs:
    """One domain's arguments: its database, warehouses, roles, zones, service users, sources.

    `refs` are the platform's values it uses (zone keys, tags, the error integration its
    pipes report to, Airflow's NAT addresses its service users' network policies admit);
    `data_retention_days` is the platform's resolved time travel, which domains share;
    `governance_role` tags the domain's PII schemas.
    """
    spec, naming = domain.spec, ctx.naming
    if ctx.platform.snowflake is None:  # domains are built only beside a Snowflake platform
        raise ValueError(f"domain [{spec.name}]: needs the platform's snowflake section")
    key_rotation_days = ctx.platform.snowflake.key_rotation_days
    return DataDomainArgs(
        key=spec.name,
        account_id=ctx.account_id,
        tags=ctx.tags_for(spec.owner).for_data(spec.data_classification, domain=spec.name),
        database=database_args(
            ctx,
            naming.snowflake("domain", spec.name),
            spec.schemas,
            data_retention_days,
            comment=spec.description,
        ),
        warehouses={
            w.name: warehouse_args(w, naming.snowflake(spec.name, w.name))
            for w in domain.warehouses
        },
        role_identifiers=domain_role_identifiers(naming, spec.name),
        zones=[
            DomainZone(
                zone=zone,
                bucket=naming.bucket(zone),
                prefix=spec.prefix(),
                kms_key_arn=refs.lake_key_arns[zone],
                glue_database=naming.glue_database(zone, spec.name),
            )
            for zone in spec.zones
        ],
        pii_schemas=pii_schemas(spec.schemas),
        # The domain file's own items: a new key of theirs needs no line here.
        service_users=spec.service_users,
        ingest=spec.ingest_sources,
        pii_tag=refs.pii_tag,
        governance_role=governance_role,
        authentication_policy=refs.authentication_policy,
        iam_role_names={
            s.name: naming.iam_role(f"snowflake-{spec.name}-{s.name}") for s in spec.ingest_sources
        },
        key_rotation_days=key_rotation_days,
        protection=ctx.protection,
        error_integration=refs.snowflake_error_integration,
        airflow_egress_ips=refs.airflow_egress_ips,
    )
