"""The Glue Data Catalog of the lake: encryption, one database per zone, raw-zone crawlers."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from components.glue_crawler import lake_crawler
from components.glue_database import catalog_database
from components.naming import Naming
from components.orchestration import orchestration_iam
from components.orchestration.glue_alerts import failure_alerts
from components.orchestration.orchestration_iam import crawler_failure_event_pattern
from components.protection import Protection
from components.tags import MandatoryTags
from vocabulary.glue_schedule import glue_cron_problem


@dataclass(frozen=True)
class GlueCatalogArgs:
    """Inputs of a GlueCatalog.

    Attributes:
        naming: The stack's naming scheme.
        tags: The stack's mandatory tags.
        kms_key_arn: The CMK of the catalog (metadata at rest, connection passwords) and
            of the security configuration (S3 output, CloudWatch logs, job bookmarks).
            Its key policy must let `logs.<region>.amazonaws.com` use it, or Glue's
            encrypted log groups cannot be written. Required.
        zones: The lake zones; one catalog database each. Required.
        raw_bucket_name: The raw zone's bucket, which the crawlers read. Required.
        raw_kms_key_arn: The raw zone's key, which the crawlers decrypt with. Required.
        crawler_prefixes: S3 prefixes of the raw bucket to crawl, one crawler each.
            Defaults to none.
        raw_zone: The zone whose database the crawlers fill. Defaults to "raw".
        crawler_schedule: When the crawlers run, a Glue cron expression.
            Defaults to "cron(0 3 * * ? *)" (03:00 UTC daily).
        data_classification: Tag value of the catalog's resources.
            Defaults to "confidential" (table schemas can name PII columns).
        protection: Deletion safeguards of the catalog databases (dropping one drops
            every table definition in it). Defaults to none.
        own_catalog_encryption: The Data Catalog's encryption settings exist once per
            account and region, so exactly one stack there sets them (True); any other
            only checks, at preview, that the catalog is SSE-KMS encrypted (False).
            Defaults to True.
        alert_topic_arn: The stack's alerts topic: a crawler ending Failed is published
            to it. Defaults to None (no crawler alert; a policy rule flags that).
    """

    naming: Naming
    tags: MandatoryTags
    kms_key_arn: pulumi.Input[str]
    zones: Sequence[str]
    raw_bucket_name: str
    raw_kms_key_arn: pulumi.Input[str]
    crawler_prefixes: Sequence[str] = field(default_factory=tuple)
    raw_zone: str = "raw"
    crawler_schedule: str = "cron(0 3 * * ? *)"
    data_classification: str = "confidential"
    protection: Protection = field(default_factory=Protection)
    own_catalog_encryption: bool = True
    alert_topic_arn: pulumi.Input[str] | None = None

    def __post_init__(self) -> None:
        errors = []
        if not self.zones or len(set(self.zones)) != len(self.zones):
            errors.append(f"zones: need at least one, unique; got {list(self.zones)}")
        if self.crawler_prefixes and self.raw_zone not in self.zones:
            errors.append(f"raw_zone [{self.raw_zone}] is not one of zones")
        slugs = [_slug(p) for p in self.crawler_prefixes]
        if any(not s for s in slugs) or len(set(slugs)) != len(slugs):
            errors.append(f"crawler_prefixes: need distinct, non-empty; got {slugs}")
        if problem := glue_cron_problem(self.crawler_schedule):
            errors.append(f"crawler_schedule: {problem}")
        if errors:
            raise ValueError(f"GlueCatalogArgs: {'; '.join(errors)}")


class GlueCatalog(pulumi.ComponentResource):
    """The catalog, encrypted with a CMK, its zone databases, and the raw-zone crawlers.

    The security configuration made here is the one every crawler and job of the
    platform runs with: S3 output SSE-KMS, CloudWatch logs SSE-KMS, job bookmarks
    CSE-KMS, all with the catalog's CMK.

    Data Catalog encryption settings exist once per account and region: the stack that
    owns them sets them; another stack in the same account and region reads them at
    preview and fails unless they encrypt with SSE-KMS (`own_catalog_encryption`).
    """

    security_configuration_name: pulumi.Output[str]
    database_names: dict[str, pulumi.Output[str]]
    crawler_names: list[pulumi.Output[str]]
    crawler_role_arn: pulumi.Output[str] | None
    crawler_failure_rule_name: pulumi.Output[str] | None
    catalog_encrypted: pulumi.Output[bool]

    def __init__(
        self, name: str, args: GlueCatalogArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:orchestration:GlueCatalog", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        naming = args.naming
        security = aws.glue.SecurityConfiguration(
            f"{name}-security",
            name=naming.resource("glue"),
            encryption_configuration=security_encryption(args.kms_key_arn),
            opts=child,
        )
        self.catalog_encrypted = (
            _own_catalog_encryption(name, args, child)
            if args.own_catalog_encryption
            else _verified_catalog_encryption(args, self)
        )
        tags = args.tags.for_data(args.data_classification)
        databases = {
            zone: catalog_database(
                f"{name}-{zone}",
                database=naming.glue_database(zone),
                description=f"Tables of the {zone} zone",
                tags=tags,
                protection=args.protection,
                parent=self,
            )
            for zone in args.zones
        }
        self.crawler_names = []
        self.crawler_role_arn = None
        self.crawler_failure_rule_name = None
        if args.crawler_prefixes:
            raw_database = naming.glue_database(args.raw_zone)
            role = _crawler_role(name, args, raw_database, tags, child)
            self.crawler_role_arn = role.arn
            for prefix in args.crawler_prefixes:
                crawler = lake_crawler(
                    f"{name}-crawl-{_slug(prefix)}",
                    name=naming.resource(f"crawl-{args.raw_zone}-{_slug(prefix)}"),
                    database=databases[args.raw_zone].name,
                    role_arn=role.arn,
                    bucket=args.raw_bucket_name,
                    prefix=prefix,
                    schedule=args.crawler_schedule,
                    security_configuration=security.name,
                    tags=tags,
                    opts=child,
                )
                self.crawler_names.append(crawler.name)
            if args.alert_topic_arn is not None:
                rule = failure_alerts(
                    f"{name}-crawler-failures",
                    naming,
                    "glue-crawler-failures",
                    "Glue crawlers of this platform that end Failed",
                    crawler_failure_event_pattern(
                        [
                            naming.resource(f"crawl-{args.raw_zone}-{_slug(p)}")
                            for p in args.crawler_prefixes
                        ]
                    ),
                    args.alert_topic_arn,
                    tags,
                    self,
                )
                self.crawler_failure_rule_name = rule.name
        self.security_configuration_name = security.name
        self.database_names = {zone: db.name for zone, db in databases.items()}
        self.register_outputs(
            {
                "security_configuration_name": self.security_configuration_name,
                "database_names": self.database_names,
                "crawler_names": self.crawler_names,
                "catalog_encrypted": self.catalog_encrypted,
            }
        )


def _own_catalog_encryption(
    name: str, args: GlueCatalogArgs, child: pulumi.ResourceOptions
) -> pulumi.Output[bool]:
    """The account's catalog encryption, set by this stack (its one owner)."""
    settings = aws.glue.DataCatalogEncryptionSettings(
        f"{name}-encryption",
        catalog_id=args.naming.account_id,
        data_catalog_encryption_settings={
            "encryption_at_rest": {
                "catalog_encryption_mode": "SSE-KMS",
                "sse_aws_kms_key_id": args.kms_key_arn,
            },
            "connection_password_encryption": {
                "return_connection_password_encrypted": True,
                "aws_kms_key_id": args.kms_key_arn,
            },
        },
        opts=child,
    )
    return settings.catalog_id.apply(lambda _: True)


