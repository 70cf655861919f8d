"""Service users: the platform's pipeline identities, and their Airflow connections."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from components.domain.data_domain import DataDomain
from components.orchestration.orchestration import SnowflakeConnectionSpec
from components.snowflake.pipeline_service_user import PipelineServiceUser
from components.snowflake.snowflake_platform import ServiceUserSpec
from stacks.snowflake_config import ServiceUserConfig


def platform_service_users(users: Sequence[ServiceUserConfig]) -> tuple[ServiceUserSpec, ...]:
    """The platform's service users by the config keys of their role and warehouse."""
    return tuple(
        ServiceUserSpec(
            key=u.name,
            role=u.role,
            warehouse=u.warehouse,
            allowed_ips=u.allowed_ips,
            rsa_public_key=u.rsa_public_key,
            key_rotation_days=_resolved_period(u),
        )
        for u in users
    )


def _resolved_period(user: ServiceUserConfig) -> int:
    """The user's key rotation period, which `resolve_snowflake` always sets."""
    if user.key_rotation_days is None:
        raise ValueError(f"service user [{user.name}]: key_rotation_days was not resolved")
    return user.key_rotation_days


def connection_specs(users: Mapping[str, PipelineServiceUser]) -> list[SnowflakeConnectionSpec]:
    """An Airflow connection for each service user whose key the program generated.

    A user with a configured public key has its private key elsewhere, so Airflow
    cannot connect as it from here.
    """
    return [
        SnowflakeConnectionSpec(
            key=key,
            user=user.user.name,
            role=user.user.default_role.apply(lambda v: v or ""),
            warehouse=user.user.default_warehouse.apply(lambda v: v or ""),
            private_key_pem=user.private_key_pem,
        )
        for key, user in users.items()
        if user.private_key_pem is not None
    ]


def domain_connection_specs(domain: DataDomain) -> list[SnowflakeConnectionSpec]:
    """Airflow's connections for a domain's generated service users, keyed
    `<domain>_<user>` (the secret `snowflake_<domain>_<user>`), wherever the domain lives."""
    return connection_specs(
        {f"{domain.key}_{key}": user for key, user in domain.service_users.items()}
    )
