"""The step model on the contract tag of a pipe (`DATA_CONTRACT`, object type PIPE), set
as the governance role: APPLY TAG on the account (bootstrap), USAGE on the tag's
database and schema, and USAGE on the pipe's database and schema (the pipe belongs to
SYSADMIN). Each grant removed is named by the violation; in the real plans the step is
allowed."""

from __future__ import annotations

from policies.rules.core.index import StackIndex
from policies.rules.core.view import ResourceView
from policies.rules.preflight.snowflake_steps import snowflake_steps
from scripts.plan.policy import views as plan_views
from tests.policies.helpers import run
from tests.policies.preflight.test_snowflake_step_privileges import _db, _grant_urn, sf, usage

RULE = "preflight-snowflake-step-privileges"
PIPE = '"DOM"."CONTACTS"."DOM_SRC_PIPE"'
GRANTS = ("gov-usage", "gov-schema", "dom-usage", "dom-contacts-usage")


def program(grants: tuple[str, ...] = GRANTS, tagger: str = "GOVERNANCE_ADMIN") -> list:
    """The governance objects and the domain's pipe as SYSADMIN, the tag as the
    governance role, `grants` of USAGE to `tagger`, and the association as `tagger`."""
    gov = {"database": "GOV", "schema": "POLICIES"}
    every: dict[str, ResourceView] = {
        "gov-usage": usage("gov-usage", tagger, {"onAccountObject": _db("GOV")}),
        "gov-schema": usage(
            "gov-schema",
            tagger,
            {"onSchema": {"schemaName": '"GOV"."POLICIES"'}},
            ("USAGE", "CREATE TAG"),
        ),
        "dom-usage": usage("dom-usage", tagger, {"onAccountObject": _db("DOM")}),
        "dom-contacts-usage": usage(
            "dom-contacts-usage", tagger, {"onSchema": {"schemaName": "DOM.CONTACTS"}}
        ),
    }
    waited = tuple(_grant_urn(g) for g in grants)
    return [
        sf("Database", "gov", {"name": "GOV"}, "SYSADMIN"),
        sf("Schema", "gov-policies", {"database": "GOV", "name": "POLICIES"}, "SYSADMIN"),
        sf("Database", "dom", {"name": "DOM"}, "SYSADMIN"),
        sf("Schema", "dom-contacts", {"database": "DOM", "name": "CONTACTS"}, "SYSADMIN"),
        *(every[g] for g in grants),
        sf("Tag", "contract", {**gov, "name": "DATA_CONTRACT"}, "GOVERNANCE_ADMIN", waited),
        sf(
            "TagAssociation",
            "contract-dom-src",
            {
                "tagId": '"GOV"."POLICIES"."DATA_CONTRACT"',
                "objectType": "PIPE",
                "objectIdentifiers": [PIPE],
                "tagValue": "urn:c",
            },
            tagger,
            waited,
        ),
    ]


def denied(resources: list) -> dict[str, str]:
    """Resource name -> the rule's message, for every violation."""
    return {f.name or "": f.message for f in run(RULE, resources) if f.status == "violation"}


def test_the_governance_role_may_tag_the_pipe_with_every_grant():
    steps = [s for s in snowflake_steps(StackIndex(program())) if s.type.endswith("Association")]
    assert [(s.operation, s.object, s.role, s.allowed) for s in steps] == [
        (
            "set a tag on an object",
            "PIPE DOM.CONTACTS.DOM_SRC_PIPE",
            "GOVERNANCE_ADMIN",
            True,
        )
    ]
    assert denied(program()) == {}


def test_without_usage_on_the_pipes_schema_the_plan_is_refused_naming_it():
    found = denied(program(grants=("gov-usage", "gov-schema", "dom-usage")))
    assert list(found) == ["contract-dom-src"], found
    assert "lacks USAGE on SCHEMA DOM.CONTACTS" in found["contract-dom-src"], found


def test_without_usage_on_the_pipes_database_the_plan_is_refused_naming_it():
    found = denied(program(grants=("gov-usage", "gov-schema", "dom-contacts-usage")))
    assert "lacks USAGE on DATABASE DOM" in found["contract-dom-src"], found


def test_a_role_without_apply_tag_is_refused_naming_the_privilege():
    """A role with every USAGE but no APPLY TAG (nor APPLY on the tag and the pipe's
    ownership, the other way) may not set it."""
    found = denied(program(tagger="TAGGER"))
    assert "lacks APPLY TAG on ACCOUNT" in found["contract-dom-src"], found
    assert "GRANT APPLY TAG ON ACCOUNT TO ROLE TAGGER;" in found["contract-dom-src"], found


def test_every_pipe_tag_of_the_real_plans_is_allowed(plans):
    for stack, document in plans.items():
        steps = [
            s
            for s in snowflake_steps(StackIndex(plan_views(document)))
            if s.type.endswith("TagAssociation") and s.object.startswith("PIPE ")
        ]
        assert steps, stack
        assert all(s.allowed and not s.unordered for s in steps), (stack, steps)
