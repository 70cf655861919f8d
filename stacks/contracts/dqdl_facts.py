"""AWS's published DQDL facts, as data: the rule catalogue and the grammar's operators.

`dqdl_facts.json` beside this module is trimmed from awslabs/dqdl (Apache-2.0) at the
commit it records: `configuration/rules/rules-config.json` (rule names, parameters,
return types, whether a `with threshold` tag is allowed), the operators and duration
units of `configuration/dqdl/*.g4`, and which condition each return type takes (the
parser's `parseCondition`). It is regenerated, never edited by hand:
`python -m scripts.contract.dqdl_refresh --git-dir <dqdl checkout>`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

FACTS_PATH = Path(__file__).with_name("dqdl_facts.json")


@dataclass(frozen=True)
class Parameter:
    """One parameter of a rule type; a var-arg one (always last) takes one or more values."""

    name: str
    var_arg: bool


@dataclass(frozen=True)
class RuleType:
    """One overload of a DQDL rule type, as the catalogue lists it."""

    name: str
    parameters: tuple[Parameter, ...]
    return_types: tuple[str, ...]
    threshold_supported: bool
    where_supported: bool
    experimental: bool
    analyzer_only: bool

    def takes(self, count: int) -> bool:
        """Whether this overload accepts `count` parameters (DQRuleType.getRuleType)."""
        if self.parameters and self.parameters[-1].var_arg:
            return count >= len(self.parameters)
        return count == len(self.parameters)


@dataclass(frozen=True)
class DqdlFacts:
    """The facts the validator needs, with their source."""

    commit: str
    repository: str
    rule_types: tuple[RuleType, ...]
    column_data_types: tuple[str, ...]
    operators: dict[str, tuple[str, ...]]
    duration_units: tuple[str, ...]
    return_type_conditions: dict[str, str | None]

    def overloads(self, name: str) -> tuple[RuleType, ...]:
        """Every overload of the rule type `name` (case-sensitive, as in DQDL)."""
        return tuple(r for r in self.rule_types if r.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        """Every rule type's name, once each, in catalogue order."""
        return tuple(dict.fromkeys(r.name for r in self.rule_types))


def parse_facts(document: dict[str, Any]) -> DqdlFacts:
    """The facts of a `dqdl_facts.json` document."""
    return DqdlFacts(
        commit=document["source"]["commit"],
        repository=document["source"]["repository"],
        rule_types=tuple(
            RuleType(
                name=r["name"],
                parameters=tuple(Parameter(p["name"], p["var_arg"]) for p in r["parameters"]),
                return_types=tuple(r["return_types"]),
                threshold_supported=r["threshold_supported"],
                where_supported=r["where_supported"],
                experimental=r["experimental"],
                analyzer_only=r["analyzer_only"],
            )
            for r in document["rule_types"]
        ),
        column_data_types=tuple(document["column_data_types"]),
        operators={kind: tuple(ops) for kind, ops in document["operators"].items()},
        duration_units=tuple(document["duration_units"]),
        return_type_conditions=dict(document["return_type_conditions"]),
    )


@cache
def dqdl_facts() -> DqdlFacts:
    """The facts committed beside this module."""
    return parse_facts(json.loads(FACTS_PATH.read_text(encoding="utf-8")))
