"""`dataplat new-domain NAME --owner EMAIL`: write a commented, valid domain spec.

The file lands in `stacks/domains/NAME.yaml` (or `--dir`). Before it is written it is
checked exactly as `dataplat plan` checks domain files (alone, then with the other
files of the directory against each target stack: zones, PII categories, caps), and
refused with the plan's message. Target stacks: `--stack` (a name or a stack file,
repeatable), else every `Pulumi.*.yaml` beside the domains directory, else those of
the project's `stacks/` (the project around the current directory, or `-C DIR`). The
file's first line points editors (yaml-language-server) at the committed JSON Schema of
domain files, so unknown keys and wrong types are flagged as they are typed. An existing
file is never touched: a second run with the same name refuses. Exit codes: 0 written,
2 bad input, a refused spec or the file exists (nothing written).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import textwrap
from pathlib import Path

import yaml

from policies.rules.facts.classifications import CLASSIFICATIONS
from policies.rules.facts.names import SLUG
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError
from scripts.files import stack_name_refusal
from scripts.project_root import optional_project_root, project_root
from stacks.domain_file import DOMAINS_DIR, DomainErrors, check_domain_texts, read_domain_texts
from stacks.domain_spec import DomainSpec
from stacks.stack_file import ConfigError, load_stack_file
from vocabulary.field_docs import described

STACKS = "stacks"
# The committed JSON Schema of domain files (`dataplat schema`, checked by `dataplat docs`).
DOMAIN_SCHEMA = Path("docs") / "reference" / "schemas" / "domain.schema.json"

TEMPLATE = """\
# Data domain `{name}`: {owner_comment}'s slice of the platform. Every key is documented in
# docs/reference/config.md ("Domain file") and docs/design/domains.md; `dataplat plan
# --stack dev` shows what this file creates.
name: {name}
{about_owner}
owner: {owner}
{about_description}
description: {description}
{about_data_classification}
# One of: public, internal, confidential, pii.
data_classification: {classification}
{about_zones}
zones: [{zones}]
{about_schemas}
# pii_category tags every column of a schema (email, phone, name, address, national_id,
# date_of_birth, ip_address, financial). Only a pii domain has them, and it gives one to
# every schema holding PII.
schemas:
  - {schema}
{about_warehouses}
warehouses:
  - {{name: {name}, size: XSMALL, credit_quota: 10}}
{about_service_users}
# Their Airflow connection is stored in Secrets Manager; their network policy admits
# Airflow's NAT addresses (added automatically) plus any `allowed_ips` of other callers.
# To add one, uncomment the two lines below (delete the leading #); so for each example.
#service_users:
#  - {{name: loader, warehouse: {name}}}
{about_ingest_sources}
#ingest_sources:
#  - {{name: crm, zone: raw, prefix: crm/, schema: main, file_format: PARQUET}}
{about_jobs}
# Built like the platform's Glue jobs; a Glue trigger starts each on its `schedule` (UTC).
# It reads `domains/{name}/` of its source zone and writes `domains/{name}/<job>/` of its
# target zone (both among `zones`); its failures reach the owner. The script is a file of
# the repository, reviewed with this file.
#jobs:
#  - name: daily_load
#    script: pipeline_code/glue/{name}_daily_load.py
#    schedule: "cron(0 5 * * ? *)"
#    source_zone: raw
#    target_zone: curated
{about_consumers}
#consumers:
#  - {{role: analyst, schemas: [main]}}
{about_unmask}
#unmask:
#  engineer: [email]
#  analyst: []
{about_environments}
#environments:
#  prod:
#    warehouses:
#      - {{name: {name}, size: SMALL, credit_quota: 60}}
"""
# The keys whose meaning (their description in stacks/domain_spec.py) heads their lines.
EXPLAINED = (
    "owner",
    "description",
    "data_classification",
    "zones",
    "schemas",
    "warehouses",
    "service_users",
    "ingest_sources",
    "jobs",
    "consumers",
    "unmask",
    "environments",
)


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
        choices=CLASSIFICATIONS,
        help="data classification of the domain's resources (default: confidential)",
    )
    parser.add_argument(
        "--pii-category",
        default=None,
        help="PII category of the schema `main` (required with --classification pii)",
    )
    parser.add_argument(
        "--zones", default="raw,curated", help="comma-separated lake zones (default: raw,curated)"
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where domain files live (default: stacks/domains of the project, see -C)",
    )
    parser.add_argument(
        "--stack",
        action="append",
        default=None,
        help="a stack (name or Pulumi.<stack>.yaml file) to check the spec against, "
        "repeatable (default: every Pulumi.*.yaml beside --dir, else this project's stacks)",
    )


def run(args: argparse.Namespace) -> int:
    """Write the spec, or say why not."""
    try:
        directory = args.dir or project_root() / STACKS / DOMAINS_DIR
        path = write_domain(
            directory,
            args.name,
            owner=args.owner,
            description=args.description,
            classification=args.classification,
            zones=[z.strip() for z in args.zones.split(",") if z.strip()],
            pii_category=args.pii_category,
            stacks=stack_files(directory, args.stack),
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
    stacks: list[Path],
    pii_category: str | None = None,
) -> Path:
    """Render, check against `stacks` and create `directory/name.yaml`; never overwrites."""
    if not re.fullmatch(SLUG, name):
        raise UserError(f"name [{name}]: use 1-31 lowercase letters, digits or _, first a letter")
    if directory.exists() and not directory.is_dir():
        raise UserError(f"{directory}: --dir is a file; give the directory domain files live in")
    path = directory / f"{name}.yaml"
    if path.exists():
        raise UserError(f"{path}: already exists; edit it instead (nothing was changed)")
    pii = f", pii_category: {yaml_scalar(pii_category, flow=True)}" if pii_category else ""
    text = schema_modeline(directory) + TEMPLATE.format(
        **field_comments(),
        name=name,
        owner=yaml_scalar(owner),
        owner_comment=" ".join(owner.split()),
        description=yaml_scalar(description or f"Data of the {name} domain (describe it here)."),
        classification=classification,
        zones=", ".join(yaml_scalar(z, flow=True) for z in zones),
        schema=f"{{name: main{pii}}}",
    )
    check_against_stacks(path, text, stacks)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        # "x": create only; a file that appeared meanwhile is never replaced.
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UserError(f"{path}: already exists; edit it instead (nothing was changed)") from None
    return path


def field_comments() -> dict[str, str]:
    """`about_<key>`: the key's description as YAML comment lines, for every EXPLAINED key."""
    fields = described(DomainSpec).model_fields
    return {
        f"about_{key}": "\n".join(
            f"# {line}" for line in textwrap.wrap(fields[key].description or "", 90)
        )
        for key in EXPLAINED
    }


