"""Data classifications and the mandatory tag keys every taggable resource carries."""

from __future__ import annotations

from typing import Literal, get_args

# The `data-classification` tag's values, least to most sensitive.
DataClassification = Literal["public", "internal", "confidential", "pii"]
CLASSIFICATIONS: tuple[str, ...] = get_args(DataClassification)

ENVIRONMENT = "environment"
OWNER = "owner"
COST_CENTER = "cost-center"
DATA_CLASSIFICATION = "data-classification"
MANAGED_BY = "managed-by"
MANDATORY_TAG_KEYS = (ENVIRONMENT, OWNER, COST_CENTER, DATA_CLASSIFICATION, MANAGED_BY)
