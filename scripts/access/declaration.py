"""The expected access of each stack, generated into `stacks/policy.<stack>.json`.

The pack cannot read stack files, so each stack's policy config (the file the workflows pass as
`--policy-pack-config`, and `dataplat plan` reads beside the stack) carries an `expectedAccess`
property for every AWS access rule (policies/rules/access/expected.py). It is derived here from
the stack config, never written by hand:

- the account root (it delegates to the account's identity policies);
- the deployers and key administrators (stack config `deployers`, `kms.key_administrator_arns`);
- the documented service principals: every service of the one table of service requests
  (policies/rules/journeys/service_requests.py), plus CloudWatch Logs' regional principal
  `logs.<region>.amazonaws.com` (CloudWatch Logs User Guide, "Encrypt log data in CloudWatch
  Logs using AWS KMS", docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html);
- Snowflake's IAM user, on the integration roles only (its ARN is Snowflake's, known once the
  integration exists; crosscloud-integration-role-trusts-integration pins it and sts:ExternalId);
- the Snowflake roles of the platform: its prefix, the governance role and the system
  roles the providers create objects as;
- each data domain's boundary (`domains` of access-snowflake-domain-boundary,
  policies/rules/access/domains.py): its database, its own roles (the names the composition
  gives them) and, per schema, the roles its `consumers` name.

Everything else in the file (levels, suppressions) is hand-written and kept as it is.
`dataplat docs` writes the files; `dataplat docs --check` fails when one is stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from components.naming import snowflake_identifier
from policies.rules.access import (
    bucket_policy_no_outside_access,
    key_policy_no_outside_access,
    resource_policy_no_outside_access,
    role_trust_no_outside_access,
)
from policies.rules.access import domains as domain_boundaries
from policies.rules.access.expected import PROPERTY
from policies.rules.access.snowflake_domain_boundary import RULE as BOUNDARY_RULE
from policies.rules.facts import arns
from policies.rules.journeys.service_requests import SERVICE_REQUESTS
from scripts.files import read_json
from stacks.domain_file import load_domains
from stacks.domain_spec import ResolvedDomain
from stacks.input_files import CONFIG
from stacks.resolve import ResolvedPlatform
from stacks.stack_file import load_stack_file
from vocabulary.domains import DOMAIN_ROLES

STACKS = ("dev", "staging", "prod")
# The AWS access rules that judge named principals against the declaration.
RULES = tuple(
    m.RULE.id
    for m in (
        bucket_policy_no_outside_access,
        key_policy_no_outside_access,
        resource_policy_no_outside_access,
        role_trust_no_outside_access,
    )
)
# The provider roles that create (and so own) account objects: Snowflake system roles.
SYSTEM_ROLES = ("ACCOUNTADMIN", "SECURITYADMIN", "SYSADMIN")
LOGS_SOURCE = "docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"


def policy_file(root: Path, stack: str) -> Path:
    """Where the policy config of `stack` lives."""
    return root / "stacks" / f"policy.{stack}.json"


def declaration(platform: ResolvedPlatform) -> dict[str, Any]:
    """The `expectedAccess` property of a stack, from its resolved platform config."""
    account = platform.account_id
    entries = [_entry(arns.account_root(account), "*", "the account root (identity policies)")]
    entries += [_entry(d, "*", "a deployer (stack config `deployers`)") for d in platform.deployers]
    entries += [
        _entry(a, "*", "a key administrator (stack config `kms.key_administrator_arns`)")
        for a in platform.kms.key_administrator_arns
    ]
    services = sorted({r.service for r in SERVICE_REQUESTS if r.service != "*"})
    entries += [
        _entry(s, "*", "a documented service principal (journeys/service_requests.py)")
        for s in services
    ]
    entries.append(
        _entry(
            f"logs.{platform.region}.amazonaws.com",
            "*",
            f"CloudWatch Logs' regional service principal ({LOGS_SOURCE})",
        )
    )
    entries.append(
        _entry(
            arns.iam_user("*", "*"),
            f"{platform.name_prefix}-{platform.environment}-snowflake-*",
            "Snowflake's IAM user of the storage/notification integration, pinned by "
            "sts:ExternalId (crosscloud-integration-role-trusts-integration)",
        )
    )
    prefix = snowflake_identifier(platform.name_prefix, platform.environment)
    governance = (platform.snowflake.governance_role,) if platform.snowflake else ()
    roles = sorted({f"{prefix}_*", *governance, *SYSTEM_ROLES})
    return {"account": account, "principals": entries, "snowflakeRoles": roles}


def boundaries(platform: ResolvedPlatform, domains: list[ResolvedDomain]) -> list[dict[str, Any]]:
    """The `domains` property of the boundary rule: each domain's database, own roles and
    consumers per schema, under the Snowflake names the composition gives them
    (composition/domains.py, composition/roles.py, composition/data_platform.py)."""
    prefix = (platform.name_prefix, platform.environment)
    out = []
    for domain in sorted(domains, key=lambda d: d.name):
        consumers: dict[str, list[str]] = {}
        for consumer in domain.spec.consumers:
            owner, _, role = consumer.role.partition(".")
            reader = (
                snowflake_identifier(*prefix, owner, role)
                if role
                else (snowflake_identifier(*prefix, owner))
            )
            for schema in consumer.schemas:
                consumers.setdefault(snowflake_identifier(schema), []).append(reader)
        out.append(
            {
                "name": domain.name,
                "database": snowflake_identifier(*prefix, "domain", domain.name),
                "roles": sorted(
                    snowflake_identifier(*prefix, domain.name, r) for r in DOMAIN_ROLES
                ),
                "consumers": {k: sorted(v) for k, v in sorted(consumers.items())},
            }
        )
    return out


def _entry(principal: str, resources: str, why: str) -> dict[str, str]:
    return {"principal": principal, "resources": resources, "why": why}


def rendered(root: Path, stack: str) -> str:
    """The policy config of `stack` with its `expectedAccess` regenerated, everything else
    kept (entries of other rules, and other properties of the access rules, in their order)."""
    platform = load_stack_file(root / "stacks" / f"Pulumi.{stack}.yaml").platform
    domains = load_domains(root / "stacks" / "domains", platform)
    path = policy_file(root, stack)
    # Hand-edited too (enforcement levels): read as the plan reads it, so a key given twice
    # is refused rather than silently dropped when the file is rewritten.
    current: dict[str, Any] = read_json(path, "policy config", CONFIG) if path.is_file() else {}
    declared = declaration(platform)
    for rule in RULES:
        entry = current.get(rule)
        if isinstance(entry, str):
            entry = {"enforcementLevel": entry}
        current[rule] = {**(entry or {}), PROPERTY: declared}
    entry = current.get(BOUNDARY_RULE.id)
    if isinstance(entry, str):
        entry = {"enforcementLevel": entry}
    current[BOUNDARY_RULE.id] = {
        **(entry or {}),
        domain_boundaries.PROPERTY: boundaries(platform, domains),
    }
    return json.dumps(current, indent=2) + "\n"


def files(root: Path) -> dict[Path, str]:
    """Every stack's policy config as it should be."""
    return {policy_file(root, s): rendered(root, s) for s in STACKS}