def schema_modeline(directory: Path) -> str:
    """The yaml-language-server line pointing editors at the domain schema (relative to
    `directory`), or nothing for a directory outside the project."""
    root = optional_project_root()
    if root is None or not directory.resolve().is_relative_to(root):
        return ""
    relative = os.path.relpath(root / DOMAIN_SCHEMA, directory.resolve())
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}\n"


def yaml_scalar(value: str, flow: bool = False) -> str:
    """`value` as a YAML scalar that reads back as exactly `value`: plain when it does, else
    double-quoted (JSON's escapes are YAML's), so a `#`, a `: `, a leading `*` or a newline
    in a description neither cuts it nor breaks the file. `flow`: inside `[...]`/`{...}`."""
    probe = f"[{value}]" if flow else f"k: {value}"
    try:
        plain = yaml.safe_load(probe) == ([value] if flow else {"k": value})
    except yaml.YAMLError:
        plain = False
    return (
        value
        if plain and value == value.strip() and value
        else json.dumps(value, ensure_ascii=False)
    )


def stack_files(directory: Path, stacks: list[str] | None) -> list[Path]:
    """The stack files a new spec is checked against (see the module docstring)."""
    if stacks:
        for stack in stacks:
            if not stack.endswith((".yaml", ".yml")) and (refusal := stack_name_refusal(stack)):
                raise UserError(refusal)
        return [
            Path(s) if s.endswith((".yaml", ".yml")) else _stacks_dir() / f"Pulumi.{s}.yaml"
            for s in stacks
        ]
    beside = sorted(directory.parent.glob("Pulumi.*.yaml"))
    return beside or sorted(_stacks_dir().glob("Pulumi.*.yaml"))


def _stacks_dir() -> Path:
    return project_root() / STACKS


def check_against_stacks(path: Path, text: str, stacks: list[Path]) -> None:
    """Raise UserError with the plan's message if any stack refuses the spec at `path`.

    The spec is checked with the directory's other domain files, as the plan reads them;
    only the new file's problems are reported (the others are not this command's).
    """
    others = read_domain_texts(path.parent)[0] if path.parent.is_dir() else {}
    messages: list[str] = []
    for stack in stacks:
        try:
            platform = load_stack_file(stack).platform
            check_domain_texts({**others, path: text}, platform)
        except ConfigError as exc:
            raise UserError(str(exc)) from None
        except DomainErrors as exc:
            mine = [str(e) for e in exc.errors if e.source == str(path)]
            messages += [m for m in mine if m not in messages]
    if messages:
        raise UserError("\n".join(messages) + "\n(nothing was written)")
