"""Facts that span the stack files of one repository: one Data Catalog encryption owner.

Some AWS settings exist once per account and region (the Glue Data Catalog's encryption).
Two stacks deployed into the same account and region would overwrite each other's, so
among the stack files beside each other at most one may own them. The files are read as
plain YAML here (each is validated fully when it is planned itself); one the reader
refuses raises InputRefused, reported as a problem of that file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stacks.input_files import CONFIG, project_of, read_yaml
from stacks.model import Problem
from stacks.resolve import ResolvedPlatform

PLATFORM_KEYS = ("data-platform:platform", "platform")


def catalog_owner_problems(path: Path, platform: ResolvedPlatform) -> list[Problem]:
    """A problem if another stack file in `path`'s folder owns the same catalog's encryption."""
    orchestration = platform.orchestration
    if orchestration is None or not orchestration.own_catalog_encryption:
        return []
    others = [
        other.name
        for other in sorted(path.parent.glob("Pulumi.*.yaml"))
        if other.resolve() != path.resolve()
        and _owns_catalog(_platform_object(other), platform.account_id, platform.region)
    ]
    if not others:
        return []
    return [
        Problem(
            ("orchestration", "glue", "catalog_encryption"),
            f"{', '.join(others)} also owns the Data Catalog encryption of account "
            f"{platform.account_id} in {platform.region}; set `verify` in all stacks but one",
        )
    ]


def _platform_object(path: Path) -> dict[str, Any]:
    document, _ = read_yaml(path, CONFIG, inside=project_of(path))
    config = document.get("config") if isinstance(document, dict) else None
    if not isinstance(config, dict):
        return {}
    found: Any = next((config[k] for k in PLATFORM_KEYS if isinstance(config.get(k), dict)), {})
    return found if isinstance(found, dict) else {}


def _owns_catalog(platform: dict[str, Any], account_id: str, region: str) -> bool:
    orchestration = platform.get("orchestration")
    if str(platform.get("account_id")) != account_id or platform.get("region") != region:
        return False
    if not isinstance(orchestration, dict):
        return False
    glue = orchestration.get("glue")
    mode = glue.get("catalog_encryption", "own") if isinstance(glue, dict) else "own"
    return bool(mode == "own")
