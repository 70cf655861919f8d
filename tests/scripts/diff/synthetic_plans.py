"""Small plan documents for the destroy guard's tests: resources and plans as
`dataplat plan` writes them, with only what a test sets."""

from __future__ import annotations

from typing import Any


def resource(type_: str, logical: str, stack: str = "dev", **inputs: Any) -> dict[str, Any]:
    """One custom resource of `stack`, root-level, unprotected, with `inputs`."""
    return {
        "urn": f"urn:pulumi:{stack}::data-platform::{type_}::{logical}",
        "type": type_,
        "name": logical,
        "custom": True,
        "parent": None,
        "dependencies": [],
        "provider": None,
        "protect": False,
        "retainOnDelete": False,
        "inputs": inputs,
        "outputs": {},
    }


def plan(*resources: dict[str, Any], stack: str = "dev") -> dict[str, Any]:
    """A plan document of `stack` holding `resources`."""
    return {
        "formatVersion": 1,
        "project": "data-platform",
        "stack": stack,
        "resources": list(resources),
        "outputs": {},
        "violations": [],
        "diagnostics": [],
    }
