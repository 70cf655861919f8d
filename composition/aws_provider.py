"""Every stack's one AWS provider: its region, and only its account."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from stacks.resolve import ResolvedPlatform


def stack_aws_provider(
    name: str, platform: ResolvedPlatform, opts: pulumi.ResourceOptions
) -> aws.Provider:
    """`<name>-aws`, pinned to the configured region and account (`allowed_account_ids`), so
    a stack can never deploy into the wrong account because of ambient credentials. The
    platform's, a domain stack's and the edges stack's are the same provider (a domain
    stack's is the platform's copied by `pulumi state move`, so its inputs must match)."""
    return aws.Provider(
        f"{name}-aws",
        region=platform.region,
        allowed_account_ids=[platform.account_id],
        opts=opts,
    )
