"""What a domain reads of its platform: one record, filled in one stack or through a reference.

A domain's resources need a few values the platform creates: key ARNs, the alerts topic,
Snowflake's error integration, tags and policies, Airflow's addresses, role and keys. In
one stack (`domain_stacks: false`) they come from the live platform components; in a
domain stack (docs/design/domain-stacks.md) from the platform stack's outputs through a
`pulumi.StackReference`. `PlatformRefs` is both: its field names ARE the platform stack's
output names (`platform_outputs` exports them, `refs_from_reference` reads them back), so
the export and the reader cannot disagree. Which fields a stack has follows from its
config alone (zones, NAT count, functional roles, an orchestration section), so a domain
stack asks for exactly the outputs its platform exports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import pulumi

from composition.context import StackContext


@dataclass(frozen=True)
class ReferencedBucket:
    """A bucket of the platform stack named by its output; complete before any domain
    stack runs, so an upload waits for nothing of it (`components.orchestration.glue_jobs.
    ScriptsBucket`)."""

    name: pulumi.Output[str]
    ready: Sequence[pulumi.Resource] = ()


@dataclass(frozen=True)
class PlatformRefs:
    """Every platform value a domain's resources use, by the platform stack's output name.

    Attributes:
        lake_key_arns: Zone -> its KMS key's ARN.
        alerts_topic_arn: The stack's alerts topic (domain subscriptions, job alarms).
        snowflake_error_integration: The notification integration pipes and alerts report to.
        pii_tag: The PII tag's fully qualified name.
        contract_tag: The DATA_CONTRACT tag's fully qualified name.
        authentication_policy: The key-pair-only authentication policy's fully qualified name.
        snowflake_functional_roles: Platform functional role key -> its Snowflake name.
        airflow_egress_ips: Airflow's NAT addresses (service users' network policies).
        glue_security_configuration: The catalog's security configuration (crawlers);
            None without orchestration.
        orchestration_key_arn: The key of the Glue catalog and job scripts; None without
            orchestration.
        scripts_bucket: The bucket Glue job scripts are uploaded to; None without
            orchestration.
        airflow_execution_role_arn: The role Airflow reads its connections as; None without
            orchestration.
        airflow_secrets_key_arn: The key of Airflow's connection secrets; None without
            orchestration.
    """

    lake_key_arns: Mapping[str, pulumi.Input[str]]
    alerts_topic_arn: pulumi.Input[str]
    snowflake_error_integration: pulumi.Input[str]
    pii_tag: pulumi.Input[str]
    contract_tag: pulumi.Input[str]
    authentication_policy: pulumi.Input[str]
    snowflake_functional_roles: Mapping[str, pulumi.Input[str]]
    airflow_egress_ips: Sequence[pulumi.Input[str]] = ()
    glue_security_configuration: pulumi.Input[str] | None = None
    orchestration_key_arn: pulumi.Input[str] | None = None
    scripts_bucket: Any = None
    airflow_execution_role_arn: pulumi.Input[str] | None = None
    airflow_secrets_key_arn: pulumi.Input[str] | None = None

    def require(self, field: str) -> Any:
        """The value of `field`; raises ValueError when the platform has none (a domain
        needing orchestration in a stack without it: the config check refuses that first)."""
        value = getattr(self, field)
        if value is None:
            raise ValueError(f"the platform has no `{field}` (no orchestration section?)")
        return value


def platform_outputs(refs: PlatformRefs) -> dict[str, Any]:
    """The platform stack's outputs a domain stack reads: every field set, by its name
    (the scripts bucket as its name)."""
    found: dict[str, Any] = {}
    for f in fields(refs):
        value = getattr(refs, f.name)
        if value is None:
            continue
        found[f.name] = value.name if f.name == "scripts_bucket" else value
    return found


def platform_stack_name(environment: str) -> str:
    """The fully qualified name of the environment's platform stack, in this organisation."""
    return f"{pulumi.get_organization()}/data-platform/{environment}"


def refs_from_reference(ref: pulumi.StackReference, stack: str, ctx: StackContext) -> PlatformRefs:
    """The refs of the platform stack `ref` (named `stack`), shaped by the config both
    stacks share.

    Every output and item is checked, so a platform that lacks one fails the domain's run
    with an error naming the platform stack and the output (the SDK's `require_output`
    raises a bare KeyError).
    """
    platform = ctx.platform

    def one(key: str) -> pulumi.Output[Any]:
        return ref.outputs.apply(_picker(stack, "", key))

    def item(key: str, index: Any) -> pulumi.Output[Any]:
        return one(key).apply(_picker(stack, key, index))

    snowflake, orchestration = platform.snowflake, platform.orchestration
    nat_count = orchestration.network.nat_count if orchestration else 0
    roles = [r.name for r in snowflake.functional_roles] if snowflake else []
    return PlatformRefs(
        lake_key_arns={zone: item("lake_key_arns", zone) for zone in platform.zone_names},
        alerts_topic_arn=one("alerts_topic_arn"),
        snowflake_error_integration=one("snowflake_error_integration"),
        pii_tag=one("pii_tag"),
        contract_tag=one("contract_tag"),
        authentication_policy=one("authentication_policy"),
        snowflake_functional_roles={k: item("snowflake_functional_roles", k) for k in roles},
        airflow_egress_ips=[item("airflow_egress_ips", i) for i in range(nat_count)],
        glue_security_configuration=one("glue_security_configuration") if orchestration else None,
        orchestration_key_arn=one("orchestration_key_arn") if orchestration else None,
        scripts_bucket=ReferencedBucket(one("scripts_bucket")) if orchestration else None,
        airflow_execution_role_arn=one("airflow_execution_role_arn") if orchestration else None,
        airflow_secrets_key_arn=one("airflow_secrets_key_arn") if orchestration else None,
    )


def _picker(stack: str, key: str, index: Any) -> Callable[[Any], Any]:
    """Item `index` of output `key` (of the outputs themselves when `key` is empty), or an
    error naming the stack, the output and the item."""

    def pick(value: Any) -> Any:
        try:
            return value[index]
        except (KeyError, IndexError, TypeError):
            what = f"output {key!r} has no item {index!r}" if key else f"no output {index!r}"
            raise ValueError(
                f"the platform stack {stack} has {what}; plan or deploy the platform first"
            ) from None

    return pick
