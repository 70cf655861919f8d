"""Orchestration: MWAA and its network, Glue, and the secrets Airflow reads."""

from components.orchestration.airflow_environment import (
    AirflowEnvironment,
    AirflowEnvironmentArgs,
    AirflowFiles,
    AirflowSettings,
)
from components.orchestration.glue_catalog import GlueCatalog, GlueCatalogArgs
from components.orchestration.glue_jobs import GlueJobs, GlueJobsArgs, GlueJobSpec
from components.orchestration.mwaa_network import MwaaNetwork, MwaaNetworkArgs
from components.secrets.airflow_connection_secret import (
    AirflowConnectionArgs,
    AirflowConnectionSecret,
)

__all__ = [
    "AirflowConnectionArgs",
    "AirflowConnectionSecret",
    "AirflowEnvironment",
    "AirflowEnvironmentArgs",
    "AirflowFiles",
    "AirflowSettings",
    "GlueCatalog",
    "GlueCatalogArgs",
    "GlueJobSpec",
    "GlueJobs",
    "GlueJobsArgs",
    "MwaaNetwork",
    "MwaaNetworkArgs",
]
