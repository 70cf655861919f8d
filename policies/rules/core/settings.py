"""Enforcement levels, environment and suppressions: the policy config, parsed once.

The config has the shape `pulumi preview --policy-pack-config FILE` takes, so one
per-stack file serves the CLI and the offline plan:

    {"all": "advisory",                                   # optional, every rule
     "<rule-id>": "mandatory",                            # or an object:
     "<rule-id>": {"enforcementLevel": "advisory",
                   "environment": "prod",                 # optional
                   "suppressions": [{"resources": "legacy-*",
                                     "reason": "at least ten characters of why",
                                     "expires": "2026-12-31"}],
                   "<rule property>": ...}}

Precedence of a rule's level: its own `enforcementLevel` > `all` > its default
for the environment. The environment: the rule's `environment` property > the
stack tag `environment` > the stack name's suffix (`-dev`, `prod`, ...) > prod.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from ..facts.stack_layout import environment_of
from .rule import ENVIRONMENTS, Level, Rule

LEVELS = ("advisory", "mandatory", "disabled", "remediate")
MIN_REASON = 10
SUPPRESSION_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "resources": {"type": "string"},
            "reason": {"type": "string", "minLength": MIN_REASON},
            "expires": {"type": "string"},
        },
        "required": ["resources", "reason", "expires"],
    },
}
COMMON_SCHEMA: dict[str, dict[str, Any]] = {
    "environment": {"type": "string", "enum": list(ENVIRONMENTS)},
    "suppressions": SUPPRESSION_SCHEMA,
}


class ConfigError(ValueError):
    """The policy config is malformed; the message names the rule and the field."""


@dataclass(frozen=True)
class Suppression:
    """An accepted exception: rule id, resource name glob, reason and expiry date."""

    rule: str
    resources: str
    reason: str
    expires: dt.date

    def matches(self, name: str | None, urn: str | None) -> bool:
        """True if the glob matches the resource's logical name (or its URN)."""
        return any(
            value is not None and fnmatch.fnmatchcase(value, self.resources)
            for value in (name, urn)
        )

    def expired(self, today: dt.date) -> bool:
        """True once the expiry date has passed (the expiry day itself still counts)."""
        return today > self.expires


@dataclass(frozen=True)
class RuleSettings:
    """One rule's slice of the config."""

    level: Level | None = None
    environment: str | None = None
    suppressions: tuple[Suppression, ...] = ()
    properties: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PolicySettings:
    """The whole config: an optional level for all rules and each rule's settings."""

    all_level: Level | None = None
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)

    def for_rule(self, rule_id: str) -> RuleSettings:
        """The settings of `rule_id` (empty when the config does not name it)."""
        return self.rules.get(rule_id, RuleSettings())

    def level(self, rule: Rule, environment: str) -> Level:
        """The effective enforcement level of `rule` in `environment`."""
        own = self.for_rule(rule.id).level
        return own or self.all_level or rule.levels.for_environment(environment)


def with_default_property(
    settings: PolicySettings, rule_id: str, key: str, value: Any
) -> PolicySettings:
    """`settings` where `rule_id` has property `key` = `value`, unless the config sets it.

    For facts a rule needs that the stack's own config already states (the deployers),
    so they are written once and the policy config may still override them.
    """
    own = settings.for_rule(rule_id)
    if key in own.properties:
        return settings
    updated = dataclasses.replace(own, properties={**own.properties, key: value})
    return dataclasses.replace(settings, rules={**settings.rules, rule_id: updated})


def parse_settings(data: Mapping[str, Any], known_rules: set[str]) -> PolicySettings:
    """The config as PolicySettings; every mistake in one ConfigError, naming the path."""
    errors: list[str] = []
    all_level: Level | None = None
    rules: dict[str, RuleSettings] = {}
    for key, value in data.items():
        if key == "all":
            level = value.get("enforcementLevel") if isinstance(value, Mapping) else value
            all_level = _level(level, "all", errors)
        elif key not in known_rules:
            errors.append(f"{key}: unknown rule id; known ids: see `dataplat policies list`")
        else:
            try:
                rules[key] = parse_rule_settings(key, value)
            except ConfigError as exc:
                errors.append(str(exc))
    if errors:
        raise ConfigError("; ".join(errors))
    return PolicySettings(all_level, rules)


def parse_rule_settings(rule_id: str, value: Any) -> RuleSettings:
    """One rule's entry: a level string, or an object of level and properties."""
    errors: list[str] = []
    if isinstance(value, str):
        level = _level(value, rule_id, errors)
        if errors:
            raise ConfigError("; ".join(errors))
        return RuleSettings(level=level)
    if not isinstance(value, Mapping):
        raise ConfigError(f"{rule_id}: expected a level or an object, got {value!r}")
    level = _level(value.get("enforcementLevel"), f"{rule_id}.enforcementLevel", errors)
    environment = value.get("environment")
    if environment is not None and environment not in ENVIRONMENTS:
        errors.append(f"{rule_id}.environment: {environment!r}; allowed: {', '.join(ENVIRONMENTS)}")
    suppressions = tuple(
        s
        for i, raw in enumerate(value.get("suppressions") or [])
        if (s := _suppression(rule_id, i, raw, errors)) is not None
    )
    if errors:
        raise ConfigError("; ".join(errors))
    properties = {
        k: v
        for k, v in value.items()
        if k not in ("enforcementLevel", "environment", "suppressions")
    }
    return RuleSettings(level, environment, suppressions, properties)


def stack_environment(configured: str | None, stack_tags: Mapping[str, str], stack: str) -> str:
    """The stack's environment: config > stack tag `environment` > stack name suffix (of
    the part before a period: a domain stack `dev.marketing` is dev) > prod."""
    if configured in ENVIRONMENTS:
        return str(configured)
    tagged = stack_tags.get("environment")
    if tagged in ENVIRONMENTS:
        return str(tagged)
    # A domain stack (`dev.marketing`) is of its environment's part before the period.
    match = re.search(r"(?:^|[-_.])(dev|staging|prod)$", environment_of(stack))
    return match.group(1) if match else "prod"


def _level(value: Any, where: str, errors: list[str]) -> Level | None:
    if value is None:
        return None
    if value not in LEVELS:
        errors.append(f"{where}: {value!r}; allowed: {', '.join(LEVELS)}")
        return None
    # A stack cannot be remediated by these rules: remediate counts as mandatory.
    return cast(Level, "mandatory" if value == "remediate" else value)


def _suppression(rule_id: str, i: int, raw: Any, errors: list[str]) -> Suppression | None:
    where = f"{rule_id}.suppressions[{i}]"
    if not isinstance(raw, Mapping):
        errors.append(f"{where}: expected an object with resources, reason, expires")
        return None
    missing = [k for k in ("resources", "reason", "expires") if not raw.get(k)]
    if missing:
        errors.append(f"{where}: missing {', '.join(missing)}")
        return None
    reason = str(raw["reason"]).strip()
    if len(reason) < MIN_REASON:
        errors.append(f"{where}.reason: at least {MIN_REASON} characters saying why")
        return None
    try:
        expires = dt.date.fromisoformat(str(raw["expires"]))
    except ValueError:
        errors.append(f"{where}.expires: {raw['expires']!r} is not a date (YYYY-MM-DD)")
        return None
    return Suppression(rule_id, str(raw["resources"]), reason, expires)
