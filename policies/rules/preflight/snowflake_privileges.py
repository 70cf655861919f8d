"""What each Snowflake step needs, as data: one row per operation, with its source.

A resource of a type below is one or more steps (creating the object, and each
privileged thing its inputs make the provider do, such as assigning a resource
monitor). A row holds alternatives (any one suffices), each a conjunction of needs:
a privilege on an object the step names (`ref`), or holding a role. OWNERSHIP (or
ALL PRIVILEGES) of an object satisfies any need on that same object. A need whose
`ref` does not apply to the step (a tagged schema has no parent schema) is skipped.

Sources are Snowflake's docs: the CREATE/ALTER/GRANT page's "Access control
requirements" table, the "Access control privileges" page, the provider's own note
where Snowflake's behaviour reaches the provider (resource monitor assignment).
"""

from __future__ import annotations

from dataclasses import dataclass

DOCS = "https://docs.snowflake.com/en"
PRIVILEGES_PAGE = f"{DOCS}/user-guide/security-access-control-privileges"


def command_page(command: str) -> str:
    """The access-control section of a SQL command's page (`create-schema`)."""
    return f"{DOCS}/sql-reference/sql/{command}#access-control-requirements"


@dataclass(frozen=True)
class Need:
    """A privilege on an object of the step, or (`on` ROLE) holding the role named."""

    privilege: str
    on: str = "ACCOUNT"
    ref: str = "account"

    def describe(self, target: str = "") -> str:
        """`CREATE SCHEMA on DATABASE RAW`, `USAGE on INTEGRATION X`, `the ACCOUNTADMIN role`."""
        if self.on == "ROLE":
            return f"the {self.privilege} role"
        if self.on == "ACCOUNT":
            return f"{self.privilege} on ACCOUNT"
        return f"{self.privilege} on {self.on} {target}".rstrip()


Alternative = tuple[Need, ...]


@dataclass(frozen=True)
class Requirement:
    """One operation a resource makes its provider run, and what it needs.

    `when`: the input that triggers the operation (any set value); `unless`: an input
    that, set, makes another row apply instead; `only_with`: a ref the step must name
    (an alert reading ACCOUNT_USAGE). All default to None (always).
    """

    operation: str
    any_of: tuple[Alternative, ...]
    source: str
    when: str | None = None
    unless: str | None = None
    only_with: str | None = None


def role(name: str) -> Need:
    """Holding the role `name` (through the hierarchy)."""
    return Need(name, "ROLE")


def global_(privilege: str) -> Need:
    """A global privilege (granted ON ACCOUNT)."""
    return Need(privilege)


USAGE_DB = Need("USAGE", "DATABASE", "database")
MANAGE_GRANTS = global_("MANAGE GRANTS")


def in_database(create: str) -> tuple[Alternative, ...]:
    """Creating a database-level object: the CREATE privilege on, or OWNERSHIP of, the database."""
    return ((Need(create, "DATABASE", "database"),), (Need("OWNERSHIP", "DATABASE", "database"),))


def in_schema(create: str) -> tuple[Alternative, ...]:
    """Creating a schema object: CREATE <kind> on (or OWNERSHIP of) the schema, plus a
    privilege on the parent database ("Operating on an object in a schema requires at
    least one privilege on the parent database and at least one privilege on the parent
    schema", on every schema-object CREATE page)."""
    return (
        (Need(create, "SCHEMA", "schema"), USAGE_DB),
        (Need("OWNERSHIP", "SCHEMA", "schema"), USAGE_DB),
    )


def owner_or_manage_grants(kind: str | None, ref: str) -> tuple[Alternative, ...]:
    """Granting on an object: its owner, or MANAGE GRANTS ("as if the owner")."""
    return ((Need("OWNERSHIP", kind or "", ref),), (MANAGE_GRANTS,))


