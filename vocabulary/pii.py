"""The PII categories every stack knows, and the wildcard that unmasks all of them."""

from __future__ import annotations

# The PII tag's standard allowed values; a stack may add its own after these.
DEFAULT_PII_CATEGORIES = (
    "email",
    "phone",
    "name",
    "address",
    "national_id",
    "date_of_birth",
    "ip_address",
    "financial",
)

# In an `unmask` list: every category, present and future.
ALL_CATEGORIES = "*"
