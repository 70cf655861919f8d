"""Run rules over resource views: the one evaluation the pack and the offline plan share.

A rule never crashes evaluation and never passes silently: an unknown value it
needs becomes a "not evaluated until apply" result, and an unexpected error in a
rule becomes a violation naming the error. Suppressions are applied here, and an
expired one is itself a violation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .index import StackIndex
from .rule import Context, Level, Rule
from .settings import PolicySettings, Suppression, stack_environment
from .view import Finding, NotEvaluated, ResourceView

Status = Literal["violation", "not-evaluated", "suppressed"]


@dataclass(frozen=True)
class Result:
    """One line of a policy report."""

    policy: str
    level: Level
    severity: str
    urn: str | None
    name: str | None
    message: str
    status: Status = "violation"

    def as_dict(self) -> dict[str, object]:
        """The plan document's shape: policy, level, urn, message, plus the rest."""
        return {
            "policy": self.policy,
            "level": self.level,
            "severity": self.severity,
            "urn": self.urn,
            "name": self.name,
            "message": self.message,
            "status": self.status,
        }


def run_resource_rule(rule: Rule, view: ResourceView, ctx: Context) -> list[Finding]:
    """The findings of a resource rule on one resource."""
    assert rule.check is not None
    try:
        return list(rule.check(view, ctx))
    except NotEvaluated as exc:
        return [view.not_evaluated(exc.what)]
    except Exception as exc:  # a rule bug must show, not pass
        return [view.violation(f"rule [{rule.id}] failed: {type(exc).__name__}: {exc}")]


def run_stack_rule(rule: Rule, index: StackIndex, ctx: Context) -> list[Finding]:
    """The findings of a stack rule."""
    assert rule.check_stack is not None
    try:
        return list(rule.check_stack(index, ctx))
    except NotEvaluated as exc:
        return [Finding(None, None, f"not evaluated until apply: {exc.what} is unknown", True)]
    except Exception as exc:
        return [Finding(None, None, f"rule [{rule.id}] failed: {type(exc).__name__}: {exc}")]


def outcomes(
    rule: Rule,
    level: Level,
    findings: Iterable[Finding],
    suppressions: Sequence[Suppression],
    today: dt.date,
) -> list[Result]:
    """Findings as results: not evaluated, suppressed (by an unexpired match), or violations."""
    results = []
    for f in findings:
        status: Status = "not-evaluated" if f.not_evaluated else "violation"
        message = f.message
        if not f.not_evaluated:
            matching = [s for s in suppressions if s.matches(f.name, f.urn)]
            active = [s for s in matching if not s.expired(today)]
            if active:
                status = "suppressed"
                message += f" (suppressed until {active[0].expires}: {active[0].reason})"
            elif matching:
                message += f" (its suppression expired on {matching[0].expires})"
        results.append(Result(rule.id, level, rule.severity, f.urn, f.name, message, status))
    return results


def expired_suppressions(
    rule: Rule, level: Level, suppressions: Sequence[Suppression], today: dt.date
) -> list[Result]:
    """Each expired suppression of `rule`, as a violation of its own."""
    return [
        Result(
            rule.id,
            level,
            rule.severity,
            None,
            s.resources,
            f"suppression of [{s.resources}] expired on {s.expires} ({s.reason}): fix the "
            "resources or renew it with a new date and reason",
        )
        for s in suppressions
        if s.expired(today)
    ]


def evaluate(
    views: Iterable[ResourceView],
    rules: Sequence[Rule],
    settings: PolicySettings,
    stack: str,
    stack_tags: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    index: StackIndex | None = None,
) -> list[Result]:
    """Every rule over the stack: one pass over the resources, one index for stack rules.

    `index`, when given, is that index already built over `views` (the offline plan passes
    the one its preflight section reads, so models computed per index are built once).
    """
    index = index if index is not None else StackIndex(views)
    today = today or dt.date.today()
    tags = stack_tags or {}
    results: list[Result] = []
    # Per distinct `resource_types` (several rules share one), the resources they check, in
    # stack order: each resource rule then visits its own resources, not every resource.
    checked: dict[tuple[str, ...], list[ResourceView]] = {}
    for rule in rules:
        rs = settings.for_rule(rule.id)
        environment = stack_environment(rs.environment, tags, stack)
        level = settings.level(rule, environment)
        if level == "disabled":
            continue
        ctx = Context(environment, rs.properties)
        if rule.check is not None:
            if rule.resource_types not in checked:
                types = {t for t in index.types() if rule.applies_to(t)}
                checked[rule.resource_types] = [v for v in index.views if v.type in types]
            findings = [
                f
                for view in checked[rule.resource_types]
                for f in run_resource_rule(rule, view, ctx)
            ]
        else:
            findings = run_stack_rule(rule, index, ctx)
        results += outcomes(rule, level, findings, rs.suppressions, today)
        results += expired_suppressions(rule, level, rs.suppressions, today)
    return results
