"""A service user whose public key comes from config: no generated key, the body only."""

from __future__ import annotations

from components.snowflake.pipeline_service_user import PipelineServiceUser, ServiceUserArgs
from components.snowflake.providers import SnowflakeConnection, snowflake_providers
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import run_callable

PEM = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\nhkiG9w0BAQEF\n-----END PUBLIC KEY-----\n"


def _register(public_key: str | None) -> dict[str, dict]:
    def program() -> None:
        import pulumi

        root = pulumi.ComponentResource("test:index:Root", "root")
        providers = snowflake_providers(
            "sf", SnowflakeConnection("ACME", "DATA_DEV", "DEPLOY"), "GOVERNANCE_ADMIN", root
        )
        PipelineServiceUser(
            "bot",
            ServiceUserArgs(
                identifier="ACME_DP_DEV_BOT",
                role="ACME_DP_DEV_LOADER",
                warehouse="ACME_DP_DEV_LOADING",
                allowed_ips=("203.0.113.10/32",),
                authentication_policy='"GOV"."POLICIES"."SERVICE_KEYPAIR_ONLY"',
                rsa_public_key=public_key,
            ),
            providers,
        )

    run = run_callable(
        program, project="p", stack="dev", mocks=PlausibleMocks("111122223333", "eu-west-1")
    )
    return {r.type: r.inputs for r in run.registrations}


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
