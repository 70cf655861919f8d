"""The grants the Snowflake bootstrap makes before the first `pulumi up`, as data.

docs/design/bootstrap.md holds the SQL an account administrator runs once per
account; a test parses every GRANT in it and checks it equals this table, so the
two cannot drift. The roles it creates come first (`CREATE ROLE`).
"""

from __future__ import annotations

from dataclasses import dataclass

BOOTSTRAP_DOC = "docs/design/bootstrap.md"


@dataclass(frozen=True)
class BootstrapGrant:
    """`GRANT <privileges> ON ACCOUNT TO ROLE <to>`, `GRANT ROLE <role> TO <kind> <to>`,
    `GRANT DATABASE ROLE <database_role> TO ROLE <to>` or `GRANT APPLICATION ROLE
    <application_role> TO ROLE <to>`.

    GRANT ROLE and GRANT DATABASE ROLE name one role per statement (Snowflake SQL
    reference, GRANT ROLE: `GRANT ROLE <name> TO { ROLE ... | USER ... }`), so `roles`
    and `database_roles` hold one name each; only privileges come as a list.
    """

    to: str
    privileges: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    to_kind: str = "ROLE"
    database_roles: tuple[str, ...] = ()
    application_roles: tuple[str, ...] = ()


BOOTSTRAP_ROLES = ("GOVERNANCE_ADMIN",)

BOOTSTRAP_GRANTS: tuple[BootstrapGrant, ...] = (
    BootstrapGrant("GOVERNANCE_ADMIN", privileges=("APPLY TAG", "APPLY MASKING POLICY")),
    # A statement of its own: sqlfluff's Snowflake dialect does not know this privilege
    # (the SQL test keeps that exception, with its source, to this one statement).
    BootstrapGrant("GOVERNANCE_ADMIN", privileges=("APPLY AUTHENTICATION POLICY",)),
    BootstrapGrant("SYSADMIN", roles=("GOVERNANCE_ADMIN",)),
    BootstrapGrant("SYSADMIN", privileges=("CREATE INTEGRATION",)),
    # The credit alert (components/snowflake/credit_alert.py): only ACCOUNTADMIN may
    # grant EXECUTE ALERT; USAGE_VIEWER reads ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY.
    BootstrapGrant("SYSADMIN", privileges=("EXECUTE ALERT",)),
    BootstrapGrant("SYSADMIN", database_roles=("SNOWFLAKE.USAGE_VIEWER",)),
    # Contract checks on Snowflake tables (components/snowflake/data_metrics.py): SYSADMIN
    # owns the landing tables and attaches the DMFs (EXECUTE DATA METRIC FUNCTION, and
    # DATA_METRIC_USER for USAGE on the system DMFs); its alerts read the expectation
    # status view (DATA_QUALITY_MONITORING_VIEWER). Account administrators grant these
    # (docs.snowflake.com user-guide/data-quality-access-control, data-quality-results,
    # release-notes/bcr-bundles/un-bundled/bcr-2471), so they are bootstrap grants.
    BootstrapGrant("SYSADMIN", privileges=("EXECUTE DATA METRIC FUNCTION",)),
    BootstrapGrant("SYSADMIN", database_roles=("SNOWFLAKE.DATA_METRIC_USER",)),
    BootstrapGrant("SYSADMIN", application_roles=("SNOWFLAKE.DATA_QUALITY_MONITORING_VIEWER",)),
    *(
        BootstrapGrant("PULUMI_DEPLOY", roles=(role,), to_kind="USER")
        for role in ("SYSADMIN", "SECURITYADMIN", "GOVERNANCE_ADMIN", "ACCOUNTADMIN")
    ),
)
