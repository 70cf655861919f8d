"""Journey: every Airflow connection reaches its endpoint and logs in.

Connections are found from non-secret facts only (the plan redacts secret values and the
pack sees them unknown at preview): each MWAA environment's secrets-backend connections
prefix (Airflow's default, `airflow/connections`, when the options are secret or unset),
the secrets named under it, their `airflow-conn-type` tag (else a conn id starting with
`snowflake`), and the dependency chain from the secret's value to a `tls.PrivateKey` and
from that key to the Snowflake user that holds its public key (else the `snowflake-user`
tag). Only Snowflake connections are followed; other types are not modelled.

A Snowflake connector reaches, per Snowflake's SYSTEM$ALLOWLIST (docs.snowflake.com/en/
sql-reference/functions/system_allowlist): the account host (SNOWFLAKE_DEPLOYMENT, 443),
the stage (STAGE: S3 on AWS, 443) and the OCSP hosts (OCSP_CACHE, OCSP_RESPONDER, 80).
With a PrivateLink endpoint in the VPC the account and OCSP hosts go through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial

from ..core.index import StackIndex
from ..core.rule import Context
from ..core.values import is_unknown
from ..core.view import ResourceView
from ..facts.tokens import MWAA_ENVIRONMENT, SECRETSMANAGER_SECRET, SECRETSMANAGER_SECRET_VERSION
from ..snowflake.identifiers import USERS
from .journey import Hop, Journey, broken, guarded, unknown
from .network import AWS_SERVICE_PREFIX, ENDPOINT, Destination, reach
from .network_refs import follow, label
from .network_routes import SUBNET
from .network_security import SECURITY_GROUP
from .snowflake_login import KEY_PROPS, login_hop, policy_hop, secret_keys

KIND = "journey-connection-logs-in"
MWAA = MWAA_ENVIRONMENT
SECRET = SECRETSMANAGER_SECRET
SECRET_VERSION = SECRETSMANAGER_SECRET_VERSION
# Airflow's SecretsManagerBackend default (apache-airflow-providers-amazon).
DEFAULT_CONNECTIONS_PREFIX = "airflow/connections"
CONN_TYPE_TAG = "airflow-conn-type"
USER_TAG = "snowflake-user"
# SYSTEM$ALLOWLIST's types a connector uses, as destinations (see the module docstring).
ACCOUNT = Destination("Snowflake account host", 443, "internet")
STAGE = Destination("Snowflake stage (S3)", 443, "aws-service", "s3")
OCSP = Destination("OCSP hosts", 80, "internet")


def connections_prefix(env: ResourceView) -> str:
    """The environment's connections prefix, or Airflow's default when it cannot be read."""
    options = env.get("airflowConfigurationOptions")
    if isinstance(options, dict) and isinstance(options.get("secrets.backend_kwargs"), str):
        try:
            kwargs = json.loads(options["secrets.backend_kwargs"])
        except json.JSONDecodeError:
            kwargs = {}
        if isinstance(kwargs, dict) and isinstance(kwargs.get("connections_prefix"), str):
            return str(kwargs["connections_prefix"]).strip("/")
    return DEFAULT_CONNECTIONS_PREFIX


def conn_id(secret: ResourceView, prefix: str) -> str | None:
    """The Airflow conn id a secret holds under `prefix`, or None if it is not under it."""
    name = secret.get("name")
    if not isinstance(name, str) or is_unknown(name):
        return None
    for head in (f"{prefix}/", f"/{prefix}/"):
        if name.startswith(head) or (head.startswith("/") and head in name):
            return name.split(head, 1)[1]
    return None


def build(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """One journey per Snowflake connection secret under each MWAA environment's prefix."""
    for env in index.of_type(MWAA):
        prefix = connections_prefix(env)
        for secret in index.of_type(SECRET):
            if is_unknown(secret.get("name")):
                name = f"Airflow [{env.name}] connection of secret [{secret.name}] logs in"
                hop = unknown("a connection", "the secret's name is unknown until apply", secret)
                yield Journey(KIND, name, env, (hop,))
                continue
            conn = conn_id(secret, prefix)
            tags = secret.get("tags") if isinstance(secret.get("tags"), dict) else {}
            kind = tags.get(CONN_TYPE_TAG) or (
                "snowflake" if conn and conn.startswith("snowflake") else ""
            )
            if conn is None or kind != "snowflake":
                continue
            name = f"Airflow [{env.name}] connection {conn} logs in to Snowflake"
            yield guarded(KIND, name, env, partial(_hops, index, env, secret))


def _hops(index: StackIndex, env: ResourceView, secret: ResourceView) -> list[Hop]:
    subnets = follow(index, env, "networkConfiguration.subnetIds", (SUBNET,))
    groups = follow(index, env, "networkConfiguration.securityGroupIds", (SECURITY_GROUP,))
    privatelink = _privatelink(index)
    account = Destination(ACCOUNT.name, 443, "privatelink") if privatelink else ACCOUNT
    ocsp = Destination(OCSP.name, 80, "privatelink") if privatelink else OCSP
    to_account = reach(index, env, subnets, groups, account)
    hops = [*to_account.hops]
    hops += reach(index, env, subnets, groups, STAGE).hops
    hops += reach(index, env, subnets, groups, ocsp).hops
    version = next(iter(index.referrers(secret, (SECRET_VERSION,), "secretId")), None)
    keys = secret_keys(index, version)
    user = _user(index, secret, keys)
    if user is None:
        tags = secret.get("tags") if isinstance(secret.get("tags"), dict) else {}
        if keys or tags.get(USER_TAG):
            hops.append(
                broken(
                    "login user",
                    f"no Snowflake user in the program holds the key "
                    f"of {label(secret)} or is named by its {USER_TAG} tag",
                    secret,
                )
            )
        else:
            hops.append(unknown("login user", f"{label(secret)} names no user ({USER_TAG} tag)"))
        return hops
    private = to_account.vpc_cidrs if to_account.private else ()
    hops.append(policy_hop(index, user, to_account.addresses, private))
    hops.append(login_hop(index, user, keys))
    return hops


def _user(index: StackIndex, secret: ResourceView, keys: list[ResourceView]) -> ResourceView | None:
    """The user holding a public key of `keys`, else the one the secret's tag names."""
    urns = {k.urn for k in keys}
    for user in index.of_type(*USERS):
        if any(
            urns & set(user.property_dependencies.get(p) or user.dependencies) for p in KEY_PROPS
        ):
            return user
    tags = secret.get("tags") if isinstance(secret.get("tags"), dict) else {}
    named = tags.get(USER_TAG)
    found = index.referenced(named, USERS) if isinstance(named, str) else []
    return found[0] if found else None


def _privatelink(index: StackIndex) -> bool:
    """True if the program declares an interface endpoint to a non-AWS (PrivateLink) service."""
    return any(
        isinstance(e.get("serviceName"), str)
        and not str(e.get("serviceName")).startswith(AWS_SERVICE_PREFIX)
        and e.get("vpcEndpointType") == "Interface"
        for e in index.of_type(ENDPOINT)
    )