SF = "snowflake:index/"
WAREHOUSE = f"{SF}warehouse:Warehouse"
RESOURCE_MONITOR = f"{SF}resourceMonitor:ResourceMonitor"
DATABASE = f"{SF}database:Database"
SCHEMA = f"{SF}schema:Schema"
DATABASE_ROLE = f"{SF}databaseRole:DatabaseRole"
ACCOUNT_ROLE = f"{SF}accountRole:AccountRole"
GRANT_ACCOUNT_ROLE = f"{SF}grantAccountRole:GrantAccountRole"
GRANT_DATABASE_ROLE = f"{SF}grantDatabaseRole:GrantDatabaseRole"
GRANT_TO_ACCOUNT_ROLE = f"{SF}grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole"
GRANT_TO_DATABASE_ROLE = f"{SF}grantPrivilegesToDatabaseRole:GrantPrivilegesToDatabaseRole"
GRANT_OWNERSHIP = f"{SF}grantOwnership:GrantOwnership"
SERVICE_USER = f"{SF}serviceUser:ServiceUser"
NETWORK_POLICY = f"{SF}networkPolicy:NetworkPolicy"
AUTHENTICATION_POLICY = f"{SF}authenticationPolicy:AuthenticationPolicy"
USER_AUTH_POLICY = f"{SF}userAuthenticationPolicyAttachment:UserAuthenticationPolicyAttachment"
TAG = f"{SF}tag:Tag"
MASKING_POLICY = f"{SF}maskingPolicy:MaskingPolicy"
TAG_ASSOCIATION = f"{SF}tagAssociation:TagAssociation"
STORAGE_INTEGRATION_AWS = f"{SF}storageIntegrationAws:StorageIntegrationAws"
NOTIFICATION_INTEGRATION = f"{SF}notificationIntegration:NotificationIntegration"
STAGE_EXTERNAL_S3 = f"{SF}stageExternalS3:StageExternalS3"
TABLE = f"{SF}table:Table"
PIPE = f"{SF}pipe:Pipe"
ALERT = f"{SF}alert:Alert"
EXECUTE = f"{SF}execute:Execute"
DATA_QUALITY_ACCESS = f"{DOCS}/user-guide/data-quality-access-control"

# The kind of object each type creates (its creator's role owns it).
OWNED_KINDS = {
    WAREHOUSE: "WAREHOUSE",
    RESOURCE_MONITOR: "RESOURCE MONITOR",
    DATABASE: "DATABASE",
    SCHEMA: "SCHEMA",
    DATABASE_ROLE: "DATABASE ROLE",
    ACCOUNT_ROLE: "ROLE",
    SERVICE_USER: "USER",
    NETWORK_POLICY: "NETWORK POLICY",
    AUTHENTICATION_POLICY: "AUTHENTICATION POLICY",
    TAG: "TAG",
    MASKING_POLICY: "MASKING POLICY",
    STORAGE_INTEGRATION_AWS: "INTEGRATION",
    NOTIFICATION_INTEGRATION: "INTEGRATION",
    STAGE_EXTERNAL_S3: "STAGE",
    TABLE: "TABLE",
    PIPE: "PIPE",
    ALERT: "ALERT",
}

TAG_NEEDS = (Need("USAGE", "DATABASE", "tag_database"), Need("USAGE", "SCHEMA", "tag_schema"))
TARGET_NEEDS = (
    Need("USAGE", "DATABASE", "target_database"),
    Need("USAGE", "SCHEMA", "target_schema"),
)
POLICY_NEEDS = (
    Need("USAGE", "DATABASE", "policy_database"),
    Need("USAGE", "SCHEMA", "policy_schema"),
)
USAGE_SCHEMA = Need("USAGE", "SCHEMA", "schema")

