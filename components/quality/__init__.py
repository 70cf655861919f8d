"""The lake side of data contracts: domain crawlers, Glue Data Quality, results alerts."""

from components.quality.domain_crawlers import DomainCrawlers, DomainCrawlersArgs
from components.quality.lake_quality import LakeQuality, LakeQualityArgs
from components.quality.quality_alerts import QualityAlerts, QualityAlertsArgs

__all__ = [
    "DomainCrawlers",
    "DomainCrawlersArgs",
    "LakeQuality",
    "LakeQualityArgs",
    "QualityAlerts",
    "QualityAlertsArgs",
]
