"""The Pulumi program: load the stack's config, build the platform, export its outputs."""

from pathlib import Path

import pulumi

from components.platform import DataPlatform
from stacks.domain_file import domains_for_program
from stacks.stack_file import platform_from_pulumi_config, snowflake_private_key_from_pulumi_config

config = platform_from_pulumi_config()
platform = DataPlatform(
    "data-platform",
    config,
    snowflake_private_key_from_pulumi_config(),
    domains=domains_for_program(config, Path(__file__).resolve().parent),
)
pulumi.export("lake_buckets", {zone: b.name for zone, b in platform.lake.buckets.items()})
pulumi.export("lake_key_arns", {zone: k.arn for zone, k in platform.lake.keys.items()})
pulumi.export("access_log_bucket", platform.lake.log_bucket.name)
if platform.snowflake:
    sf = platform.snowflake
    pulumi.export("snowflake_warehouses", {k: w.warehouse.name for k, w in sf.warehouses.items()})
    pulumi.export("snowflake_service_users", {k: u.user.name for k, u in sf.service_users.items()})
pulumi.export("domains", sorted(platform.domains))
