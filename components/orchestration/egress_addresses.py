"""The Elastic IPs Airflow's traffic leaves from, allocated before anything that needs them.

They are their own component because two sides need them before either is built: the MWAA
network's NAT gateways (one address each) and the Snowflake network policies of every user
an Airflow connection logs in as (Snowflake refuses a login from an address the user's
policy does not admit). Allocating them first lets the Snowflake side take their
`public_ip` outputs while the orchestration, built last, puts a NAT on each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws


@dataclass(frozen=True)
class EgressAddressesArgs:
    """Arguments of `EgressAddresses`.

    Attributes:
        count: How many addresses (one per NAT gateway): 1 or 2.
        tags: The tags of the addresses.
    """

    count: int
    tags: Mapping[str, str]

    def __post_init__(self) -> None:
        if self.count not in (1, 2):
            raise ValueError(f"EgressAddressesArgs: count must be 1 or 2; got {self.count}")


class EgressAddresses(pulumi.ComponentResource):
    """One VPC Elastic IP per NAT gateway: their allocation ids and public addresses."""

    allocation_ids: list[pulumi.Output[str]]
    public_ips: list[pulumi.Output[str]]

    def __init__(
        self, name: str, args: EgressAddressesArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:orchestration:EgressAddresses", name, None, opts)
        addresses = [
            aws.ec2.Eip(
                f"{name}-{index}",
                domain="vpc",
                tags={**args.tags, "Name": f"{name}-{index}"},
                opts=pulumi.ResourceOptions(parent=self),
            )
            for index in range(args.count)
        ]
        self.allocation_ids = [a.id for a in addresses]
        self.public_ips = [a.public_ip for a in addresses]
        self.register_outputs({"public_ips": self.public_ips})
