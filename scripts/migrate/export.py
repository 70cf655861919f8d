"""Read a `pulumi stack export` (deployment version 3) into its resource list.

The shape (pulumi/pulumi `sdk/go/common/apitype/core.go`, `UntypedDeployment` /
`DeploymentV3` / `ResourceV3`): `{"version": 3, "deployment": {"manifest": ...,
"resources": [{"urn", "type", "custom", "id", "parent", "provider", "dependencies",
"propertyDependencies", "deletedWith", "inputs", "outputs", ...}]}}`, resources in
dependency order (parents before children).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scripts.errors import UserError
from scripts.files import read_json
from scripts.migrate.urns import parts

Resource = dict[str, Any]


def read_export(path: Path) -> list[Resource]:
    """The export's resources. Raises UserError naming the file and the field at fault."""
    data = read_json(path, "stack export")
    deployment = data.get("deployment") if isinstance(data, dict) else None
    resources = deployment.get("resources") if isinstance(deployment, dict) else None
    if not isinstance(resources, list):
        raise UserError(f"{path}: deployment.resources: not a list (is it `pulumi stack export`?)")
    for index, resource in enumerate(resources):
        where = f"{path}: deployment.resources[{index}]"
        if not isinstance(resource, dict) or not isinstance(resource.get("type"), str):
            raise UserError(f"{where}: a resource needs `urn` and `type`")
        try:
            parts(resource.get("urn", ""))
        except ValueError as exc:
            raise UserError(f"{where}.urn: {exc}") from None
    return resources
