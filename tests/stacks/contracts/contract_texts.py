"""Small ODCS contracts for the tests, built from a base by changing what a test needs."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from open_data_contract_standard.model import OpenDataContractStandard

BASE: dict[str, Any] = {
    "apiVersion": "v3.0.2",
    "kind": "DataContract",
    "id": "urn:test:contacts",
    "version": "1.0.0",
    "status": "active",
    "servers": [{"server": "lake", "type": "glue", "account": "123456789012", "database": "raw"}],
    "schema": [
        {
            "name": "contacts",
            "physicalName": "hubspot",
            "quality": [{"type": "library", "metric": "rowCount", "mustBeGreaterThan": 0}],
            "properties": [
                {"name": "id", "logicalType": "integer", "primaryKey": True},
                {"name": "email", "logicalType": "string", "required": True, "unique": True},
                {"name": "updated_at", "logicalType": "timestamp"},
            ],
        }
    ],
    "slaProperties": [
        {"property": "freshness", "value": 24, "unit": "h", "element": "contacts.updated_at"}
    ],
}


def document(**changes: Any) -> dict[str, Any]:
    """A deep copy of BASE with top-level keys replaced."""
    found = copy.deepcopy(BASE)
    found.update(changes)
    return found


def with_properties(*properties: dict[str, Any], **object_changes: Any) -> dict[str, Any]:
    """BASE with its one dataset's properties (and other keys) replaced, and no freshness
    (its column may be gone)."""
    found = copy.deepcopy(BASE)
    del found["slaProperties"]
    found["schema"][0]["properties"] = list(properties)
    found["schema"][0].update(object_changes)
    return found


def text(raw: dict[str, Any]) -> str:
    """The document as a YAML file's text, one key per line (so lines are meaningful)."""
    return yaml.safe_dump(raw, sort_keys=False, default_flow_style=False)


def model(raw: dict[str, Any]) -> OpenDataContractStandard:
    """The document as the ODCS model."""
    return OpenDataContractStandard.model_validate(raw)
