"""ODCS logical types -> how each engine checks a column's type (schema drift).

DQDL's `ColumnDataType` knows only Boolean, Date, Timestamp, Integer, Double, Float and
Long (its description in awslabs/dqdl `rules-config.json`, which the tests compare with
this table). A `string` column is checked with `CustomSql` instead; a type no engine can
check says so in its row (`dqdl=()`, `custom_sql=None`) rather than being left out, so a
new logical type cannot be silently unchecked: the tests require a row for every value of
ODCS's `logicalType` enum.

The SQL engines measure `information_schema.columns.data_type`: DuckDB's names for the
sample (`contract test`), Snowflake's for the warehouse. Snowflake reports every fixed-
point column as NUMBER, so there `integer` cannot be told from a decimal by the name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypeRow:
    """How one logical type is checked.

    Attributes:
        dqdl: The ColumnDataType values that satisfy it (any of them), or () when
            ColumnDataType cannot check it.
        custom_sql: The Spark `typeof()` name a CustomSql rule checks instead, or None.
        duckdb: DuckDB `data_type` names (one ending in `(` or `[` matches any
            parameters, one starting with `[` any element type: `VARCHAR[]`).
        snowflake: Snowflake `data_type` names.
        note: Why the row is as it is.
    """

    dqdl: tuple[str, ...]
    custom_sql: str | None
    duckdb: tuple[str, ...]
    snowflake: tuple[str, ...]
    note: str

    @property
    def glue_checkable(self) -> bool:
        """Whether the Glue ruleset can check this type at all."""
        return bool(self.dqdl) or self.custom_sql is not None

    def duckdb_matches(self, data_type: str) -> bool:
        """Whether DuckDB's `data_type` satisfies this row."""
        return any(_matches(data_type, t) for t in self.duckdb)


def _matches(data_type: str, name: str) -> bool:
    if name.endswith(("(", "[")):
        return data_type.startswith(name)
    if name.startswith("["):
        return data_type.endswith(name)
    return data_type == name


_INTEGERS: tuple[str, ...] = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
)
LOGICAL_TYPES: dict[str, TypeRow] = {
    "string": TypeRow((), "string", ("VARCHAR",), ("TEXT",), "ColumnDataType has no String"),
    "integer": TypeRow(
        ("Integer", "Long"), None, _INTEGERS, ("NUMBER",), "32- or 64-bit whole numbers"
    ),
    "number": TypeRow(
        ("Integer", "Long", "Float", "Double"),
        None,
        (*_INTEGERS, "FLOAT", "DOUBLE", "DECIMAL("),
        ("NUMBER", "FLOAT"),
        "DQDL has no Decimal: a decimal column fails ColumnDataType",
    ),
    "boolean": TypeRow(("Boolean",), None, ("BOOLEAN",), ("BOOLEAN",), "as is"),
    "date": TypeRow(("Date",), None, ("DATE",), ("DATE",), "as is"),
    "timestamp": TypeRow(
        ("Timestamp",),
        None,
        ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S"),
        ("TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ"),
        "with or without time zone",
    ),
    "time": TypeRow((), None, ("TIME",), ("TIME",), "not checkable in DQDL (no Time type)"),
    "object": TypeRow((), None, ("STRUCT(",), ("OBJECT", "VARIANT"), "not checkable in DQDL"),
    "array": TypeRow((), None, ("[]",), ("ARRAY",), "not checkable in DQDL (nested data)"),
    "map": TypeRow((), None, ("MAP(",), ("OBJECT", "MAP"), "not checkable in DQDL (nested)"),
    "vector": TypeRow((), None, ("FLOAT[",), ("VECTOR",), "not checkable in DQDL"),
}


def type_row(logical_type: str) -> TypeRow:
    """The row of `logical_type`; KeyError for a type ODCS does not define."""
    return LOGICAL_TYPES[logical_type]


def duckdb_logical_type(data_type: str) -> str:
    """The ODCS logical type a DuckDB column type drafts to (`contract new`)."""
    for name in ("integer", "boolean", "date", "timestamp", "time", "number", "string"):
        if LOGICAL_TYPES[name].duckdb_matches(data_type):
            return name
    if data_type.endswith("[]"):
        return "array"
    if data_type.startswith("STRUCT("):
        return "object"
    if data_type.startswith("MAP("):
        return "map"
    return "string"
