"""Every journey kind the pack checks: its rule id and the builder of its journeys.

The plan's preflight section lists the journeys of all of them, first; each rule module
(`journey_*.py`, registered in policies/rules/registry.py) builds its rule from the same
builder with `journey_rule`, so the two never disagree. An explicit list, like the registry.
"""

from __future__ import annotations

from . import connections, key_rotates
from .airflow_ui import KIND as ENGINEER_OPENS_AIRFLOW_UI
from .airflow_ui import ui_journeys
from .alert_journeys import KIND as FAILURE_ALERTED
from .alert_journeys import failure_journeys
from .budget_journeys import KIND as BUDGET_COUNTS
from .budget_journeys import budget_journeys
from .ingest_journeys import KIND as INGEST_LANDS
from .ingest_journeys import ingest_journeys
from .job_runs import KIND as EVERY_JOB_RUNS
from .job_runs import job_journeys
from .journey import JourneyBuilder
from .lake_quality_journeys import KIND as LAKE_QUALITY_ALERTED
from .lake_quality_journeys import quality_journeys as lake_quality_journeys
from .replication_journeys import KIND as REPLICATION_REPLICATES
from .replication_journeys import replication_journeys
from .snowflake_quality_journeys import KIND as SNOWFLAKE_QUALITY_ALERTED
from .snowflake_quality_journeys import quality_journeys as snowflake_quality_journeys

JOURNEYS: tuple[tuple[str, JourneyBuilder], ...] = (
    (FAILURE_ALERTED, failure_journeys),
    (INGEST_LANDS, ingest_journeys),
    (connections.KIND, connections.build),
    (key_rotates.RULE_ID, key_rotates.build),
    (BUDGET_COUNTS, budget_journeys),
    (REPLICATION_REPLICATES, replication_journeys),
    (SNOWFLAKE_QUALITY_ALERTED, snowflake_quality_journeys),
    (LAKE_QUALITY_ALERTED, lake_quality_journeys),
    (EVERY_JOB_RUNS, job_journeys),
    (ENGINEER_OPENS_AIRFLOW_UI, ui_journeys),
)
