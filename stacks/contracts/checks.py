"""The checks a contract declares, as engine-neutral data: one list, three compilers.

A contract's columns (`required`, `unique`, `primaryKey`, their names, count and
logical types), its `quality` entries and its freshness (`slaProperties`) become `Check`s
here; `stacks.contracts.dqdl` writes them as Glue DQDL, `stacks.contracts.sql` as SQL for
Snowflake and DuckDB, and `dataplat contract test` measures them on a sample. One list
is what keeps the cloud checks and the local test the same checks.

A threshold is ODCS's (`mustBe`, `mustBeGreaterThan`, ..., `mustBeBetween`, inclusive);
each compiler writes it in its own language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CheckKind = Literal[
    "column_exists",
    "column_count",
    "column_type",
    "complete",
    "unique",
    "primary_key",
    "row_count",
    "freshness",
    "null_count",
    "duplicate_count",
    "invalid_count",
    "sql",
]
# ODCS comparison keys -> the operator every compiler writes.
ODCS_OPERATORS = {
    "mustBe": "=",
    "mustNotBe": "!=",
    "mustBeGreaterThan": ">",
    "mustBeGreaterOrEqualTo": ">=",
    "mustBeLessThan": "<",
    "mustBeLessOrEqualTo": "<=",
    "mustBeBetween": "between",
}


@dataclass(frozen=True)
class Threshold:
    """What a measured number must be: `operator` with one value, or `between` two
    (inclusive, as ODCS means it)."""

    operator: str
    values: tuple[float, ...]

    def holds(self, measured: float) -> bool:
        """Whether `measured` meets the threshold."""
        first = self.values[0]
        match self.operator:
            case "=":
                return measured == first
            case "!=":
                return measured != first
            case ">":
                return measured > first
            case ">=":
                return measured >= first
            case "<":
                return measured < first
            case "<=":
                return measured <= first
            case "between":
                return first <= measured <= self.values[1]
        raise ValueError(f"unknown operator {self.operator}")

    def text(self) -> str:
        """`= 0`, `between 10 and 20`: how messages and DQDL write it."""
        if self.operator == "between":
            return f"between {number(self.values[0])} and {number(self.values[1])}"
        return f"{self.operator} {number(self.values[0])}"


ZERO = Threshold("=", (0,))


def number(value: float) -> str:
    """`3` for 3.0, `0.5` for 0.5: numbers as a person writes them."""
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class Freshness:
    """The newest data is at most `value` `unit` old (unit: days, hours or minutes)."""

    value: int
    unit: Literal["days", "hours", "minutes"]

    @property
    def hours(self) -> float:
        """The limit in hours."""
        return self.value * {"days": 24.0, "hours": 1.0, "minutes": 1 / 60}[self.unit]


@dataclass(frozen=True)
class Check:
    """One check on one dataset.

    Attributes:
        kind: What is measured (see each compiler for its language).
        dataset: The table's physical name (`schema[].physicalName`).
        columns: The columns it is about (none for table checks; several for a
            composite primary key).
        threshold: What the measured number must be; None for `column_type`.
        logical_type: The ODCS logical type a `column_type` check expects.
        freshness: The age limit of a `freshness` check.
        valid_values: The allowed values of an `invalid_count` check, or empty.
        pattern: The regular expression valid values match, or None.
        query: The ODCS `sql` check's query (`{object}` is the table).
        origin: Where in the contract it comes from (`schema[0].properties[1].required`),
            for messages that point at the line.
    """

    kind: CheckKind
    dataset: str
    columns: tuple[str, ...] = ()
    threshold: Threshold | None = ZERO
    logical_type: str | None = None
    freshness: Freshness | None = None
    valid_values: tuple[str, ...] = ()
    pattern: str | None = None
    query: str | None = None
    origin: tuple[str | int, ...] = ()

    @property
    def name(self) -> str:
        """`complete [hubspot.email]`: the kind and what it is about."""
        about = ".".join((self.dataset, "+".join(self.columns))) if self.columns else self.dataset
        return f"{self.kind} [{about}]"

    @property
    def column(self) -> str:
        """The one column of a column check."""
        return self.columns[0]
