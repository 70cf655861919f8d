"""The one adapter from rules to pulumi_policy: each Rule becomes a Resource- or
StackValidationPolicy whose validate builds views, runs the rule exactly as the
offline plan does (`core.engine`), and reports through pulumi_policy.

Environment and levels. The Pulumi CLI starts the pack with PULUMI_STACK set (and
before any stack tag or policy config reaches it), so each policy's default
enforcement level is its level for the environment of that stack name's suffix
(DATAPLAT_ENVIRONMENT overrides; prod when neither says). A per-stack policy
config file (`--policy-pack-config`) overrides any level with `enforcementLevel`.
At validation time the environment a rule reasons with (size caps, prod-only
checks) comes from the rule's `environment` property, else the stack tag
`environment`, else the stack name.

Unknowns. pulumi_policy's props proxy raises on unknown values; the views built
here hold UNKNOWN instead, and a rule's not-evaluated findings are reported with
`not_applicable("not evaluated until apply: ...")` after any violations.

Suppressions. A rule's `suppressions` live in its own config entry. Applied ones
are collected in this process and reported, advisory, by the last policy of the
pack (`policy-suppressions-reported`), which runs after every other policy.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UnknownValueError

from .core.engine import Result, expired_suppressions, outcomes, run_resource_rule, run_stack_rule
from .core.index import StackIndex
from .core.rule import Context, Level, Rule
from .core.settings import COMMON_SCHEMA, ConfigError, parse_rule_settings, stack_environment
from .core.values import UNKNOWN, normalize
from .core.view import ResourceView
from .facts.stack_layout import PART_PROJECTS
from .registry import RULES

PACK_NAME = "data-platform"
REPORTER_ID = "policy-suppressions-reported"
SUPPRESSION_LOG: list[Result] = []
_EXPIRED_REPORTED: set[str] = set()


def startup_environment(environ: Mapping[str, str] | None = None) -> str:
    """The environment whose default levels the pack registers with."""
    env = os.environ if environ is None else environ
    return stack_environment(env.get("DATAPLAT_ENVIRONMENT"), {}, env.get("PULUMI_STACK", ""))


def pack_policies(environment: str | None = None) -> list[Policy]:
    """Every rule as a pulumi_policy policy, then the suppression reporter."""
    environment = environment or startup_environment()
    policies: list[Policy] = [to_policy(rule, environment) for rule in RULES]
    policies.append(
        StackValidationPolicy(
            name=REPORTER_ID,
            description="Every applied suppression is listed (reason and expiry) for review.",
            validate=_report_suppressions,
            enforcement_level=EnforcementLevel.ADVISORY,
            severity=Severity.LOW,
        )
    )
    return policies


def to_policy(rule: Rule, environment: str) -> Policy:
    """One rule as a pulumi_policy policy with its metadata."""
    common: dict[str, Any] = {
        "name": rule.id,
        "description": rule.description,
        "enforcement_level": EnforcementLevel(rule.levels.for_environment(environment)),
        "config_schema": PolicyConfigSchema(
            {**COMMON_SCHEMA, **{k: dict(v) for k, v in rule.config_schema.items()}}
        ),
        "severity": Severity(rule.severity),
        "tags": list(rule.mapped),
        "remediation_steps": rule.remediation,
    }
    if rule.check is not None:

        def validate_resource(args: ResourceValidationArgs, report: ReportViolation) -> None:
            if not rule.applies_to(args.resource_type):
                return
            _validate(rule, args, report, resource_view(args))

        return ResourceValidationPolicy(validate=validate_resource, **common)

    def validate_stack(args: StackValidationArgs, report: ReportViolation) -> None:
        _validate(rule, args, report, None)

    return StackValidationPolicy(validate=validate_stack, **common)


def _project_of(urn: str) -> str:
    """The project part of a URN (`urn:pulumi:<stack>::<project>::...`)."""
    parts = urn.split("::")
    return parts[1] if len(parts) > 1 else ""


def _validate(
    rule: Rule,
    args: ResourceValidationArgs | StackValidationArgs,
    report: ReportViolation,
    view: ResourceView | None,
) -> None:
    try:
        settings = parse_rule_settings(rule.id, dict(args.get_config() or {}))
    except ConfigError as exc:
        report(f"invalid policy config: {exc}", None)
        return
    views = [view] if view is not None else stack_views(args.resources)  # type: ignore[union-attr]
    if view is None and views and _project_of(views[0].urn) in PART_PROJECTS:
        # A domain or edges stack is part of its environment: a stack rule (a journey, a
        # budget, the order of creation) needs all of it, so `dataplat plan --env` judges
        # it on the union of the environment's plans (docs/design/domain-stacks.md).
        return
    stack = views[0].stack if views else os.environ.get("PULUMI_STACK", "")
    environment = stack_environment(settings.environment, dict(args.stack_tags), stack)
    ctx = Context(environment, settings.properties)
    if view is not None:
        findings = run_resource_rule(rule, view, ctx)
    else:
        findings = run_stack_rule(rule, StackIndex(views), ctx)
    level: Level = rule.levels.for_environment(environment)
    today = dt.date.today()
    results = outcomes(rule, level, findings, settings.suppressions, today)
    if rule.id not in _EXPIRED_REPORTED:
        _EXPIRED_REPORTED.add(rule.id)
        results += expired_suppressions(rule, level, settings.suppressions, today)
    pending = []
    for result in results:
        if result.status == "violation":
            report(result.message, result.urn)
        elif result.status == "suppressed":
            SUPPRESSION_LOG.append(result)
        else:
            pending.append(result.message)
    if pending:
        args.not_applicable("; ".join(pending))


def _report_suppressions(args: StackValidationArgs, report: ReportViolation) -> None:
    for result in SUPPRESSION_LOG:
        report(f"[{result.policy}] suppressed: {result.message}", result.urn)
    SUPPRESSION_LOG.clear()


def resource_view(args: ResourceValidationArgs) -> ResourceView:
    """A view of the resource under validation."""
    provider = args.provider
    return ResourceView(
        type=args.resource_type,
        name=args.name,
        urn=args.urn,
        props=normalize(plain(args.props)),
        protect=bool(args.opts.protect),
        provider=provider.urn if provider is not None else None,
        provider_props=normalize(plain(provider.props)) if provider is not None else {},
        parent=args.opts.parent,
    )


def stack_views(resources: Sequence[PolicyResource]) -> list[ResourceView]:
    """Views of every resource of the stack; their props are the resources' outputs."""
    views = []
    for r in resources:
        props = normalize(plain(r.props))
        views.append(
            ResourceView(
                type=r.resource_type,
                name=r.name,
                urn=r.urn,
                props=props,
                outputs=props,
                protect=bool(r.opts.protect),
                provider=r.provider.urn if r.provider is not None else None,
                provider_props=normalize(plain(r.provider.props)) if r.provider is not None else {},
                parent=r.parent.urn if r.parent is not None else None,
                dependencies=tuple(d.urn for d in r.dependencies),
                property_dependencies={
                    k: tuple(d.urn for d in v) for k, v in r.property_dependencies.items()
                },
            )
        )
    return views


def plain(value: Any) -> Any:
    """pulumi_policy's unknown-checking proxies as plain data, unknowns as UNKNOWN."""
    if isinstance(value, str | bytes):
        return value
    if isinstance(value, Mapping):
        out = {}
        for key in value:
            try:
                out[str(key)] = plain(value[key])
            except UnknownValueError:
                out[str(key)] = UNKNOWN
        return out
    if isinstance(value, Sequence):
        items = []
        for i in range(len(value)):
            try:
                items.append(plain(value[i]))
            except UnknownValueError:
                items.append(UNKNOWN)
        return items
    return value
