"""What every resolver needs of the stack: its names, mandatory tags and protection."""

from __future__ import annotations

from dataclasses import dataclass

from components.naming import Naming
from components.protection import Protection
from components.tags import MandatoryTags
from stacks.resolve import ResolvedPlatform


@dataclass(frozen=True)
class StackContext:
    """Built once per stack and handed to every resolver, so no resolver rebuilds them.

    Attributes:
        platform: The resolved platform config.
        naming: The stack's naming scheme.
        tags: The mandatory tags, owner set to the platform's owner.
        protection: Deletion safeguards of stateful resources.
    """

    platform: ResolvedPlatform
    naming: Naming
    tags: MandatoryTags
    protection: Protection

    @property
    def account_id(self) -> str:
        """The stack's AWS account."""
        return self.platform.account_id

    @property
    def environment(self) -> str:
        """dev, staging or prod."""
        return self.platform.environment

    def tags_for(self, owner: str) -> MandatoryTags:
        """The mandatory tags with another owner (a data domain's)."""
        return MandatoryTags(
            environment=self.platform.environment,
            owner=owner,
            cost_center=self.platform.cost_center,
        )


def stack_context(platform: ResolvedPlatform) -> StackContext:
    """The context of one stack, from its resolved config."""
    protection = platform.protection
    return StackContext(
        platform=platform,
        naming=Naming(
            prefix=platform.name_prefix,
            environment=platform.environment,
            account_id=platform.account_id,
            region=platform.region,
        ),
        tags=MandatoryTags(
            environment=platform.environment,
            owner=platform.owner,
            cost_center=platform.cost_center,
        ),
        protection=Protection(
            protect=protection.protect,
            retain_on_delete=protection.retain_on_delete,
            force_destroy=protection.force_destroy,
        ),
    )
