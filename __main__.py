"""The Pulumi program: load the stack's config, build the platform, export its outputs."""

from pathlib import Path

import pulumi

from composition.data_platform import DataPlatform
from stacks.domain_file import domains_for_program
from stacks.stack_file import platform_from_pulumi_config, snowflake_private_key_from_pulumi_config

config = platform_from_pulumi_config()
platform = DataPlatform(
    "data-platform",
    config,
    snowflake_private_key_from_pulumi_config(),
    domains=domains_for_program(config, Path(__file__).resolve().parent),
)
pulumi.export("lake_buckets", platform.lake_bucket_names)
pulumi.export("lake_key_arns", platform.lake_key_arns)
pulumi.export("lake_replica_buckets", platform.lake_replica_buckets)
pulumi.export("access_log_bucket", platform.access_log_bucket_name)
if platform.snowflake:
    pulumi.export("snowflake_warehouses", platform.warehouse_names)
    pulumi.export("snowflake_service_users", platform.service_user_names)
pulumi.export("domains", platform.domain_names)
