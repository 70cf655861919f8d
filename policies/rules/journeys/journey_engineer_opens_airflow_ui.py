"""An engineer can open the UI of every private MWAA environment."""

from __future__ import annotations

from ..facts.tokens import MWAA_ENVIRONMENT
from .airflow_ui import KIND, ui_journeys
from .journey import journey_rule

RULE = journey_rule(
    KIND,
    (
        "A person can open the Airflow UI of every private (PRIVATE_ONLY) MWAA environment: a "
        "Client VPN endpoint in its VPC (associated, authorized, admitted on 443 by the "
        "environment's security group) or a corporate range admitted on 443, and an IAM "
        "policy allowing airflow:CreateWebLoginToken on one of the environment's Airflow roles."
    ),
    (
        "Choose a path with airflow.ui_access (client_vpn with ACM certificates, or "
        "corporate_cidrs with network.webserver_allowed_cidr) and attach the engineers' "
        "policy (output of AirflowUiAccess) to the engineers' SSO permission set or role; "
        "MWAA's InvokeRestApi needs no network path (docs/runbooks/trigger-a-dag.md)."
    ),
    (MWAA_ENVIRONMENT,),
    ui_journeys,
)
