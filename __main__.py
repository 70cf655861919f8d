"""The Pulumi program: load the stack's config, build the platform, export its outputs."""

from pathlib import Path
from typing import Any

import pulumi

from composition.data_platform import DataPlatform
from composition.platform_refs import platform_outputs
from stacks.domain_file import domains_for_program
from stacks.stack_file import platform_from_pulumi_config, snowflake_private_key_from_pulumi_config

config = platform_from_pulumi_config()
platform = DataPlatform(
    "data-platform",
    config,
    snowflake_private_key_from_pulumi_config(),
    domains=domains_for_program(config, Path(__file__).resolve().parent),
)
outputs: dict[str, Any] = {
    "lake_buckets": platform.lake_bucket_names,
    "lake_key_arns": platform.lake_key_arns,
    "lake_replica_buckets": platform.lake_replica_buckets,
    "access_log_bucket": platform.access_log_bucket_name,
}
if platform.snowflake:
    outputs["snowflake_warehouses"] = platform.warehouse_names
    outputs["snowflake_service_users"] = platform.service_user_names
outputs["domains"] = platform.domain_names
# What domain stacks read (composition/platform_refs.py), and with `domain_stacks` the
# platform's own pipes, which the edges stack joins into each bucket's notifications.
if platform.refs is not None:
    outputs.update(platform_outputs(platform.refs))
if config.domain_stacks:
    outputs["lake_notifications"] = [
        {"zone": zone, "prefix": q.prefix, "queue_arn": q.queue_arn}
        for zone, q in platform.lake_notifications
    ]
for key, value in outputs.items():
    pulumi.export(key, value)
