"""The mandatory tags every taggable AWS resource of the platform carries.

Cost reports, the live audit (which finds our resources by `managed-by`) and the
PII rules (which read `data-classification`) all depend on these five keys, so
components never build tag maps themselves: they ask `MandatoryTags` for one.
"""

from __future__ import annotations

from dataclasses import dataclass

ENVIRONMENT = "environment"
OWNER = "owner"
COST_CENTER = "cost-center"
DATA_CLASSIFICATION = "data-classification"
MANAGED_BY = "managed-by"
MANAGED_BY_VALUE = "pulumi/data-platform"
MANDATORY_KEYS = (ENVIRONMENT, OWNER, COST_CENTER, DATA_CLASSIFICATION, MANAGED_BY)
CLASSIFICATIONS = ("public", "internal", "confidential", "pii")


@dataclass(frozen=True)
class MandatoryTags:
    """The stack-wide part of the mandatory tags; the classification is per resource."""

    environment: str
    owner: str
    cost_center: str

    def for_data(self, classification: str, **extra: str) -> dict[str, str]:
        """The full tag map for a resource holding data of `classification`.

        `extra` adds resource-specific tags; it cannot override a mandatory key.
        """
        if classification not in CLASSIFICATIONS:
            raise ValueError(
                f"data classification {classification!r} is not one of {', '.join(CLASSIFICATIONS)}"
            )
        clash = sorted(set(extra) & set(MANDATORY_KEYS))
        if clash:
            raise ValueError(f"extra tags may not override mandatory keys: {', '.join(clash)}")
        return {
            **extra,
            ENVIRONMENT: self.environment,
            OWNER: self.owner,
            COST_CENTER: self.cost_center,
            DATA_CLASSIFICATION: classification,
            MANAGED_BY: MANAGED_BY_VALUE,
        }
