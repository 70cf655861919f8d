"""Helpers to read plan documents in tests: resources by type, a component's children."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

Resource = dict[str, Any]

SECURE_BUCKET = "dataplatform:storage:SecureBucket"
KMS_KEY = "dataplatform:security:KmsKey"


def of_type(document: dict[str, Any], type_: str) -> list[Resource]:
    """Every resource of `type_` in the plan."""
    return [r for r in document["resources"] if r["type"] == type_]


def children(document: dict[str, Any], parent: Resource) -> dict[str, Resource]:
    """The direct children of `parent`, keyed by type token."""
    return {r["type"]: r for r in document["resources"] if r["parent"] == parent["urn"]}


@dataclass
class BucketView:
    """A SecureBucket component and its split resources, as registered."""

    component: Resource
    parts: dict[str, Resource]

    def part(self, short_type: str) -> Resource:
        """The child resource whose type ends with `short_type` (e.g. `BucketPolicy`)."""
        matches = [r for t, r in self.parts.items() if t.endswith(f":{short_type}")]
        assert matches, f"{self.component['name']}: no {short_type} child"
        return matches[0]

    def has(self, short_type: str) -> bool:
        return any(t.endswith(f":{short_type}") for t in self.parts)

    @property
    def name(self) -> str:
        return str(self.component["name"])

    @property
    def inputs(self) -> dict[str, Any]:
        return dict(self.part("Bucket")["inputs"])

    @property
    def policy(self) -> dict[str, Any]:
        return dict(json.loads(self.part("BucketPolicy")["inputs"]["policy"]))

    def statement(self, sid: str) -> dict[str, Any]:
        found = [s for s in self.policy["Statement"] if s.get("Sid") == sid]
        assert found, f"{self.name}: bucket policy has no statement {sid}"
        return dict(found[0])


DATA_LAKE = "dataplatform:storage:DataLake"


def buckets(document: dict[str, Any], lake_only: bool = False) -> list[BucketView]:
    """Every SecureBucket of the plan, or only the data lake's (zones and access logs)."""
    lakes = {r["urn"] for r in of_type(document, DATA_LAKE)}
    return [
        BucketView(c, children(document, c))
        for c in of_type(document, SECURE_BUCKET)
        if not lake_only or c["parent"] in lakes
    ]


def lake_keys(document: dict[str, Any]) -> list[Resource]:
    """The aws:kms/key:Key resources of the data lake's zone keys."""
    lakes = {r["urn"] for r in of_type(document, DATA_LAKE)}
    components = {c["urn"] for c in of_type(document, KMS_KEY) if c["parent"] in lakes}
    return [k for k in of_type(document, "aws:kms/key:Key") if k["parent"] in components]