REQUIREMENTS: dict[str, tuple[Requirement, ...]] = {
    WAREHOUSE: (
        Requirement(
            "create a warehouse",
            ((global_("CREATE WAREHOUSE"),),),
            command_page("create-warehouse"),
        ),
        Requirement(
            "assign a resource monitor to a warehouse",
            ((role("ACCOUNTADMIN"),),),
            f"{DOCS}/user-guide/resource-monitors; "
            "https://github.com/snowflakedb/terraform-provider-snowflake/issues/3019",
            when="resourceMonitor",
        ),
    ),
    RESOURCE_MONITOR: (
        Requirement(
            "create a resource monitor",
            ((role("ACCOUNTADMIN"),),),
            f"{DOCS}/sql-reference/sql/create-resource-monitor",
        ),
    ),
    DATABASE: (
        Requirement(
            "create a database", ((global_("CREATE DATABASE"),),), command_page("create-database")
        ),
    ),
    SCHEMA: (
        Requirement("create a schema", in_database("CREATE SCHEMA"), command_page("create-schema")),
    ),
    DATABASE_ROLE: (
        Requirement(
            "create a database role",
            in_database("CREATE DATABASE ROLE"),
            command_page("create-database-role"),
        ),
    ),
    ACCOUNT_ROLE: (
        Requirement("create a role", ((global_("CREATE ROLE"),),), command_page("create-role")),
    ),
    GRANT_ACCOUNT_ROLE: (
        Requirement(
            "grant a role", owner_or_manage_grants("ROLE", "role"), command_page("grant-role")
        ),
    ),
    GRANT_DATABASE_ROLE: (
        Requirement(
            "grant a database role",
            owner_or_manage_grants("DATABASE ROLE", "role"),
            command_page("grant-database-role"),
        ),
    ),
    GRANT_TO_ACCOUNT_ROLE: (
        Requirement(
            "grant a global privilege",
            ((MANAGE_GRANTS,),),
            command_page("grant-privilege"),
            when="onAccount",
        ),
        Requirement(
            "grant privileges on an object",
            owner_or_manage_grants(None, "granted"),
            command_page("grant-privilege"),
            unless="onAccount",
        ),
    ),
    GRANT_TO_DATABASE_ROLE: (
        Requirement(
            "grant privileges on an object",
            owner_or_manage_grants(None, "granted"),
            command_page("grant-privilege"),
        ),
    ),
    SERVICE_USER: (
        Requirement("create a user", ((global_("CREATE USER"),),), command_page("create-user")),
        Requirement(
            "set a network policy on a user",
            (
                (global_("ATTACH POLICY"),),
                (
                    Need("OWNERSHIP", "NETWORK POLICY", "network_policy"),
                    Need("OWNERSHIP", "USER", "object"),
                ),
            ),
            f"{DOCS}/user-guide/network-policies; {PRIVILEGES_PAGE}",
            when="networkPolicy",
        ),
    ),
    NETWORK_POLICY: (
        Requirement(
            "create a network policy",
            ((global_("CREATE NETWORK POLICY"),),),
            command_page("create-network-policy"),
        ),
    ),
    AUTHENTICATION_POLICY: (
        Requirement(
            "create an authentication policy",
            in_schema("CREATE AUTHENTICATION POLICY"),
            command_page("create-authentication-policy"),
        ),
    ),
    USER_AUTH_POLICY: (
        Requirement(
            "set an authentication policy on a user",
            (
                (global_("APPLY AUTHENTICATION POLICY"), *POLICY_NEEDS),
                (
                    Need("APPLY", "AUTHENTICATION POLICY", "policy"),
                    Need("OWNERSHIP", "USER", "user"),
                    *POLICY_NEEDS,
                ),
            ),
            f"{PRIVILEGES_PAGE}; {command_page('alter-user')}",
        ),
    ),
    TAG: (
        Requirement("create a tag", in_schema("CREATE TAG"), command_page("create-tag")),
        Requirement(
            "set masking policies on a tag",
            ((global_("APPLY MASKING POLICY"),),),
            f"{PRIVILEGES_PAGE}; {command_page('alter-tag')}",
            when="maskingPolicies",
        ),
    ),
    MASKING_POLICY: (
        Requirement(
            "create a masking policy",
            in_schema("CREATE MASKING POLICY"),
            command_page("create-masking-policy"),
        ),
    ),
    TAG_ASSOCIATION: (
        Requirement(
            "set a tag on an object",
            (
                (global_("APPLY TAG"), *TAG_NEEDS, *TARGET_NEEDS),
                (Need("APPLY", "TAG", "tag"), Need("OWNERSHIP", "", "target"), *TAG_NEEDS),
            ),
            f"{PRIVILEGES_PAGE}; {DOCS}/user-guide/object-tagging/introduction; "
            f"{command_page('alter-schema')}",
        ),
    ),
    STORAGE_INTEGRATION_AWS: (
        Requirement(
            "create a storage integration",
            ((global_("CREATE INTEGRATION"),),),
            command_page("create-storage-integration"),
        ),
    ),
    NOTIFICATION_INTEGRATION: (
        Requirement(
            "create a notification integration",
            ((global_("CREATE INTEGRATION"),),),
            command_page("create-notification-integration-queue-outbound-aws"),
        ),
    ),
    STAGE_EXTERNAL_S3: (
        Requirement("create a stage", in_schema("CREATE STAGE"), command_page("create-stage")),
        Requirement(
            "use a storage integration in a stage",
            ((Need("USAGE", "INTEGRATION", "integration"),),),
            command_page("create-stage"),
            when="storageIntegration",
        ),
    ),
    TABLE: (
        Requirement("create a table", in_schema("CREATE TABLE"), command_page("create-table")),
    ),
    PIPE: (
        Requirement("create a pipe", in_schema("CREATE PIPE"), command_page("create-pipe")),
        Requirement(
            "load from the pipe's stage into its table",
            (
                (
                    Need("USAGE", "STAGE", "stage"),
                    Need("INSERT", "TABLE", "table"),
                    Need("SELECT", "TABLE", "table"),
                ),
            ),
            command_page("create-pipe"),
            when="copyStatement",
        ),
        Requirement(
            "report load errors through a notification integration",
            ((Need("USAGE", "INTEGRATION", "error_integration"),),),
            f"{DOCS}/user-guide/data-load-snowpipe-errors-sns",
            when="errorIntegration",
        ),
    ),
    ALERT: (
        Requirement("create an alert", in_schema("CREATE ALERT"), command_page("create-alert")),
        Requirement(
            "run the alert on its schedule (it runs with its owner's privileges)",
            ((global_("EXECUTE ALERT"), Need("USAGE", "WAREHOUSE", "warehouse")),),
            f"{DOCS}/user-guide/alerts#granting-the-privileges-to-create-alerts; "
            f"{command_page('execute-alert')}",
        ),
        Requirement(
            "read SNOWFLAKE.ACCOUNT_USAGE in the condition",
            (
                (role("SNOWFLAKE.USAGE_VIEWER"),),
                (role("ACCOUNTADMIN"),),
            ),
            f"{DOCS}/sql-reference/snowflake-db-roles",
            only_with="account_usage",
        ),
        Requirement(
            "send a notification through a notification integration",
            ((Need("USAGE", "INTEGRATION", "notification_integration"),),),
            f"{DOCS}/sql-reference/stored-procedures/system_send_snowflake_notification",
            only_with="notification_integration",
        ),
        Requirement(
            "read SNOWFLAKE.LOCAL data-quality results in the condition",
            (
                (role("SNOWFLAKE.DATA_QUALITY_MONITORING_VIEWER"),),
                (role("SNOWFLAKE.DATA_QUALITY_MONITORING_ADMIN"),),
            ),
            f"{DATA_QUALITY_ACCESS}#viewing-data-quality-results",
            only_with="dq_results",
        ),
    ),
    # Only the statements an Execute is known to run (snowflake_objects._execute): a
    # data metric function attached to a table, and the table's DMF schedule.
    EXECUTE: (
        Requirement(
            "attach a data metric function to a table",
            (
                (
                    global_("EXECUTE DATA METRIC FUNCTION"),
                    role("SNOWFLAKE.DATA_METRIC_USER"),
                    Need("OWNERSHIP", "TABLE", "dmf_table"),
                    USAGE_DB,
                    USAGE_SCHEMA,
                ),
            ),
            f"{DATA_QUALITY_ACCESS}; {DOCS}/user-guide/data-quality-system-dmfs",
            only_with="dmf_table",
        ),
        Requirement(
            "set a table's DATA_METRIC_SCHEDULE",
            (
                (Need("OWNERSHIP", "TABLE", "schedule_table"), USAGE_DB, USAGE_SCHEMA),
                (
                    Need("SELECT", "TABLE", "schedule_table"),
                    global_("EXECUTE DATA METRIC FUNCTION"),
                    USAGE_DB,
                    USAGE_SCHEMA,
                ),
            ),
            f"{DATA_QUALITY_ACCESS} (Set the DMF schedule for a table)",
            only_with="schedule_table",
        ),
    ),
}
