"""What a domain or edges stack's run saw, as one digest: equal digests mean nothing it
reads changed.

A domain stack reads its domain file (and the files beside it), its config (copied from the
platform stack's config: `domain_config`), the program's code, and the platform stack's
outputs through `StackReference`. The edges stack reads its config (the platform's:
`edges_config`), the code, the platform's outputs and every domain stack's outputs (their
pipes' queues and prefixes). The digest covers what the stack reads; the runner skips `up`
and `preview` of a stack whose digest equals the one its last successful `up` stored.

Where it is stored: a stack tag (`TAG`) set after a successful `up`. A tag lives in the
backend beside the stack's state, so every CI runner and laptop sees the same one (a local
file would not survive an ephemeral runner); it is written only after the update succeeded,
so a crash between the two re-runs the stack next time, which is safe. DIY backends keep
stack tags since pulumi v3.211.0 (pulumi/pulumi#19882, "Add stack tags support for DIY
backends"); the Pulumi Cloud limits a tag name to 40 characters and a value to 256
(pulumi/pulumi#24428), and the digest is 64 hex characters. Secret config values and
outputs enter the digest only through SHA-256, never as text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from policies.rules.facts.stack_layout import DOMAIN_KEY as DOMAIN_CONFIG_KEY
from policies.rules.facts.stack_layout import DOMAIN_PROJECT

TAG = "dataplat:inputs-sha256"
# The config key naming the domain a domain stack builds (the rest is the platform's).
DOMAIN_KEY = f"{DOMAIN_PROJECT}:{DOMAIN_CONFIG_KEY}"
# The program's code: what either project's program imports (and the dependency pins).
CODE_DIRS = ("components", "composition", "stacks", "vocabulary", "domains", "edges")
CODE_FILES = ("__main__.py", "pyproject.toml")


def code_digest(root: Path) -> str:
    """SHA-256 over the program's source files (path and bytes, in path order): `.py`
    files of `CODE_DIRS` and `CODE_FILES`. Domain and stack YAML files are not code:
    each domain stack's own files are its inputs, the stack files reach it as config."""
    files = [root / name for name in CODE_FILES if (root / name).is_file()]
    for directory in CODE_DIRS:
        if (root / directory).is_dir():
            files += (root / directory).rglob("*.py")
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def domain_config(platform_config: Mapping[str, Any], domain: str) -> dict[str, Any]:
    """A domain stack's config: the platform stack's (region, account, Snowflake provider
    settings and key, the `data-platform:platform` object), plus the domain's name.

    Generated on every run from the platform stack, never written by hand; the orchestrator
    writes it with `set_all_config`, so secrets are re-encrypted with the domain stack's own
    secrets provider. Values are passed through as they came (`ConfigValue`s).
    """
    from pulumi.automation import ConfigValue

    return {**platform_config, DOMAIN_KEY: ConfigValue(value=domain)}


def edges_config(platform_config: Mapping[str, Any]) -> dict[str, Any]:
    """The edges stack's config: the platform stack's, as it is (the edges program needs
    the region, the account and the `data-platform:platform` object to name the buckets and
    the domain stacks it reads); generated on every run, like `domain_config`."""
    return dict(platform_config)


def edges_outputs(
    platform_outputs: Mapping[str, Any], domain_outputs: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """What the edges stack reads, flat: `platform.<output>` and `<domain>.<output>`."""
    flat = {f"platform.{k}": v for k, v in platform_outputs.items()}
    for domain, outputs in domain_outputs.items():
        flat.update({f"{domain}.{k}": v for k, v in outputs.items()})
    return flat


def inputs_digest(
    inputs: Iterable[Path],
    root: Path,
    config: Mapping[str, Any],
    code: str,
    read_outputs: Mapping[str, Any],
) -> str:
    """The digest of everything a stack's run reads (see the module docstring):
    `read_outputs` are the other stacks' outputs it reads."""
    document = {
        "files": {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(inputs)
        },
        "config": {k: _plain(v) for k, v in sorted(config.items())},
        "code": code,
        "platform_outputs": {k: _plain(v) for k, v in sorted(read_outputs.items())},
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(entry: Any) -> Any:
    """A `ConfigValue`/`OutputValue` as (value, secret); anything else as it is."""
    if hasattr(entry, "value") and hasattr(entry, "secret"):
        return [entry.value, bool(entry.secret)]
    return entry
