"""The stack context: names, tags and protection built once from the resolved config."""

from __future__ import annotations

from components.protection import Protection
from composition.context import stack_context
from stacks.stack_file import parse_platform
from tests.stacks.platform_base import PLATFORM_BASE

BASE = {
    **PLATFORM_BASE,
}


def test_prod_context_protects_and_names_by_environment():
    ctx = stack_context(parse_platform({**BASE, "environment": "prod"}, "Pulumi.prod.yaml"))
    assert ctx.protection == Protection(protect=True, retain_on_delete=True, force_destroy=False)
    assert ctx.naming.stem == "acme-dp-prod"
    assert ctx.naming.secret("airflow", "connections") == "acme-dp-prod/airflow/connections"
    assert ctx.tags.for_data("internal")["owner"] == "team@acme.example"
    assert ctx.tags_for("sales@acme.example").for_data("pii")["owner"] == "sales@acme.example"


def test_dev_context_may_force_destroy():
    ctx = stack_context(parse_platform({**BASE, "environment": "dev"}, "Pulumi.dev.yaml"))
    assert ctx.protection == Protection(protect=False, retain_on_delete=False, force_destroy=True)
