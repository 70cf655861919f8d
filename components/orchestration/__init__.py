"""Orchestration: the network MWAA runs in, and the Glue catalog, crawlers and jobs."""

from components.orchestration.glue_catalog import GlueCatalog, GlueCatalogArgs
from components.orchestration.glue_jobs import GlueJobs, GlueJobsArgs, GlueJobSpec
from components.orchestration.network import MwaaNetwork, MwaaNetworkArgs

__all__ = [
    "GlueCatalog",
    "GlueCatalogArgs",
    "GlueJobSpec",
    "GlueJobs",
    "GlueJobsArgs",
    "MwaaNetwork",
    "MwaaNetworkArgs",
]
