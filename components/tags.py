"""The mandatory tags every taggable AWS resource of the platform carries.

Cost reports, the live audit (which finds our resources by `managed-by`) and the
PII rules (which read `data-classification`) all depend on these five keys, so
components never build tag maps themselves: they ask `MandatoryTags` for one.
"""

from __future__ import annotations

from dataclasses import dataclass

from policies.rules.facts.classifications import (
    CLASSIFICATIONS,
    COST_CENTER,
    DATA_CLASSIFICATION,
    ENVIRONMENT,
    MANAGED_BY,
    MANDATORY_TAG_KEYS,
    OWNER,
)

MANAGED_BY_VALUE = "pulumi/data-platform"
MANDATORY_KEYS = MANDATORY_TAG_KEYS


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
