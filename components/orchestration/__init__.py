"""Orchestration: the network MWAA runs in, and the Glue catalog, crawlers and jobs."""

from components.orchestration.network import MwaaNetwork, MwaaNetworkArgs

__all__ = ["MwaaNetwork", "MwaaNetworkArgs"]
