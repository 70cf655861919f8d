"""Journey: an engineer opens the Airflow UI of a private MWAA environment.

A PRIVATE_ONLY webserver is an endpoint in the environment's subnets, behind its security
groups. Followed per such environment:

1. a network path into the VPC, either
   - an AWS Client VPN endpoint in the environment's VPC, associated with one of its
     subnets, authorizing a CIDR that covers the VPC, whose security group the
     environment's groups admit on 443; or
   - a security group rule of the environment admitting 443 from addresses outside the
     VPC (the corporate network); the route from there (transit gateway, site-to-site VPN)
     is outside the program, and admitting the range is taken as declaring it routed;
2. a policy of the program lets a person log in: `airflow:CreateWebLoginToken` on an
   Airflow RBAC role of the environment (`arn:aws:airflow:<region>:<account>:role/<env>/
   <role>`), judged by the IAM evaluator. A person's own roles (SSO permission sets) are
   outside the program, so the policy to attach is what is checked.

Public webservers (PUBLIC_ONLY) need no path; they get no journey.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from functools import partial

from ..core.index import StackIndex
from ..core.rule import Context
from ..core.values import as_list
from ..core.view import ResourceView
from ..facts import arns
from ..facts.tokens import (
    EC2_CLIENT_VPN_AUTHORIZATION_RULE,
    EC2_CLIENT_VPN_ENDPOINT,
    EC2_CLIENT_VPN_NETWORK_ASSOCIATION,
    EC2_SUBNET,
    EC2_VPC,
    IAM_POLICY,
    MWAA_ENVIRONMENT,
)
from ..preflight.aws_resources import AwsResources, document_of
from ..preflight.iam_evaluation import Request, evaluate
from .aws_account import aws_journeys
from .journey import Hop, Journey, broken, ok, unknown
from .network_refs import follow, label, refers_to
from .network_security import GROUP_RULE, INGRESS_RULE, SECURITY_GROUP, Peer, admits

KIND = "journey-engineer-opens-airflow-ui"
HTTPS = 443
RBAC_ROLES = ("Admin", "Op", "User", "Viewer")
ENDPOINT, ASSOCIATION, AUTHORIZATION = (
    EC2_CLIENT_VPN_ENDPOINT,
    EC2_CLIENT_VPN_NETWORK_ASSOCIATION,
    EC2_CLIENT_VPN_AUTHORIZATION_RULE,
)
NO_PATH = (
    "no Client VPN endpoint in the environment's VPC and no security group rule admits "
    "HTTPS from outside the VPC: nobody can open the UI; choose airflow.ui_access "
    "client_vpn or corporate_cidrs"
)


def journey_name(environment: ResourceView) -> str:
    """The journey's name for an environment."""
    return f"an engineer opens the Airflow UI of [{environment.get('name') or environment.name}]"


def vpn_hops(
    index: StackIndex,
    vpc: ResourceView,
    subnets: tuple[ResourceView, ...],
    groups: tuple[ResourceView, ...],
) -> list[Hop] | None:
    """The Client VPN path into `vpc`, or None when no endpoint is in it."""
    endpoints = [e for e in index.of_type(ENDPOINT) if refers_to(index, e, "vpcId", vpc)]
    if not endpoints:
        return None
    endpoint = endpoints[0]
    hops = [ok("a Client VPN endpoint is in the VPC", label(endpoint), endpoint)]
    associated = [
        a
        for a in index.of_type(ASSOCIATION)
        if refers_to(index, a, "clientVpnEndpointId", endpoint)
        and any(refers_to(index, a, "subnetId", s) for s in subnets)
    ]
    name = "the endpoint is associated with a subnet of the environment"
    hops.append(
        ok(name, label(associated[0]), associated[0])
        if associated
        else broken(name, "no network association with the environment's subnets", endpoint)
    )
    block = str(vpc.get("cidrBlock") or "")
    rules = [
        r
        for r in index.of_type(AUTHORIZATION)
        if refers_to(index, r, "clientVpnEndpointId", endpoint)
        and _covers(str(r.get("targetNetworkCidr") or ""), block)
    ]
    name = f"an authorization rule admits clients to {block or 'the VPC'}"
    hops.append(
        ok(name, label(rules[0]), rules[0])
        if rules
        else broken(name, "no authorization rule of the endpoint covers the VPC", endpoint)
    )
    vpn_groups = follow(index, endpoint, "securityGroupIds", (SECURITY_GROUP,)).views
    name = "the environment's security group admits HTTPS from the endpoint"
    peer = Peer(HTTPS, groups=vpn_groups)
    admitted = [g for g in groups if admits(index, g, "ingress", peer) == "yes"]
    hops.append(
        ok(name, label(admitted[0]), admitted[0])
        if admitted
        else broken(
            name, "no rule admits 443 from the endpoint's group", groups[0] if groups else endpoint
        )
    )
    return hops


