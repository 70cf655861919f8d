"""AirflowUiAccess: the engineers' policy always; the Client VPN endpoint when configured."""

from __future__ import annotations

import json

from components.orchestration.airflow_ui_access import (
    AirflowUiAccess,
    AirflowUiAccessArgs,
    ClientVpnSettings,
    engineer_policy,
)
from tests.components.orchestration.conftest import ACCOUNT, KEY, NAMING, REGION
from tests.components.synthetic import build

CERT = f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/0a1b2c3d-0000-4000-8000-000000000001"


def _args(vpn: ClientVpnSettings | None) -> AirflowUiAccessArgs:
    return AirflowUiAccessArgs(
        naming=NAMING,
        tags={"environment": "prod"},
        environment_name="acme-dp-prod-airflow",
        vpc_id="vpc-0123456789abcdef0",
        vpc_cidr="10.42.0.0/16",
        subnet_ids=["subnet-0000000000000000a", "subnet-0000000000000000b"],
        webserver_security_group_id="sg-0123456789abcdef0",
        log_kms_key_arn=KEY,
        log_retention_days=365,
        client_vpn=vpn,
    )


def test_without_a_vpn_only_the_engineers_policy_is_made():
    built = build(lambda: {"arn": AirflowUiAccess("ui", _args(None)).policy_arn})
    assert built.resources() == [("Policy", "ui-engineers")]


def test_the_engineers_may_log_in_and_call_the_rest_api_as_user_only():
    role = f"arn:aws:airflow:{REGION}:{ACCOUNT}:role/acme-dp-prod-airflow/User"
    statements = engineer_policy(REGION, ACCOUNT, "acme-dp-prod-airflow")["Statement"]
    assert [(s["Action"], s["Resource"]) for s in statements] == [
        ("airflow:CreateWebLoginToken", role),
        ("airflow:InvokeRestApi", role),
        (
            "airflow:GetEnvironment",
            f"arn:aws:airflow:{REGION}:{ACCOUNT}:environment/acme-dp-prod-airflow",
        ),
    ]


def test_a_client_vpn_reaches_the_webserver_on_443_only():
    vpn = ClientVpnSettings(CERT, CERT, "10.254.0.0/22")
    built = build(lambda: {"id": AirflowUiAccess("ui", _args(vpn)).endpoint_id})
    assert built.resources() == [
        ("AuthorizationRule", "ui-vpn-vpc"),
        ("Endpoint", "ui-vpn"),
        ("LogGroup", "ui-vpn-connections"),
        ("NetworkAssociation", "ui-vpn-subnet-0"),
        ("NetworkAssociation", "ui-vpn-subnet-1"),
        ("Policy", "ui-engineers"),
        ("SecurityGroup", "ui-vpn"),
        ("SecurityGroupEgressRule", "ui-vpn-to-webserver"),
        ("SecurityGroupIngressRule", "ui-webserver-from-vpn"),
    ]
    endpoint = built.named("ui-vpn", "Endpoint").inputs
    assert endpoint["clientCidrBlock"] == "10.254.0.0/22"
    assert endpoint["splitTunnel"] is True
    assert endpoint["authenticationOptions"] == [
        {"type": "certificate-authentication", "rootCertificateChainArn": CERT}
    ]
    assert built.named("ui-vpn-vpc").inputs["targetNetworkCidr"] == "10.42.0.0/16"
    ingress = built.named("ui-webserver-from-vpn").inputs
    assert (ingress["securityGroupId"], ingress["fromPort"], ingress["toPort"]) == (
        "sg-0123456789abcdef0",
        443,
        443,
    )
    subnets = {built.named(f"ui-vpn-subnet-{i}").inputs["subnetId"] for i in (0, 1)}
    assert subnets == {"subnet-0000000000000000a", "subnet-0000000000000000b"}
    assert json.loads(built.named("ui-engineers").inputs["policy"])["Version"] == "2012-10-17"
