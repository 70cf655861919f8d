"""The pack's rules: an explicit list, in catalogue order. Adding a rule adds one line here."""

from __future__ import annotations

from .access import (
    bucket_policy_no_outside_access,
    key_policy_no_outside_access,
    no_key_material_in_plain_parameter,
    resource_policy_no_outside_access,
    role_trust_no_outside_access,
    snowflake_network_not_world_open,
    snowflake_nothing_owned_by_public,
    snowflake_user_no_password,
)
from .alerts import (
    alerts_topic_subscribed,
    cloudwatch_alarm_has_action,
    glue_failures_alerted,
    mwaa_alarm_metric_published,
    mwaa_environment_alarmed,
    snowflake_alert_resumed,
    snowflake_pipe_error_integration,
    stack_budget_notifies,
)
from .aws import (
    cloudwatch_log_group_encrypted_and_retained,
    glue_data_catalog_encrypted,
    glue_job_uses_security_configuration,
    glue_security_configuration_encrypted,
    iam_no_admin_managed_policy,
    iam_policy_no_admin_access,
    iam_policy_no_wildcard_service_access,
    iam_role_trust_scoped,
    kms_key_deletion_window,
    kms_key_policy_scoped,
    kms_key_rotation_enabled,
    mwaa_customer_kms_key,
    mwaa_logging_enabled,
    mwaa_webserver_private,
    resource_policy_not_public,
    s3_bucket_access_logging,
    s3_bucket_acls_disabled,
    s3_bucket_encrypted_with_kms,
    s3_bucket_lifecycle_configured,
    s3_bucket_no_public_acl,
    s3_bucket_object_lock,
    s3_bucket_policy_not_public,
    s3_bucket_public_access_blocked,
    s3_bucket_tls_only,
    s3_bucket_versioning_enabled,
    secretsmanager_secret_cmk_encrypted,
    secretsmanager_secret_rotated,
    security_group_no_public_ingress,
    sns_topic_encrypted,
    vpc_default_security_group_closed,
    vpc_flow_logs_enabled,
)
from .common import (
    mandatory_tags_present,
    no_force_destroy_in_prod,
    pii_store_encrypted_and_logged,
    prod_data_store_recoverable,
    prod_stateful_resources_protected,
    tls_private_key_strong,
)
from .core.rule import Rule
from .cost import cost_within_ceiling
from .crosscloud import integration_role_trusts_integration, stage_within_allowed_locations
from .journeys import (
    journey_budget_counts,
    journey_connection_logs_in,
    journey_failure_alerted,
    journey_ingest_lands,
    journey_key_rotates,
    journey_quality_failure_alerted,
    journey_replication_replicates,
)
from .preflight import (
    aws_data_paths_allowed,
    preflight_container_dependency,
    preflight_replication_after_versioning,
    preflight_upload_after_bucket_configuration,
    provider_preview_features,
    snowflake_step_privileges,
)
from .quality import (
    pii_crawler_has_contract,
    quality_results_alerted,
    quality_roles_least_privilege,
    quality_ruleset_scheduled,
)
from .snowflake import (
    external_stage_uses_integration,
    masking_policy_masks,
    masking_tag_covers_data_types,
    network_policy_restricted,
    no_admin_role_grant,
    no_all_privileges,
    no_grant_to_public,
    ownership_not_to_admin_roles,
    pii_tag_allowed_values,
    resource_monitor_suspends,
    service_user_key_pair_only,
    service_user_network_policy,
    storage_integration_explicit_locations,
    user_no_admin_default_role,
    warehouse_auto_suspend,
    warehouse_resource_monitor,
    warehouse_size_capped,
)