def corporate_hops(
    index: StackIndex, vpc: ResourceView, groups: tuple[ResourceView, ...]
) -> list[Hop] | None:
    """The path from addresses outside the VPC admitted on 443, or None when none is."""
    block = str(vpc.get("cidrBlock") or "")
    for group in groups:
        for cidr in _ingress_cidrs(index, group):
            if block and _covers(block, cidr):
                continue
            if admits(index, group, "ingress", Peer(HTTPS, (cidr,))) == "yes":
                # The route from that range is the company's (transit gateway or VPN):
                # a program that admits the range declares it routed; this hop takes the
                # program at its word (docs/design/pipelines.md, "Not verified here").
                return [
                    ok(
                        f"the environment's security group admits HTTPS from {cidr}",
                        f"{label(group)}; the route from {cidr} is the company's network, "
                        "outside the program",
                        group,
                    )
                ]
    return None


def login_hop(index: StackIndex, account: str, region: str, environment: str) -> Hop:
    """A policy of the program allows CreateWebLoginToken on a role of the environment."""
    name = "a policy lets a person log in (airflow:CreateWebLoginToken)"
    principal = arns.iam_role(account, "engineer")
    for policy in index.of_type(IAM_POLICY):
        document = document_of(policy.need("policy"), f"policy [{policy.name}]", "identity")
        for role in RBAC_ROLES:
            resource = arns.mwaa_rbac_role(region, account, environment, role)
            request = Request(principal, "airflow:CreateWebLoginToken", resource)
            if evaluate(request, (document,), None).allowed:
                return ok(name, f"{label(policy)} on role {role}", policy)
    return broken(
        name,
        f"no IAM policy of the program allows airflow:CreateWebLoginToken on a role of "
        f"{environment}: a person with a path still cannot log in",
        None,
    )


def ui_journeys(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """One journey per private MWAA environment."""
    starts = [
        e for e in index.of_type(MWAA_ENVIRONMENT) if e.get("webserverAccessMode") != "PUBLIC_ONLY"
    ]
    yield from aws_journeys(index, KIND, starts, journey_name, partial(_ui_hops, index))


def _ui_hops(index: StackIndex, res: AwsResources, environment: ResourceView) -> list[Hop]:
    """The network path into the environment's VPC, then the engineers' web login."""
    subnets = follow(index, environment, "networkConfiguration.subnetIds", (EC2_SUBNET,))
    groups = follow(
        index, environment, "networkConfiguration.securityGroupIds", (SECURITY_GROUP,)
    ).views
    vpcs = [v for s in subnets.views for v in follow(index, s, "vpcId", (EC2_VPC,)).views]
    if not vpcs:
        return [
            unknown("a network path into the VPC", "the VPC is outside the program", environment)
        ]
    path = vpn_hops(index, vpcs[0], subnets.views, groups) or corporate_hops(index, vpcs[0], groups)
    if path is None:
        path = [broken("a network path into the VPC", NO_PATH, environment)]
    name = str(environment.need("name"))
    # The environment's own ARN says its region (the provider's may be implicit).
    arn = str(environment.output("arn") or "").split(":")
    region = arn[3] if len(arn) > 5 and arn[3] else res.region
    return [*path, login_hop(index, res.account, region, name)]


def _ingress_cidrs(index: StackIndex, group: ResourceView) -> list[str]:
    """The IPv4 CIDRs named by ingress rules of `group` (any shape)."""
    found = [
        str(r.get("cidrIpv4"))
        for r in index.of_type(INGRESS_RULE)
        if r.get("cidrIpv4") and refers_to(index, r, "securityGroupId", group)
    ]
    found += [
        str(c)
        for r in index.of_type(GROUP_RULE)
        if r.get("type") == "ingress" and refers_to(index, r, "securityGroupId", group)
        for c in as_list(r.get("cidrBlocks"))
    ]
    found += [
        str(c)
        for rule in as_list(group.get("ingress"))
        if isinstance(rule, dict)
        for c in as_list(rule.get("cidrBlocks"))
    ]
    return found


def _covers(outer: str, inner: str) -> bool:
    """True if CIDR `outer` contains CIDR `inner` (False when either does not parse)."""
    try:
        a, b = ipaddress.ip_network(outer, strict=False), ipaddress.ip_network(inner, strict=False)
    except ValueError:
        return False
    return a.version == b.version and b.subnet_of(a)  # type: ignore[arg-type]
