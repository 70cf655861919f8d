"""A service user whose public key comes from config: no generated key, the body only."""

from __future__ import annotations

import pytest

from components.snowflake.pipeline_service_user import PipelineServiceUser, ServiceUserArgs
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import SECRET_PLACEHOLDER
from tests.components.synthetic import Built, build_snowflake

from .conftest import register_service_user

PEM = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\nhkiG9w0BAQEF\n-----END PUBLIC KEY-----\n"


def _register(public_key: str | None) -> dict[str, dict]:
    registrations = register_service_user(PlausibleMocks("111122223333", "eu-west-1"), public_key)
    return {r.type: r.inputs for r in registrations}


def test_a_configured_public_key_is_used_as_its_one_line_body():
    registered = _register(PEM)
    assert "tls:index/privateKey:PrivateKey" not in registered
    user = registered["snowflake:index/serviceUser:ServiceUser"]
    assert user["rsaPublicKey"] == "MIIBIjANBgkqhkiG9w0BAQEF"


def test_without_a_configured_key_the_program_generates_an_rsa_key_pair():
    registered = _register(None)
    assert registered["tls:index/privateKey:PrivateKey"]["algorithm"] == "RSA"
    assert registered["snowflake:index/serviceUser:ServiceUser"]["rsaPublicKey"]
    policy = registered["snowflake:index/networkPolicy:NetworkPolicy"]
    assert policy["allowedIpLists"] == ["203.0.113.10/32"]


# Built alone with a configured key: the user, its network policy, role grant and login policy.

ARGS = ServiceUserArgs(
    identifier="ACME_DP_PROD_BOT",
    role="ACME_DP_PROD_LOADER",
    warehouse="ACME_DP_PROD_LOADING",
    allowed_ips=("203.0.113.10/32",),
    authentication_policy='"GOV"."POLICIES"."SERVICE_KEYPAIR_ONLY"',
    rsa_public_key=PEM,
    airflow_egress_ips=("192.0.2.1",),
)


@pytest.fixture(scope="module")
def built() -> Built:
    def construct(providers):
        user = PipelineServiceUser("bot", ARGS, providers)
        return {"name": user.user.name, "private_key_pem": user.private_key_pem}

    return build_snowflake(construct)


def test_built_alone_it_holds_the_user_its_network_policy_role_grant_and_login_policy(built):
    assert built.resources() == [
        ("GrantAccountRole", "bot-role"),
        ("NetworkPolicy", "bot-network"),
        ("ServiceUser", "bot"),
        ("UserAuthenticationPolicyAttachment", "bot-keypair-only"),
    ]
    assert built.children("bot", "PipelineServiceUser") == {n for _, n in built.resources()}


def test_the_network_policy_lists_the_allowed_networks_then_airflows_egress(built):
    assert built.named("bot-network").inputs == {
        "name": "ACME_DP_PROD_BOT_NETWORK",
        "allowedIpLists": ["203.0.113.10/32", "192.0.2.1"],
        "comment": "Networks ACME_DP_PROD_BOT may log in from",
    }, "bot-network"


def test_the_user_has_one_default_role_no_secondary_roles_and_its_network_policy(built):
    assert built.named("bot", "ServiceUser").inputs == {
        "name": "ACME_DP_PROD_BOT",
        "loginName": SECRET_PLACEHOLDER,  # the SDK marks it secret; the runtime redacts it
        "rsaPublicKey": "MIIBIjANBgkqhkiG9w0BAQEF",
        "defaultRole": "ACME_DP_PROD_LOADER",
        "defaultWarehouse": "ACME_DP_PROD_LOADING",
        "defaultSecondaryRolesOption": "NONE",
        "networkPolicy": "ACME_DP_PROD_BOT_NETWORK",
        "comment": "Pipeline identity managed by the data platform",
    }, "bot"
    assert built.depends_on("bot", "ServiceUser") == {"bot-network"}


def test_the_role_is_granted_to_the_user_and_the_login_policy_attached_after_it(built):
    assert built.named("bot-role").inputs == {
        "roleName": "ACME_DP_PROD_LOADER",
        "userName": "ACME_DP_PROD_BOT",
    }, "bot-role"
    assert built.named("bot-keypair-only").inputs == {
        "authenticationPolicyName": '"GOV"."POLICIES"."SERVICE_KEYPAIR_ONLY"',
        "userName": "ACME_DP_PROD_BOT",
    }, "bot-keypair-only"
    assert built.depends_on("bot-role") == {"bot"}
    assert built.depends_on("bot-keypair-only") == {"bot"}


def test_the_login_policy_goes_through_governance_and_the_rest_through_security(built):
    providers = {name: built.provider_of(name, short) for short, name in built.resources()}
    assert providers == {
        "bot-role": "sf-security",
        "bot-network": "sf-security",
        "bot": "sf-security",
        "bot-keypair-only": "sf-governance",
    }


def test_with_a_configured_key_there_is_no_private_key_to_hand_on(built):
    assert built.outputs == {"name": "ACME_DP_PROD_BOT", "private_key_pem": None}