RULES: tuple[Rule, ...] = (
    # S3 on pulumi-aws v7 split resources (stack rules joining each bucket to its parts)
    s3_bucket_encrypted_with_kms.RULE,
    s3_bucket_public_access_blocked.RULE,
    s3_bucket_acls_disabled.RULE,
    s3_bucket_no_public_acl.RULE,
    s3_bucket_tls_only.RULE,
    s3_bucket_policy_not_public.RULE,
    s3_bucket_access_logging.RULE,
    s3_bucket_versioning_enabled.RULE,
    s3_bucket_lifecycle_configured.RULE,
    s3_bucket_object_lock.RULE,
    # KMS
    kms_key_rotation_enabled.RULE,
    kms_key_policy_scoped.RULE,
    kms_key_deletion_window.RULE,
    # IAM
    iam_policy_no_admin_access.RULE,
    iam_policy_no_wildcard_service_access.RULE,
    iam_no_admin_managed_policy.RULE,
    iam_role_trust_scoped.RULE,
    # Secrets Manager, Glue, MWAA, security groups
    secretsmanager_secret_cmk_encrypted.RULE,
    secretsmanager_secret_rotated.RULE,
    glue_security_configuration_encrypted.RULE,
    glue_job_uses_security_configuration.RULE,
    mwaa_webserver_private.RULE,
    mwaa_customer_kms_key.RULE,
    mwaa_logging_enabled.RULE,
    security_group_no_public_ingress.RULE,
    # VPC, logging, messaging, catalog
    vpc_flow_logs_enabled.RULE,
    vpc_default_security_group_closed.RULE,
    cloudwatch_log_group_encrypted_and_retained.RULE,
    sns_topic_encrypted.RULE,
    resource_policy_not_public.RULE,
    glue_data_catalog_encrypted.RULE,
    # Alerts: every pipeline failure reaches a person
    glue_failures_alerted.RULE,
    mwaa_environment_alarmed.RULE,
    mwaa_alarm_metric_published.RULE,
    cloudwatch_alarm_has_action.RULE,
    alerts_topic_subscribed.RULE,
    stack_budget_notifies.RULE,
    snowflake_pipe_error_integration.RULE,
    snowflake_alert_resumed.RULE,
    # Data quality: every contract's checks run, and their failures reach a person
    pii_crawler_has_contract.RULE,
    quality_ruleset_scheduled.RULE,
    quality_results_alerted.RULE,
    quality_roles_least_privilege.RULE,
    # Across services
    mandatory_tags_present.RULE,
    pii_store_encrypted_and_logged.RULE,
    prod_stateful_resources_protected.RULE,
    prod_data_store_recoverable.RULE,
    no_force_destroy_in_prod.RULE,
    tls_private_key_strong.RULE,
    cost_within_ceiling.RULE,
    # Snowflake
    warehouse_auto_suspend.RULE,
    warehouse_size_capped.RULE,
    warehouse_resource_monitor.RULE,
    resource_monitor_suspends.RULE,
    no_admin_role_grant.RULE,
    ownership_not_to_admin_roles.RULE,
    no_grant_to_public.RULE,
    no_all_privileges.RULE,
    service_user_key_pair_only.RULE,
    service_user_network_policy.RULE,
    network_policy_restricted.RULE,
    user_no_admin_default_role.RULE,
    pii_tag_allowed_values.RULE,
    masking_policy_masks.RULE,
    masking_tag_covers_data_types.RULE,
    storage_integration_explicit_locations.RULE,
    external_stage_uses_integration.RULE,
    # AWS <-> Snowflake
    integration_role_trusts_integration.RULE,
    stage_within_allowed_locations.RULE,
    # Access: every policy judged by who it lets in (issue 22)
    bucket_policy_no_outside_access.RULE,
    key_policy_no_outside_access.RULE,
    resource_policy_no_outside_access.RULE,
    role_trust_no_outside_access.RULE,
    snowflake_nothing_owned_by_public.RULE,
    snowflake_user_no_password.RULE,
    snowflake_network_not_world_open.RULE,
    no_key_material_in_plain_parameter.RULE,
    # Preflight: what a real deployment or its first run would reject
    preflight_container_dependency.RULE,
    preflight_upload_after_bucket_configuration.RULE,
    preflight_replication_after_versioning.RULE,
    snowflake_step_privileges.RULE,
    provider_preview_features.RULE,
    aws_data_paths_allowed.RULE,
    # Journeys: each promise followed end to end across services
    journey_failure_alerted.RULE,
    journey_budget_counts.RULE,
    journey_ingest_lands.RULE,
    journey_connection_logs_in.RULE,
    journey_key_rotates.RULE,
    journey_replication_replicates.RULE,
    journey_quality_failure_alerted.RULE,
)


def rule_ids() -> list[str]:
    """Every rule id, in registry order."""
    return [rule.id for rule in RULES]
