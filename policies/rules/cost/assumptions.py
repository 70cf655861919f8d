"""What the bound assumes and the ceiling it must stay under: rule config, by environment.

Every figure is a property of the `cost-within-ceiling` rule in the stack's policy config
(`stacks/policy.<stack>.json`), so `dataplat cost`, `dataplat plan` and the pack agree:

    {"cost-within-ceiling": {"ceilingUsd": 9000, "s3GbPerBucket": 500}}

A property given as a number applies as is; the defaults below are by environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.rule import Context

# Defaults by environment. The ceilings leave today's stacks about a third of headroom
# (bounds on 2026-12-01: dev $679, staging $1,314, prod $5,334).
CEILING_USD = {"dev": 1000.0, "staging": 2000.0, "prod": 8000.0}
# Expected warehouse use: hours a day of queries, and how often a day it resumes (each
# resume bills the auto-suspend idle tail before the warehouse suspends again).
ACTIVE_HOURS_PER_DAY = {"dev": 1.0, "staging": 2.0, "prod": 6.0}
RESUMES_PER_DAY = {"dev": 6.0, "staging": 12.0, "prod": 24.0}
# Glue: runs a month of each job (daily), and the expected minutes of one run.
GLUE_RUNS_PER_MONTH = {"dev": 30.0, "staging": 30.0, "prod": 30.0}
GLUE_EXPECTED_MINUTES = {"dev": 10.0, "staging": 10.0, "prod": 15.0}
# S3: assumed GB stored in each bucket (zone) of the stack.
S3_GB_PER_BUCKET = {"dev": 50.0, "staging": 200.0, "prod": 1000.0}
SNOWFLAKE_EDITION = "enterprise"

CONFIG_SCHEMA: dict[str, dict[str, Any]] = {
    "ceilingUsd": {"type": "number", "minimum": 0},
    "activeHoursPerDay": {"type": "number", "minimum": 0, "maximum": 24},
    "resumesPerDay": {"type": "number", "minimum": 0},
    "glueRunsPerMonth": {"type": "number", "minimum": 0},
    "glueExpectedMinutesPerRun": {"type": "number", "minimum": 0},
    "s3GbPerBucket": {"type": "number", "minimum": 0},
    "snowflakeEdition": {"type": "string", "enum": ["standard", "enterprise", "business_critical"]},
}


@dataclass(frozen=True)
class Assumptions:
    """The stack's assumptions and ceiling (see the module docstring for each default)."""

    environment: str
    ceiling_usd: float
    active_hours_per_day: float
    resumes_per_day: float
    glue_runs_per_month: float
    glue_expected_minutes: float
    s3_gb_per_bucket: float
    snowflake_edition: str

    @classmethod
    def from_context(cls, ctx: Context) -> Assumptions:
        """The rule config's values, else the defaults of `ctx.environment`."""
        return cls(
            environment=ctx.environment,
            ceiling_usd=float(ctx.setting("ceilingUsd", CEILING_USD)),
            active_hours_per_day=float(ctx.setting("activeHoursPerDay", ACTIVE_HOURS_PER_DAY)),
            resumes_per_day=float(ctx.setting("resumesPerDay", RESUMES_PER_DAY)),
            glue_runs_per_month=float(ctx.setting("glueRunsPerMonth", GLUE_RUNS_PER_MONTH)),
            glue_expected_minutes=float(
                ctx.setting("glueExpectedMinutesPerRun", GLUE_EXPECTED_MINUTES)
            ),
            s3_gb_per_bucket=float(ctx.setting("s3GbPerBucket", S3_GB_PER_BUCKET)),
            snowflake_edition=str(ctx.setting("snowflakeEdition", SNOWFLAKE_EDITION)),
        )

    def as_dict(self) -> dict[str, object]:
        """The assumptions as the report states them."""
        return {
            "environment": self.environment,
            "ceilingUsd": self.ceiling_usd,
            "activeHoursPerDay": self.active_hours_per_day,
            "resumesPerDay": self.resumes_per_day,
            "glueRunsPerMonth": self.glue_runs_per_month,
            "glueExpectedMinutesPerRun": self.glue_expected_minutes,
            "s3GbPerBucket": self.s3_gb_per_bucket,
            "snowflakeEdition": self.snowflake_edition,
        }
