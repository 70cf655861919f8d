"""Every Airflow connection reaches its endpoint and logs in."""

from __future__ import annotations

from ..snowflake.identifiers import USERS
from .connections import KIND, MWAA, SECRET, SECRET_VERSION, build
from .journey import journey_rule

RULE = journey_rule(
    KIND,
    "Every Airflow connection reaches its endpoint and logs in: MWAA's subnets route to the "
    "Snowflake account host, its stage and OCSP hosts; the user's network policy admits the "
    "addresses traffic leaves from; the user holds the key that feeds the secret.",
    "Change the resource the message names: give the private subnets a NAT gateway (or a "
    "PrivateLink endpoint), open egress 443 and 80, add the NAT's Elastic IPs to the user's "
    "network policy, or register the secret's key on the user.",
    (MWAA, SECRET, SECRET_VERSION, *USERS),
    build,
)
