"""The tag naming the data contracts that cover a resource (issue 19: "visible in the
plan as a tag on the pipe and the crawler naming the contract")."""

from __future__ import annotations

from collections.abc import Sequence

from policies.rules.facts.names import DATA_CONTRACT_TAG


def contract_tags(tags: dict[str, str], contracts: Sequence[str]) -> dict[str, str]:
    """`tags` plus `data-contract`: the contract ids, space-separated (AWS tag values
    allow letters, digits, spaces and `+ - = . _ : / @`); unchanged without contracts."""
    if not contracts:
        return dict(tags)
    return {**tags, DATA_CONTRACT_TAG: " ".join(sorted(contracts))}
