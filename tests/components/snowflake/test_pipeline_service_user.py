"""A service user whose public key comes from config: no generated key, the body only."""

from __future__ import annotations

from scripts.plan.mocks import PlausibleMocks

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
