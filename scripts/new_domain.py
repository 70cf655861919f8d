"""`dataplat new-domain NAME --owner EMAIL`: write a commented, valid domain spec.

The file lands in `stacks/domains/NAME.yaml` (or `--dir`). It is validated before it
is written, and an existing file is never touched: a second run with the same name
refuses. Exit codes: 0 written, 2 bad input or the file exists.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from stacks.domain_file import DOMAINS_DIR
from stacks.domain_spec import DomainSpec
from stacks.stack_file import ConfigError, validate_model

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "stacks" / DOMAINS_DIR

TEMPLATE = """\
# Data domain `{name}`: {owner}'s slice of the platform. Every key is documented in
# docs/reference/config.md ("Domain file") and docs/design/domains.md; `dataplat plan
# --stack dev` shows what this file creates.
name: {name}
owner: {owner}
description: {description}
# public | internal | confidential | pii: the data-classification tag of its resources.
data_classification: {classification}
# Lake zones where the domain gets the prefix domains/{name}/ and a Glue database.
zones: [{zones}]
# Snowflake schemas of the domain's database; pii_category tags every column of a schema
# (email, phone, name, address, national_id, date_of_birth, ip_address, financial).
schemas:
  - {{name: main}}
# Warehouses, each with a resource monitor suspending it at its monthly credit quota.
warehouses:
  - {{name: {name}, size: XSMALL, credit_quota: 10}}
# Pipelines: key-pair-only service users acting as the domain's engineer role, from these
# networks only; their Airflow connection is stored in Secrets Manager.
pipelines: []
#  - {{name: loader, warehouse: {name}, allowed_ips: [203.0.113.10/32]}}
# Sources auto-ingested by Snowpipe from domains/{name}/<prefix> of a zone.
ingest_sources: []
#  - {{name: crm, zone: raw, prefix: crm/, schema: main, file_format: PARQUET}}
# Other roles that may read some schemas: a platform role (analyst) or <domain>.analyst.
consumers: []
#  - {{role: analyst, schemas: [main]}}
# Per-environment overrides (warehouses only).
environments: {{}}
#  prod:
#    warehouses:
#      - {{name: {name}, size: SMALL, credit_quota: 60}}
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat new-domain`."""
    parser.add_argument("name", help="the domain's name: lowercase letters, digits, _")
    parser.add_argument("--owner", required=True, help="the owning team's contact (a tag value)")
    parser.add_argument(
        "--description", default=None, help="what the domain holds (default: a placeholder)"
    )
    parser.add_argument(
        "--classification",
        default="confidential",
        choices=("public", "internal", "confidential", "pii"),
        help="data classification of the domain's resources (default: confidential)",
    )
    parser.add_argument(
        "--zones", default="raw,curated", help="comma-separated lake zones (default: raw,curated)"
    )
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="where domain files live")


def run(args: argparse.Namespace) -> int:
    """Write the spec, or say why not."""
    try:
        path = write_domain(
            args.dir,
            args.name,
            owner=args.owner,
            description=args.description,
            classification=args.classification,
            zones=[z.strip() for z in args.zones.split(",") if z.strip()],
        )
    except UserError as exc:
        print(f"dataplat new-domain: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"wrote {path}; review it, then `dataplat plan --stack dev` shows its resources")
    return EXIT_OK


def write_domain(
    directory: Path,
    name: str,
    *,
    owner: str,
    description: str | None,
    classification: str,
    zones: list[str],
) -> Path:
    """Render, validate and create `directory/name.yaml`; never overwrites."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,30}", name):
        raise UserError(f"name [{name}]: use 1-31 lowercase letters, digits or _, first a letter")
    path = directory / f"{name}.yaml"
    if path.exists():
        raise UserError(f"{path}: already exists; edit it instead (nothing was changed)")
    text = TEMPLATE.format(
        name=name,
        owner=owner,
        description=description or f"Data of the {name} domain (describe it here).",
        classification=classification,
        zones=", ".join(zones),
    )
    try:
        validate_model(DomainSpec, yaml.safe_load(text), str(path), yaml.compose(text), root="")
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    directory.mkdir(parents=True, exist_ok=True)
    try:
        # "x": create only; a file that appeared meanwhile is never replaced.
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UserError(f"{path}: already exists; edit it instead (nothing was changed)") from None
    return path
