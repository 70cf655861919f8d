"""The domain boundaries written into the policy config come from the domain files, under the
Snowflake names the composition gives the domains' databases and roles."""

from __future__ import annotations

from pathlib import Path

from scripts.access.declaration import boundaries
from stacks.domain_file import load_domains
from stacks.stack_file import load_stack_file

ROOT = Path(__file__).resolve().parents[3]
# Without its ingest source, which needs a data contract beside the file.
MARKETING = "\n".join(
    line
    for line in (ROOT / "stacks" / "domains" / "marketing.yaml").read_text().splitlines()
    if "ingest_sources:" not in line and "{name: hubspot," not in line
)
SALES_CONSUMERS = (
    "  - {role: analyst, schemas: [campaigns]}\n  - {role: marketing.analyst, schemas: [campaigns]}"
)


def test_each_domain_declares_its_database_roles_and_consumers_per_schema(tmp_path: Path):
    (tmp_path / "marketing.yaml").write_text(MARKETING)
    sales = MARKETING.replace("\nname: marketing", "\nname: sales").replace(
        "  - {role: analyst, schemas: [campaigns]}", SALES_CONSUMERS
    )
    (tmp_path / "sales.yaml").write_text(sales)
    platform = load_stack_file(ROOT / "stacks" / "Pulumi.dev.yaml").platform
    declared = boundaries(platform, load_domains(tmp_path, platform))
    assert [d["name"] for d in declared] == ["marketing", "sales"]
    assert declared[1] == {
        "name": "sales",
        "database": "ACME_DP_DEV_DOMAIN_SALES",
        "roles": ["ACME_DP_DEV_SALES_ANALYST", "ACME_DP_DEV_SALES_ENGINEER"],
        "consumers": {"CAMPAIGNS": ["ACME_DP_DEV_ANALYST", "ACME_DP_DEV_MARKETING_ANALYST"]},
    }
