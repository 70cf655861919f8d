"""The step model on data-quality statements: attaching a DMF and setting a table's DMF
schedule through `snowflake.Execute`, and an alert reading the expectation status. Each
grant the bootstrap makes for them, removed, is named by the violation."""

from __future__ import annotations

import dataclasses

import pytest

from policies.rules.core.index import StackIndex
from policies.rules.preflight import snowflake_steps as steps_module
from policies.rules.preflight.snowflake_bootstrap import BOOTSTRAP_GRANTS, BootstrapGrant
from policies.rules.preflight.snowflake_roles import base_model
from policies.rules.preflight.snowflake_steps import snowflake_steps
from tests.policies.helpers import run
from tests.policies.preflight.test_snowflake_step_privileges import sf

RULE = "preflight-snowflake-step-privileges"
TABLE = "DOM.CONTACTS.DOM_SRC_LANDING"
STATUS = "SNOWFLAKE.LOCAL.DATA_QUALITY_MONITORING_EXPECTATION_STATUS"


def program(owner: str = "SYSADMIN"):
    """The landing table created by `owner`; DMF and schedule attached as SYSADMIN; the
    status alert as SYSADMIN, through an integration SYSADMIN owns."""
    return [
        sf("Database", "db", {"name": "DOM"}, "SYSADMIN"),
        sf("Schema", "schema", {"database": "DOM", "name": "CONTACTS"}, "SYSADMIN"),
        sf("Warehouse", "wh", {"name": "WH"}, "SYSADMIN"),
        sf("NotificationIntegration", "int", {"name": "ALERTS_INT"}, "SYSADMIN"),
        sf(
            "Table",
            "table",
            {"database": "DOM", "schema": "CONTACTS", "name": "DOM_SRC_LANDING"},
            owner,
        ),
        sf(
            "Execute",
            "schedule",
            {"execute": f"ALTER TABLE {TABLE} SET DATA_METRIC_SCHEDULE = '60 MINUTE'"},
            "SYSADMIN",
        ),
        sf(
            "Execute",
            "null-count",
            {
                "execute": f"ALTER TABLE {TABLE} ADD DATA METRIC FUNCTION "
                "SNOWFLAKE.CORE.NULL_COUNT ON (RECORD) EXPECTATION e (VALUE = 0)"
            },
            "SYSADMIN",
        ),
        sf(
            "Alert",
            "status",
            {
                "database": "DOM",
                "schema": "CONTACTS",
                "name": "STATUS_ALERT",
                "warehouse": "WH",
                "condition": f"SELECT 1 FROM {STATUS} WHERE TABLE_NAME = 'DOM_SRC_LANDING'",
                "action": "CALL SYSTEM$SEND_SNOWFLAKE_NOTIFICATION(SNOWFLAKE.NOTIFICATION."
                "APPLICATION_JSON('{}'), SNOWFLAKE.NOTIFICATION.INTEGRATION('ALERTS_INT'))",
            },
            "SYSADMIN",
        ),
    ]


def denied(bootstrap=BOOTSTRAP_GRANTS, owner: str = "SYSADMIN") -> dict[str, tuple[str, ...]]:
    """Step -> what it lacks, for every denied Execute or Alert step, the bootstrap being
    `bootstrap` (the plan's ownership and grants added, as the rule does)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(steps_module, "base_model", lambda: base_model(bootstrap))
        steps = snowflake_steps(StackIndex(program(owner)))
    assert all(s.allowed is not None for s in steps), [s.reason for s in steps]
    return {
        s.step: s.missing
        for s in steps
        if not s.allowed and s.type.endswith((":Execute", ":Alert"))
    }


def without(grant_field: str, value: str) -> list[BootstrapGrant]:
    """The bootstrap grants without the one holding `value` in `grant_field`."""
    kept = [g for g in BOOTSTRAP_GRANTS if value not in getattr(g, grant_field)]
    assert len(kept) == len(BOOTSTRAP_GRANTS) - 1
    return kept


def test_with_the_bootstrap_grants_every_data_quality_step_is_allowed():
    assert denied() == {}
    assert run(RULE, program()) == []
    steps = {s.operation for s in snowflake_steps(StackIndex(program()))}
    assert {
        "attach a data metric function to a table",
        "set a table's DATA_METRIC_SCHEDULE",
        "read SNOWFLAKE.LOCAL data-quality results in the condition",
    } <= steps


@pytest.mark.parametrize(
    ("field", "grant", "missing"),
    [
        ("privileges", "EXECUTE DATA METRIC FUNCTION", "EXECUTE DATA METRIC FUNCTION on ACCOUNT"),
        ("database_roles", "SNOWFLAKE.DATA_METRIC_USER", "the SNOWFLAKE.DATA_METRIC_USER role"),
    ],
)
def test_without_a_dmf_grant_attaching_is_refused_naming_it(field, grant, missing):
    assert denied(without(field, grant)) == {
        f"Execute [null-count]: attach a data metric function to a table (TABLE {TABLE})": (
            missing,
        )
    }


def test_without_the_viewer_application_role_the_alert_cannot_read_the_results():
    model = without("application_roles", "SNOWFLAKE.DATA_QUALITY_MONITORING_VIEWER")
    [(step, missing)] = denied(model).items()
    assert step.startswith("Alert [status]: read SNOWFLAKE.LOCAL data-quality results")
    assert missing == ("the SNOWFLAKE.DATA_QUALITY_MONITORING_VIEWER role",)


def test_without_execute_alert_the_alert_does_not_run():
    model = without("privileges", "EXECUTE ALERT")
    assert list(denied(model).values()) == [("EXECUTE ALERT on ACCOUNT",)]


def test_a_table_a_role_sysadmin_does_not_hold_owns_gets_no_dmf_or_schedule():
    found = denied(owner="SECURITYADMIN")
    assert found == {
        f"Execute [schedule]: set a table's DATA_METRIC_SCHEDULE (TABLE {TABLE})": (
            f"OWNERSHIP on TABLE {TABLE}",
        ),
        f"Execute [null-count]: attach a data metric function to a table (TABLE {TABLE})": (
            f"OWNERSHIP on TABLE {TABLE}",
        ),
    }


def test_an_unqualified_table_is_not_evaluated_rather_than_passed():
    bare = dataclasses.replace(
        program()[6], props={"execute": "ALTER TABLE T ADD DATA METRIC FUNCTION F ON (C)"}
    )
    steps = snowflake_steps(StackIndex([bare]))
    assert steps and all(
        s.allowed is None and "not database.schema.table" in s.reason for s in steps
    )


def test_an_execute_running_other_sql_has_no_modelled_step():
    other = dataclasses.replace(program()[6], props={"execute": "SELECT 1"})
    assert snowflake_steps(StackIndex([other])) == []
