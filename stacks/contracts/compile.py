"""An ODCS v3 contract -> its `Check`s, and what in it cannot become a check.

What becomes a check (per `schema[]` object, the dataset `physicalName` names):
- every property: `ColumnExists`; all of them: `ColumnCount`; a logical type: its type
  check (`logical_types`);
- `required` -> complete; `unique` -> unique; `primaryKey` (ordered by
  `primaryKeyPosition`) -> one primary-key check over the key's columns;
- `quality` of type `library`: `rowCount`, `nullValues`, `duplicateValues`,
  `invalidValues` (with `arguments.validValues` or `arguments.pattern`), with one
  `mustBe...` threshold; of type `sql`: `query` (`{object}` is the table) with one;
  `text` entries are prose and check nothing;
- `slaProperties` `freshness` with `element: <schema name>.<property name>`, an integer
  `value` and a unit of days, hours or minutes (DQDL's duration units).

Anything else a quality entry asks for (`missingValues`, `custom`, `mustNotBeBetween`,
`unit: percent`) is reported as a problem rather than skipped: a check the contract
declares and nothing runs would read as a passing check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from open_data_contract_standard.model import (
    DataQuality,
    OpenDataContractStandard,
    SchemaObject,
    SchemaProperty,
)

from stacks.contracts.checks import ODCS_OPERATORS, ZERO, Check, Freshness, Threshold
from stacks.contracts.logical_types import LOGICAL_TYPES
from stacks.model import Problem

ONE = Threshold("=", (1,))
UNITS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "h": "hours",
    "hour": "hours",
    "hours": "hours",
    "m": "minutes",
    "min": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
}
LIBRARY_METRICS = ("rowCount", "nullValues", "duplicateValues", "invalidValues")


@dataclass(frozen=True)
class Compiled:
    """A contract's checks, in contract order, and every problem that stops compiling."""

    checks: tuple[Check, ...]
    problems: tuple[Problem, ...]


def compile_contract(contract: OpenDataContractStandard) -> Compiled:
    """Every check `contract` declares, or the problems that stop some of them."""
    checks: list[Check] = []
    problems: list[Problem] = []
    for index, obj in enumerate(contract.schema_ or []):
        loc: tuple[str | int, ...] = ("schema", index)
        if not obj.physicalName:
            problems.append(Problem((*loc, "physicalName"), _NO_TABLE))
            continue
        found, trouble = _dataset_checks(obj, loc)
        checks += found
        problems += trouble
    for index, sla in enumerate(contract.slaProperties or []):
        if sla.property != "freshness":
            continue
        loc = ("slaProperties", index)
        element = sla.element or contract.slaDefaultElement
        try:
            checks.append(_freshness(contract.schema_ or [], element, sla.value, sla.unit, loc))
        except ValueError as exc:
            problems.append(Problem(loc, str(exc)))
    return Compiled(tuple(checks), tuple(problems))


_NO_TABLE = "required: the table's name (the landing table or crawled table it checks)"


def column_name(prop: SchemaProperty) -> str:
    """The column a property checks: its `physicalName`, else its `name`."""
    return prop.physicalName or prop.name or ""


def _dataset_checks(
    obj: SchemaObject, loc: tuple[str | int, ...]
) -> tuple[list[Check], list[Problem]]:
    table = obj.physicalName or ""
    checks: list[Check] = []
    problems: list[Problem] = []
    properties = obj.properties or []
    for index, prop in enumerate(properties):
        at = (*loc, "properties", index)
        column = column_name(prop)
        if not column:
            problems.append(Problem((*at, "name"), "required: the column's name"))
            continue
        checks.append(Check("column_exists", table, (column,), ONE, origin=(*at, "name")))
        if prop.logicalType in LOGICAL_TYPES:
            checks.append(
                Check(
                    "column_type",
                    table,
                    (column,),
                    None,
                    logical_type=prop.logicalType,
                    origin=(*at, "logicalType"),
                )
            )
        if prop.required:
            checks.append(Check("complete", table, (column,), origin=(*at, "required")))
        if prop.unique:
            checks.append(Check("unique", table, (column,), origin=(*at, "unique")))
        for q_index, quality in enumerate(prop.quality or []):
            try:
                checks += _quality(quality, table, column, (*at, "quality", q_index))
            except ValueError as exc:
                problems.append(Problem((*at, "quality", q_index), str(exc)))
    if properties:
        count = Threshold("=", (len(properties),))
        checks.append(Check("column_count", table, (), count, origin=(*loc, "properties")))
    keys = sorted(
        ((p.primaryKeyPosition or 0, i, column_name(p)) for i, p in enumerate(properties)),
    )
    key_columns = tuple(c for _, i, c in keys if properties[i].primaryKey and c)
    if key_columns:
        checks.append(Check("primary_key", table, key_columns, origin=(*loc, "properties")))
    for q_index, quality in enumerate(obj.quality or []):
        try:
            checks += _quality(quality, table, None, (*loc, "quality", q_index))
        except ValueError as exc:
            problems.append(Problem((*loc, "quality", q_index), str(exc)))
    return checks, problems


