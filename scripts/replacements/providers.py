"""The bridged providers the stacks use, where their Terraform sources are pinned, and how
to read those sources out of local git snapshots.

A Pulumi bridged provider pins its Terraform provider one of two ways:
- an `upstream` git submodule (pulumi-aws, pulumi-snowflake): the gitlink at the release
  tag is the upstream commit;
- a Go module requirement in `provider/go.mod` (pulumi-tls, pulumiverse-time): a tag
  (`v0.12.1`) or a pseudo-version whose last 12 hex digits are the commit.
Snapshots are bare git directories (`fetch` puts them at `<mirrors>/<owner>+<name>/repo`).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True)
class ProviderSpec:
    """One bridged provider.

    Attributes:
        name: the Pulumi package name (first segment of its type tokens).
        dist: the installed Python distribution (for its version).
        pulumi_repo: the bridge's GitHub repository.
        upstream_repo: the Terraform provider's GitHub repository.
        go_module: the upstream Go module, when pinned by go.mod; None for a submodule pin.
        reader: how resources are declared upstream: "sdkv2" (a provider.go registry of
            `schema.Resource` constructors) or "framework" (resources naming themselves in
            `Metadata`); None when no reader is written (see `reason`).
        source_dir: the upstream directory holding the resources.
        reason: why the provider is not read, when reader is None.
        source_repo: the repository the sources are read from, when not `upstream_repo`
            itself (the AWS provider: a per-symbol copy of it, see `awsindex`).
        pin_note: what is known of the pin from elsewhere, when the bridge's snapshot
            cannot say.
    """

    name: str
    dist: str
    pulumi_repo: str
    upstream_repo: str
    go_module: str | None
    reader: str | None
    source_dir: str
    reason: str = ""
    source_repo: str = ""
    pin_note: str = ""

    @property
    def read_from(self) -> str:
        """The repository whose snapshot holds the sources read."""
        return self.source_repo or self.upstream_repo


PROVIDERS: dict[str, ProviderSpec] = {
    p.name: p
    for p in (
        ProviderSpec(
            "aws",
            "pulumi_aws",
            "pulumi/pulumi-aws",
            "hashicorp/terraform-provider-aws",
            None,
            "awsindex",
            "internal/service/",
            source_repo="lonegunmanb/terraform-provider-aws-index",
            pin_note=(
                "pulumi/pulumi-aws (above the 500 MiB snapshot limit) cannot be read here, "
                "so the upstream commit its `upstream` submodule pins at v7.51.1 is unknown; "
                "its release notes show v7.37.0 (July 2026) upgrading to "
                "terraform-provider-aws v6.54.0 "
                "(https://github.com/pulumi/pulumi-aws/releases/tag/v7.37.0), so 7.51.1 pins "
                "v6.54.0 or later. The newest upstream release readable here is read."
            ),
        ),
        ProviderSpec(
            "snowflake",
            "pulumi_snowflake",
            "pulumi/pulumi-snowflake",
            # The repository moved from Snowflake-Labs (its v1 releases) to snowflakedb.
            "snowflakedb/terraform-provider-snowflake",
            None,
            "sdkv2",
            "pkg/resources/",
            pin_note=(
                "the pulumi/pulumi-snowflake snapshot ends at v2.17.0, whose `upstream` "
                "gitlink is 4810ee813f903223f6df5642f1de2e3c3da6b8a0 = upstream v2.17.0; "
                "2.22.0's pin is at or after it. The newest upstream release in the "
                "snapshot is read."
            ),
        ),
        ProviderSpec(
            "tls",
            "pulumi_tls",
            "pulumi/pulumi-tls",
            "hashicorp/terraform-provider-tls",
            "github.com/hashicorp/terraform-provider-tls",
            "framework",
            "internal/provider/",
            pin_note=(
                "the pulumi/pulumi-tls snapshot ends at v5.5.1, whose provider/go.mod requires "
                "terraform-provider-tls v1.2.1-0.20260513075833-609226f53114 (commit "
                "609226f53114, 2026-05-13), later than the upstream snapshot's newest commit; "
                "5.6.2's pin is at or after it. The snapshot's newest commit is read."
            ),
        ),
        ProviderSpec(
            "time",
            "pulumiverse_time",
            "pulumiverse/pulumi-time",
            "hashicorp/terraform-provider-time",
            "github.com/hashicorp/terraform-provider-time",
            "framework",
            "internal/provider/",
        ),
    )
}


def snapshot(mirrors: Path, repo: str) -> Path | None:
    """The local git directory of `repo` under `mirrors`, or None when absent."""
    path = mirrors / repo.replace("/", "+") / "repo"
    return path if path.is_dir() else None


def git(gitdir: Path, *args: str) -> str | None:
    """The output of a git command in `gitdir`, or None when it fails."""
    done = subprocess.run(
        ["git", "-C", str(gitdir), *args], capture_output=True, text=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def has_commit(gitdir: Path, rev: str) -> str | None:
    """The full commit id `rev` names in `gitdir`, or None."""
    out = git(gitdir, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    return out.strip() if out else None


def installed_version(spec: ProviderSpec) -> str | None:
    """The installed SDK's version, or None when it is not installed."""
    try:
        return metadata.version(spec.dist)
    except metadata.PackageNotFoundError:
        return None


