"""A pipeline's Snowflake identity: key-pair only, from known networks only.

A generated key pair rotates without downtime through Snowflake's two key slots
(`RSA_PUBLIC_KEY` and `RSA_PUBLIC_KEY_2`): each slot is a `tls.PrivateKey` replaced
when its own `time.Rotating` fires (`replacement_trigger`), slot B half a period
after slot A, and the connection always takes the newer slot's key. The other
slot's key stays registered for a further half period. See docs/design/secrets.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_snowflake as snowflake
import pulumi_tls as tls
import pulumiverse_time as time

from components.naming import snowflake_identifier
from components.snowflake.providers import SnowflakeProviders

RSA_BITS = 2048  # Snowflake's documented minimum for key-pair authentication.
SLOTS = ("a", "b")
RFC3339 = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class ServiceUserArgs:
    """Arguments of `PipelineServiceUser`.

    Attributes:
        identifier: The user's Snowflake name (environment-prefixed).
        role: The functional role the user acts as (granted and made default).
        warehouse: The default warehouse.
        allowed_ips: IPv4 addresses or CIDR ranges the user may log in from.
        airflow_egress_ips: The addresses Airflow's connection as this user leaves from
            (the NAT gateways' Elastic IPs, unknown until they are allocated); added to
            the network policy beside `allowed_ips`. Defaults to none.
        authentication_policy: Qualified name of the key-pair-only policy.
        rsa_public_key: A public key (PEM or its base64 body) whose private key is
            kept elsewhere. Defaults to None: the program generates the key pairs.
        key_rotation_days: Days each generated key slot lives before it is replaced.
            Defaults to 90 (the composition passes the environment's period).
    """

    identifier: str
    role: pulumi.Input[str]
    warehouse: pulumi.Input[str]
    allowed_ips: tuple[str, ...]
    authentication_policy: pulumi.Input[str]
    rsa_public_key: str | None = None
    key_rotation_days: int = 90
    airflow_egress_ips: Sequence[pulumi.Input[str]] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.key_rotation_days < 2:
            raise ValueError(
                f"service user [{self.identifier}]: key_rotation_days must be at least 2 "
                f"(two slots half a period apart); got {self.key_rotation_days}"
            )


@dataclass(frozen=True)
class KeySlot:
    """One of the user's two key slots: its schedule and its key."""

    rotation: time.Rotating
    key: tls.PrivateKey


class PipelineServiceUser(pulumi.ComponentResource):
    """A TYPE=SERVICE user: no password, no console, one role, one network policy.

    `private_key_pem` is the newer slot's private key as a secret output (None when
    the public key came from config), for the orchestration layer to store in
    AWS Secrets Manager; it depends on the user, so the secret changes only after
    Snowflake holds the new public key. `slots` are the two generated key slots.
    """

    user: snowflake.ServiceUser
    private_key_pem: pulumi.Output[str] | None
    slots: dict[str, KeySlot]

    def __init__(
        self,
        name: str,
        args: ServiceUserArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:snowflake:PipelineServiceUser", name, None, opts)
        security = pulumi.ResourceOptions(parent=self, provider=providers.security)
        public_keys: tuple[pulumi.Input[str], pulumi.Input[str] | None]
        if args.rsa_public_key is None:
            self.slots = key_slots(name, args.key_rotation_days, self)
            a, b = (self.slots[s] for s in SLOTS)
            public_keys = (
                a.key.public_key_pem.apply(public_key_body),
                b.key.public_key_pem.apply(public_key_body),
            )
        else:
            self.slots = {}
            public_keys = (public_key_body(args.rsa_public_key), None)
        network_policy = snowflake.NetworkPolicy(
            f"{name}-network",
            name=snowflake_identifier(args.identifier, "NETWORK"),
            # Each address its own element: one unknown until apply leaves the rest known.
            allowed_ip_lists=[*args.allowed_ips, *args.airflow_egress_ips],
            comment=f"Networks {args.identifier} may log in from",
            opts=security,
        )
        self.user = snowflake.ServiceUser(
            name,
            name=args.identifier,
            login_name=args.identifier,
            rsa_public_key=public_keys[0],
            rsa_public_key2=public_keys[1],
            default_role=args.role,
            default_warehouse=args.warehouse,
            # Only the default role is active: masking decisions see exactly it.
            default_secondary_roles_option="NONE",
            network_policy=network_policy.name,
            comment="Pipeline identity managed by the data platform",
            opts=security,
        )
        self.private_key_pem = _newer_private_key(self.slots, self.user) if self.slots else None
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


def key_slots(name: str, period_days: int, parent: pulumi.Resource) -> dict[str, KeySlot]:
    """Slots A and B: each a key replaced when its own rotation fires.

    Slot B's base is slot A's plus half a period, so the two rotate half a period
    apart. B ignores later changes of that input: when A rotates, B keeps its
    schedule; when B's own rotation fires it is recreated from A's base of then,
    which keeps the half-period offset. (Slot B's very first key therefore lives
    one and a half periods.)
    """
    child = pulumi.ResourceOptions(parent=parent)
    slot_a = time.Rotating(f"{name}-key-a-rotation", rotation_days=period_days, opts=child)
    slot_b = time.Rotating(
        f"{name}-key-b-rotation",
        rotation_days=period_days,
        rfc3339=slot_a.rfc3339.apply(lambda base: offset_rfc3339(base, period_days * 12)),
        opts=pulumi.ResourceOptions(parent=parent, ignore_changes=["rfc3339"]),
    )
    slots = {}
    for slot, rotation in zip(SLOTS, (slot_a, slot_b), strict=True):
        key = tls.PrivateKey(
            f"{name}-key" if slot == "a" else f"{name}-key-b",
            algorithm="RSA",
            rsa_bits=RSA_BITS,
            # A new base timestamp is a rotation: the key is replaced with it.
            opts=pulumi.ResourceOptions(parent=parent, replacement_trigger=rotation.rfc3339),
        )
        slots[slot] = KeySlot(rotation, key)
    return slots


def _newer_private_key(
    slots: dict[str, KeySlot], user: snowflake.ServiceUser
) -> pulumi.Output[str]:
    """The private key of the slot rotated most recently, once the user holds both keys."""
    a, b = slots["a"], slots["b"]
    return pulumi.Output.secret(
        pulumi.Output.all(
            a.rotation.rfc3339,
            b.rotation.rfc3339,
            a.key.private_key_pem_pkcs8,
            b.key.private_key_pem_pkcs8,
            # Read after the user's update: Snowflake knows the key before Airflow gets it.
            user.rsa_public_key,
            user.rsa_public_key2,
        ).apply(lambda v: str(v[2 + SLOTS.index(newer_slot(str(v[0]), str(v[1])))]))
    )


def newer_slot(base_a: str, base_b: str) -> str:
    """ "a" or "b": the slot whose rotation base is later (B on a tie)."""
    return "a" if parse_rfc3339(base_a) > parse_rfc3339(base_b) else "b"


def parse_rfc3339(value: str) -> dt.datetime:
    """An RFC 3339 timestamp as an aware datetime (`Z` or an offset)."""
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def offset_rfc3339(value: str, hours: int) -> str:
    """`value` plus `hours`, in UTC, as RFC 3339."""
    return (parse_rfc3339(value) + dt.timedelta(hours=hours)).astimezone(dt.UTC).strftime(RFC3339)


def public_key_body(pem: str) -> str:
    """The base64 body of a PEM public key on one line, as Snowflake expects it."""
    lines = [line.strip() for line in pem.strip().splitlines()]
    return "".join(line for line in lines if line and not line.startswith("-----"))