def _verified_catalog_encryption(args: GlueCatalogArgs, parent: pulumi.Resource) -> Any:
    """The account's catalog encryption as another stack set it; preview fails without it."""
    found = aws.glue.get_data_catalog_encryption_settings_output(
        catalog_id=args.naming.account_id, opts=pulumi.InvokeOutputOptions(parent=parent)
    )
    return found.data_catalog_encryption_settings.apply(_require_sse_kms)


def _require_sse_kms(settings: Any) -> bool:
    """True if the catalog encrypts metadata with SSE-KMS; else stop the deployment."""
    modes = [
        rest.catalog_encryption_mode
        for setting in settings or ()
        for rest in setting.encryption_at_rests or ()
    ]
    if "SSE-KMS" not in modes:
        raise pulumi.RunError(
            "the Glue Data Catalog of this account and region is not encrypted with SSE-KMS; "
            "its owning stack (orchestration.glue.catalog_encryption: own) must be deployed "
            f"first (found modes: {modes or 'none'})"
        )
    return True


def _crawler_role(
    name: str,
    args: GlueCatalogArgs,
    database: str,
    tags: dict[str, str],
    child: pulumi.ResourceOptions,
) -> aws.iam.Role:
    """The crawlers' role: read the crawled prefixes, maintain the raw database."""
    naming = args.naming
    trust = orchestration_iam.service_trust_policy("glue.amazonaws.com", naming.account_id)
    role = aws.iam.Role(
        f"{name}-crawler",
        name=naming.iam_role("glue-crawler"),
        assume_role_policy=json.dumps(trust),
        tags=tags,
        opts=child,
    )
    policy = pulumi.Output.all(args.kms_key_arn, args.raw_kms_key_arn).apply(
        lambda keys: json.dumps(
            orchestration_iam.crawler_policy(
                naming.region,
                naming.account_id,
                args.raw_bucket_name,
                args.crawler_prefixes,
                database,
                keys,
            )
        )
    )
    aws.iam.RolePolicy(f"{name}-crawler", role=role.id, policy=policy, opts=child)
    return role


def security_encryption(
    s3_kms_key_arn: pulumi.Input[str], logs_kms_key_arn: pulumi.Input[str] | None = None
) -> aws.glue.SecurityConfigurationEncryptionConfigurationArgsDict:
    """Encryption of everything a Glue crawler or job writes.

    S3 writes use `s3_kms_key_arn`, which must be the key the target bucket demands;
    CloudWatch logs and job bookmarks use `logs_kms_key_arn` (defaults to the same).
    """
    logs_key = s3_kms_key_arn if logs_kms_key_arn is None else logs_kms_key_arn
    return {
        "s3_encryption": {"s3_encryption_mode": "SSE-KMS", "kms_key_arn": s3_kms_key_arn},
        "cloudwatch_encryption": {
            "cloudwatch_encryption_mode": "SSE-KMS",
            "kms_key_arn": logs_key,
        },
        "job_bookmarks_encryption": {
            "job_bookmarks_encryption_mode": "CSE-KMS",
            "kms_key_arn": logs_key,
        },
    }


def _slug(prefix: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", prefix.lower()).strip("-")
