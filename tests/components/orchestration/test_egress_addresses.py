"""EgressAddresses built alone: one tagged VPC Elastic IP per NAT gateway, and their ids and
public addresses as outputs."""

from __future__ import annotations

import pytest

from components.orchestration.egress_addresses import EgressAddresses, EgressAddressesArgs
from tests.components.synthetic import Built, build


def _build(count: int) -> Built:
    def construct():
        egress = EgressAddresses("egress", EgressAddressesArgs(count, {"environment": "prod"}))
        return {"allocation_ids": egress.allocation_ids, "public_ips": egress.public_ips}

    return build(construct)


@pytest.fixture(scope="module")
def two() -> Built:
    return _build(2)


def test_two_addresses_are_two_vpc_eips_tagged_and_named_by_index(two):
    assert {name: two.named(name).inputs for name in two.children("egress")} == {
        "egress-0": {"domain": "vpc", "tags": {"environment": "prod", "Name": "egress-0"}},
        "egress-1": {"domain": "vpc", "tags": {"environment": "prod", "Name": "egress-1"}},
    }


def test_one_address_is_one_eip():
    assert _build(1).resources() == [("Eip", "egress-0")]


def test_the_outputs_are_each_addresss_allocation_id_and_public_ip_in_order(two):
    eips = [two.named(f"egress-{i}") for i in range(2)]
    assert two.outputs == {
        "allocation_ids": [e.outputs["id"] for e in eips],
        "public_ips": [e.outputs["publicIp"] for e in eips],
    }
    assert len(set(two.outputs["public_ips"])) == 2


@pytest.mark.parametrize("count", [0, 3])
def test_a_count_other_than_one_or_two_is_refused(count):
    with pytest.raises(ValueError, match="count must be 1 or 2"):
        EgressAddressesArgs(count, {})
