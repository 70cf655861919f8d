"""A resource type the Snowflake provider ships as a preview feature is enabled on its provider.

pulumi-snowflake refuses to create, read or delete a preview resource unless the provider
that manages it lists the feature in `preview_features_enabled` ("... is currently a
preview feature, and must be enabled by adding ... to `preview_features_enabled`"). The
mock runtime accepts it, so this is checked here. `PREVIEW_RESOURCES` is the provider's
own list of preview resources at pulumi-snowflake 2.22 (the `preview_features_enabled`
documentation of `snowflake.Provider`; promoted features, enabled by default, are not in
it); tests/policies/preflight/test_provider_preview_features.py keeps it equal to the
installed SDK's list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..core.rule import Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding, ResourceView

PREVIEW_RESOURCES = frozenset(
    {
        "snowflake_account_password_policy_attachment_resource",
        "snowflake_alert_resource",
        "snowflake_api_integration_resource",
        "snowflake_cortex_search_service_resource",
        "snowflake_dynamic_table_resource",
        "snowflake_email_notification_integration_resource",
        "snowflake_external_access_integration_resource",
        "snowflake_external_function_resource",
        "snowflake_external_table_resource",
        "snowflake_failover_group_resource",
        "snowflake_file_format_resource",
        "snowflake_function_java_resource",
        "snowflake_function_javascript_resource",
        "snowflake_function_python_resource",
        "snowflake_function_scala_resource",
        "snowflake_function_sql_resource",
        "snowflake_hybrid_table_resource",
        "snowflake_iceberg_table_from_aws_glue_resource",
        "snowflake_iceberg_table_from_delta_files_resource",
        "snowflake_iceberg_table_from_files_resource",
        "snowflake_iceberg_table_from_rest_resource",
        "snowflake_iceberg_table_resource",
        "snowflake_intelligence_cortex_agent_attachment_resource",
        "snowflake_job_service_resource",
        "snowflake_managed_account_resource",
        "snowflake_materialized_view_resource",
        "snowflake_network_policy_attachment_resource",
        "snowflake_notebook_resource",
        "snowflake_notification_integration_resource",
        "snowflake_object_parameter_resource",
        "snowflake_openflow_connector_resource",
        "snowflake_openflow_deployment_byoc_resource",
        "snowflake_openflow_deployment_snowflake_managed_resource",
        "snowflake_openflow_runtime_resource",
        "snowflake_pipe_resource",
        "snowflake_postgres_instance_resource",
        "snowflake_procedure_java_resource",
        "snowflake_procedure_javascript_resource",
        "snowflake_procedure_python_resource",
        "snowflake_procedure_scala_resource",
        "snowflake_procedure_sql_resource",
        "snowflake_semantic_view_resource",
        "snowflake_sequence_resource",
        "snowflake_share_resource",
        "snowflake_stage_resource",
        "snowflake_storage_integration_resource",
        "snowflake_table_column_masking_policy_application_resource",
        "snowflake_table_constraint_resource",
        "snowflake_table_resource",
        "snowflake_user_password_policy_attachment_resource",
        "snowflake_user_public_keys_resource",
    }
)


def feature_of(type_token: str) -> str | None:
    """The feature name of a type: `snowflake:index/tableConstraint:TableConstraint` is
    `snowflake_table_constraint_resource`."""
    if not type_token.startswith("snowflake:index/"):
        return None
    module = type_token.split("/", 1)[1].split(":", 1)[0]
    return "snowflake_" + re.sub(r"(?<!^)(?=[A-Z])", "_", module).lower() + "_resource"


def type_of(feature: str) -> str:
    """`snowflake_table_constraint_resource` -> its Pulumi type token."""
    words = feature.removeprefix("snowflake_").removesuffix("_resource").split("_")
    module = words[0] + "".join(w.capitalize() for w in words[1:])
    return f"snowflake:index/{module}:{''.join(w.capitalize() for w in words)}"


def enabled_features(provider_props: Any) -> set[str] | None:
    """The provider's `previewFeaturesEnabled` (the engine sends provider inputs as JSON
    strings), or None when unknown."""
    value = provider_props.get("previewFeaturesEnabled") if provider_props else None
    if is_unknown(value):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [value]
    return {str(v) for v in value or ()}


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """A preview resource whose provider does not enable its feature fails on `pulumi up`."""
    feature = feature_of(view.type)
    if feature not in PREVIEW_RESOURCES:
        return
    enabled = enabled_features(view.provider_props)
    if enabled is None:
        yield view.not_evaluated(f"the provider's previewFeaturesEnabled of [{view.name}]")
    elif feature not in enabled:
        yield view.violation(
            f"{view.type} [{view.name}] is a preview feature of pulumi-snowflake, but its "
            f"provider [{(view.provider or '?').rsplit('::', 1)[-1]}] does not enable "
            f"{feature}: the provider refuses the step"
        )


RULE = Rule(
    id="preflight-provider-preview-features",
    description=(
        "Every Snowflake resource that the provider ships as a preview feature is managed by a "
        "provider whose preview_features_enabled lists it."
    ),
    severity="high",
    remediation=(
        "Add the feature (e.g. snowflake_pipe_resource) to preview_features_enabled of the "
        "provider that manages the resource (components/snowflake/providers.py)."
    ),
    resource_types=tuple(sorted(type_of(f) for f in PREVIEW_RESOURCES)),
    check=check,
)