@dataclass(frozen=True)
class Pin:
    """Where the installed provider's Terraform source is, as far as it can be told here.

    Attributes:
        tag: the bridge's release tag of the installed version.
        commit: the upstream commit (or tag) pinned at that release, or None.
        status: "resolved", or why it is not.
    """

    tag: str
    commit: str | None
    status: str


def resolve_pin(spec: ProviderSpec, version: str, mirrors: Path) -> Pin:
    """The upstream commit pinned by release `version` of `spec`'s bridge."""
    tag = f"v{version}"
    bridge = snapshot(mirrors, spec.pulumi_repo)
    if bridge is None:
        return Pin(tag, None, f"no snapshot of {spec.pulumi_repo} under {mirrors}")
    if has_commit(bridge, tag) is None:
        newest = (git(bridge, "tag", "--sort=-creatordate") or "").split()
        last = next((t for t in newest if t.startswith("v")), "none")
        return Pin(tag, None, f"{spec.pulumi_repo} snapshot has no tag {tag} (newest: {last})")
    if spec.go_module is None:
        line = git(bridge, "ls-tree", tag, "upstream") or ""
        found = re.match(r"160000 commit ([0-9a-f]{40})\tupstream", line)
        commit = found.group(1) if found else None
    else:
        gomod = git(bridge, "show", f"{tag}:provider/go.mod") or ""
        commit = _gomod_rev(gomod, spec.go_module)
    if commit is None:
        return Pin(tag, None, f"{spec.pulumi_repo}@{tag} names no upstream commit")
    upstream = snapshot(mirrors, spec.upstream_repo)
    if upstream is None:
        return Pin(tag, commit, f"no snapshot of {spec.upstream_repo} under {mirrors}")
    if has_commit(upstream, commit) is None:
        return Pin(tag, commit, f"{spec.upstream_repo} snapshot lacks {commit}")
    return Pin(tag, commit, "resolved")


def _gomod_rev(gomod: str, module: str) -> str | None:
    """The tag or commit a go.mod requires of `module` (`vX.Y.Z`, or the hash of a
    pseudo-version `vX.Y.Z-0.<timestamp>-<12 hex>`)."""
    found = re.search(rf"^\s*{re.escape(module)} (v\S+)", gomod, re.MULTILINE)
    if found is None:
        return None
    version = found.group(1)
    pseudo = re.search(r"-([0-9a-f]{12})$", version)
    return pseudo.group(1) if pseudo else version


def read_tree(gitdir: Path, rev: str, directory: str) -> dict[str, str]:
    """The non-test Go files directly in `directory` at `rev`, path -> text."""
    names = (git(gitdir, "ls-tree", "--name-only", rev, directory) or "").split()
    return {
        name: git(gitdir, "show", f"{rev}:{name}") or ""
        for name in names
        if name.endswith(".go") and not name.endswith("_test.go")
    }