def _quality(
    quality: DataQuality, table: str, column: str | None, loc: tuple[str | int, ...]
) -> list[Check]:
    """The checks of one `quality` entry; ValueError says why it cannot be compiled."""
    kind = quality.type or "library"
    if kind == "text":
        return []
    if kind == "sql":
        if not quality.query:
            raise ValueError("a `sql` check needs its `query` (`{object}` is the table)")
        return [
            Check("sql", table, _cols(column), _threshold(quality), query=quality.query, origin=loc)
        ]
    if kind != "library":
        raise ValueError(
            f"type {kind} is not compiled to Glue or Snowflake checks; use `library` or `sql`"
        )
    metric = quality.metric or quality.rule
    threshold = _threshold(quality)
    if metric == "rowCount":
        return [Check("row_count", table, (), threshold, origin=loc)]
    if metric not in LIBRARY_METRICS:
        raise ValueError(f"metric {metric} is not compiled; allowed: {', '.join(LIBRARY_METRICS)}")
    if column is None:
        raise ValueError(f"{metric} is a check of one column: put it under the property")
    if metric == "nullValues":
        return [Check("null_count", table, (column,), threshold, origin=loc)]
    if metric == "duplicateValues":
        return [Check("duplicate_count", table, (column,), threshold, origin=loc)]
    arguments = quality.arguments or {}
    valid = arguments.get("validValues")
    pattern = arguments.get("pattern")
    if not valid and not pattern:
        raise ValueError("invalidValues needs `arguments.validValues` or `arguments.pattern`")
    return [
        Check(
            "invalid_count",
            table,
            (column,),
            threshold,
            valid_values=tuple(str(v) for v in valid or ()),
            pattern=str(pattern) if pattern else None,
            origin=loc,
        )
    ]


def _cols(column: str | None) -> tuple[str, ...]:
    return (column,) if column else ()


def _threshold(quality: DataQuality) -> Threshold:
    if quality.unit and quality.unit.lower() in ("percent", "percentage", "%"):
        raise ValueError("`unit: percent` is not compiled; give the threshold in rows")
    if quality.mustNotBeBetween is not None:
        raise ValueError("mustNotBeBetween is not compiled; use mustBeLessThan or ...GreaterThan")
    given = [(key, getattr(quality, key)) for key in ODCS_OPERATORS]
    given = [(key, value) for key, value in given if value is not None]
    if len(given) != 1:
        keys = ", ".join(ODCS_OPERATORS)
        raise ValueError(f"needs exactly one threshold of {keys}; got {len(given)}")
    key, value = given[0]
    values = tuple(value) if isinstance(value, list) else (value,)
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        raise ValueError(f"{key} must be a number (got {value!r})")
    return Threshold(ODCS_OPERATORS[key], tuple(float(v) for v in values))


def _freshness(
    objects: Sequence[SchemaObject],
    element: str | None,
    value: object,
    unit: str | None,
    loc: tuple[str | int, ...],
) -> Check:
    parts = (element or "").split(".")
    if len(parts) != 2:
        raise ValueError(
            f"freshness needs `element: <schema name>.<property name>` (got {element!r})"
        )
    table_name, property_name = parts
    obj = next((o for o in objects if o.name == table_name), None)
    if obj is None or not obj.physicalName:
        names = ", ".join(o.name or "?" for o in objects)
        raise ValueError(f"freshness element {element}: no schema named {table_name} ({names})")
    prop = next((p for p in obj.properties or [] if p.name == property_name), None)
    if prop is None:
        raise ValueError(f"freshness element {element}: {table_name} has no {property_name}")
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"freshness `value` must be a whole number, 1 or more (got {value!r})")
    duration = UNITS.get((unit or "").lower())
    if duration is None:
        raise ValueError(f"freshness `unit` {unit!r}: allowed d, h, m (days, hours, minutes)")
    return Check(
        "freshness",
        obj.physicalName,
        (column_name(prop),),
        ZERO,
        freshness=Freshness(value, duration),  # type: ignore[arg-type]
        origin=loc,
    )
