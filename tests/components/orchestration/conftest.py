"""Run the orchestration components under the mock runtime and read what they register."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from components.naming import Naming
from components.tags import MandatoryTags
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import ProgramRun, Registration, run_callable

ACCOUNT = "410987654321"
REGION = "eu-west-1"
NAMING = Naming("acme-dp", "prod", ACCOUNT, REGION)
TAGS = MandatoryTags("prod", "data-platform", "cc-4711")
KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/11111111-1111-1111-1111-111111111111"
RAW_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/22222222-2222-2222-2222-222222222222"
CURATED_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/33333333-3333-3333-3333-333333333333"
ALERT_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/44444444-4444-4444-4444-444444444444"


@dataclass
class Plan:
    """One run's registrations, looked up by short type (`Vpc`) and logical name."""

    run: ProgramRun

    def of(self, short_type: str) -> list[Registration]:
        return [r for r in self.run.registrations if r.type.endswith(f":{short_type}")]

    def one(self, short_type: str, name: str | None = None) -> Registration:
        found = [r for r in self.of(short_type) if name is None or r.name == name]
        assert len(found) == 1, f"expected one {short_type} {name or ''}, got {len(found)}"
        return found[0]

    def policy(self, short_type: str, name: str, key: str = "policy") -> dict[str, Any]:
        return dict(json.loads(self.one(short_type, name).inputs[key]))

    def documents(self) -> list[tuple[str, str]]:
        """Every IAM or resource policy document, by resource name."""
        keys = ("policy", "assumeRolePolicy")
        return [
            (f"{r.name}.{k}", r.inputs[k])
            for r in self.run.registrations
            for k in keys
            if isinstance(r.inputs.get(k), str)
        ]


def plan(program: Callable[[], None]) -> Plan:
    """Run `program` in a fresh mock stack."""
    return Plan(
        run_callable(program, project="p", stack="prod", mocks=PlausibleMocks(ACCOUNT, REGION))
    )
