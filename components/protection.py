"""How hard a stateful resource is to delete, decided once per stack."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi


@dataclass(frozen=True)
class Protection:
    """Deletion safeguards for stateful resources (buckets, keys).

    Attributes:
        protect: Pulumi refuses to delete the resource. Defaults to False.
        retain_on_delete: A delete removes it from the stack but not from AWS.
            Defaults to False.
        force_destroy: A bucket may be deleted with its objects. Defaults to False.
    """

    protect: bool = False
    retain_on_delete: bool = False
    force_destroy: bool = False

    def __post_init__(self) -> None:
        if self.force_destroy and (self.protect or self.retain_on_delete):
            raise ValueError(
                "Protection: force_destroy contradicts protect/retain_on_delete; choose one"
            )

    def options(self, parent: pulumi.Resource) -> pulumi.ResourceOptions:
        """Resource options for a stateful child of `parent`."""
        return pulumi.ResourceOptions(
            parent=parent, protect=self.protect, retain_on_delete=self.retain_on_delete
        )
