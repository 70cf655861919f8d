"""A pipeline's Snowflake identity: key-pair only, from known networks only."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_snowflake as snowflake
import pulumi_tls as tls

from components.naming import snowflake_identifier
from components.snowflake.providers import SnowflakeProviders

RSA_BITS = 2048  # Snowflake's documented minimum for key-pair authentication.


@dataclass(frozen=True)
class ServiceUserArgs:
    """Arguments of `PipelineServiceUser`.

    Attributes:
        identifier: The user's Snowflake name (environment-prefixed).
        role: The functional role the user acts as (granted and made default).
        warehouse: The default warehouse.
        allowed_ips: IPv4 addresses or CIDR ranges the user may log in from.
        authentication_policy: Qualified name of the key-pair-only policy.
        rsa_public_key: A public key (PEM or its base64 body) whose private key is
            kept elsewhere. Defaults to None: the program generates the key pair.
    """

    identifier: str
    role: pulumi.Input[str]
    warehouse: pulumi.Input[str]
    allowed_ips: tuple[str, ...]
    authentication_policy: pulumi.Input[str]
    rsa_public_key: str | None = None


class PipelineServiceUser(pulumi.ComponentResource):
    """A TYPE=SERVICE user: no password, no console, one role, one network policy.

    `private_key_pem` is the generated private key as a secret output (None when
    the public key came from config), for the orchestration layer to store in
    AWS Secrets Manager.
    """

    user: snowflake.ServiceUser
    private_key_pem: pulumi.Output[str] | None

    def __init__(
        self,
        name: str,
        args: ServiceUserArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:snowflake:PipelineServiceUser", name, None, opts)
        security = pulumi.ResourceOptions(parent=self, provider=providers.security)
        public_key: pulumi.Input[str]
        if args.rsa_public_key is None:
            key = tls.PrivateKey(
                f"{name}-key",
                algorithm="RSA",
                rsa_bits=RSA_BITS,
                opts=pulumi.ResourceOptions(parent=self),
            )
            public_key = key.public_key_pem.apply(public_key_body)
            self.private_key_pem = pulumi.Output.secret(key.private_key_pem_pkcs8)
        else:
            public_key = public_key_body(args.rsa_public_key)
            self.private_key_pem = None
        network_policy = snowflake.NetworkPolicy(
            f"{name}-network",
            name=snowflake_identifier(args.identifier, "NETWORK"),
            allowed_ip_lists=list(args.allowed_ips),
            comment=f"Networks {args.identifier} may log in from",
            opts=security,
        )
        self.user = snowflake.ServiceUser(
            name,
            name=args.identifier,
            login_name=args.identifier,
            rsa_public_key=public_key,
            default_role=args.role,
            default_warehouse=args.warehouse,
            # Only the default role is active: masking decisions see exactly it.
            default_secondary_roles_option="NONE",
            network_policy=network_policy.name,
            comment="Pipeline identity managed by the data platform",
            opts=security,
        )
        snowflake.GrantAccountRole(
            f"{name}-role",
            role_name=args.role,
            user_name=self.user.name,
            opts=security,
        )
        snowflake.UserAuthenticationPolicyAttachment(
            f"{name}-keypair-only",
            authentication_policy_name=args.authentication_policy,
            user_name=self.user.name,
            opts=pulumi.ResourceOptions(parent=self, provider=providers.governance),
        )
        self.register_outputs({"name": self.user.name})


def public_key_body(pem: str) -> str:
    """The base64 body of a PEM public key on one line, as Snowflake expects it."""
    lines = [line.strip() for line in pem.strip().splitlines()]
    return "".join(line for line in lines if line and not line.startswith("-----"))
