"""Finding a Pulumi project on disk and preparing its stack config for the mock runtime."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.errors import UserError
from scripts.files import stack_name_refusal
from scripts.plan.program_modules import project_imports
from stacks.domain_file import DOMAINS_DIR
from stacks.input_files import CONFIG, InputRefused, read_yaml
from stacks.stack_file import PROJECT, ConfigError, read_stack_config

# The modules that read a stack file and its domain files, imported from the project.
STACK_FILE = "stacks.stack_file"
DOMAIN_FILE = "stacks.domain_file"


@dataclass(frozen=True)
class Project:
    """What `Pulumi.yaml` says about a program: its name, entry point and config dir."""

    directory: Path
    name: str
    main: Path
    stack_config_dir: Path

    def stack_file(self, stack: str) -> Path:
        """The config file of `stack`; raises UserError for a name that is no stack name."""
        if refusal := stack_name_refusal(stack):
            raise UserError(refusal)
        return self.stack_config_dir / f"Pulumi.{stack}.yaml"

    def stacks(self) -> list[str]:
        """The stacks that have a config file."""
        pattern = re.compile(r"^Pulumi\.(.+)\.ya?ml$")
        return sorted(
            m.group(1)
            for p in self.stack_config_dir.glob("Pulumi.*.y*ml")
            if (m := pattern.match(p.name))
        )


@dataclass(frozen=True)
class StackConfig:
    """A stack's config as the language host hands it to a program."""

    stack: str
    values: dict[str, str]
    secret_keys: list[str]
    account_id: str
    region: str
    deployers: tuple[str, ...] = ()
    domain_stacks: bool = False
    domain_names: tuple[str, ...] = ()


def load_project(directory: Path) -> Project:
    """Read `directory/Pulumi.yaml`; only Python programs can run offline."""
    path = directory / "Pulumi.yaml"
    if not path.exists() and not path.is_symlink():
        raise UserError(f"{path}: not found; --program must name a Pulumi project directory")
    try:
        data, _ = read_yaml(path, CONFIG)
    except InputRefused as exc:
        raise UserError(str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise UserError(f"{path}: `name` is required")
    runtime = data.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise UserError(
            f"{path}: runtime is {runtime_name!r}; the offline plan runs only runtime: python"
        )
    main = directory / str(data.get("main") or ".")
    main = main / "__main__.py" if main.is_dir() else main
    if not main.is_file():
        raise UserError(f"{path}: the program's entry point {main} does not exist")
    return Project(
        directory=directory,
        name=data["name"],
        main=main,
        stack_config_dir=directory / str(data.get("stackConfigDir") or "."),
    )


def load_stack_config(
    project: Project, config_file: Path, stack: str, account_id: str | None, region: str | None
) -> StackConfig:
    """Read a stack file; for this repository's own project, validate it fully first.

    Account and region (for plausible ARNs) come from the flags, else from the
    platform config or `aws:allowedAccountIds` / `aws:region`, else placeholders.
    """
    deployers: tuple[str, ...] = ()
    domain_stacks, domain_names = False, tuple[str, ...]()
    if project.name == PROJECT:
        # With the project's own models: a copy whose config models differ reads its files
        # as its program will (program_modules.py).
        with project_imports(project.directory) as imported:
            stack_files, domain_files = imported(STACK_FILE), imported(DOMAIN_FILE)
            try:
                stack_file = stack_files.load_stack_file(config_file)
                # The domain files too, so their errors carry their own file as the only
                # header.
                domains = domain_files.checked_domains(
                    project.directory / "stacks" / DOMAINS_DIR, stack_file.platform
                )
            except (stack_files.ConfigError, domain_files.DomainErrors) as exc:
                raise UserError(str(exc)) from None
            config = stack_file.config
            account_id = account_id or stack_file.platform.account_id
            region = region or stack_file.platform.region
            deployers = tuple(stack_file.platform.deployers)
            domain_stacks = bool(getattr(stack_file.platform, "domain_stacks", False))
            domain_names = tuple(d.name for d in domains)
    else:
        try:
            config, _ = read_stack_config(config_file)
        except ConfigError as exc:
            raise UserError(str(exc)) from None
    allowed = config.get("aws:allowedAccountIds")
    if not account_id and isinstance(allowed, list) and allowed:
        account_id = str(allowed[0])
    values, secret_keys = runtime_config(config)
    return StackConfig(
        stack=stack,
        values=values,
        secret_keys=secret_keys,
        account_id=account_id or "123456789012",
        region=region or str(config.get("aws:region") or "us-east-1"),
        deployers=deployers,
        domain_stacks=domain_stacks,
        domain_names=domain_names,
    )


def runtime_config(config: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """Config values as the language host passes them: strings, objects as JSON.

    `secure:` values cannot be decrypted offline; each becomes a placeholder string
    naming its key, and the key is marked secret so the program sees a secret.
    """
    values: dict[str, str] = {}
    secret_keys: list[str] = []
    for key, value in config.items():
        placeholder = f"[secret:{key}]"
        cleaned, had_secret = _replace_secure(value, placeholder)
        if had_secret:
            secret_keys.append(key)
        if isinstance(cleaned, str):
            values[key] = cleaned
        elif isinstance(cleaned, bool):
            values[key] = "true" if cleaned else "false"
        else:
            values[key] = json.dumps(cleaned)
    return values, sorted(secret_keys)


def _replace_secure(value: Any, placeholder: str) -> tuple[Any, bool]:
    if isinstance(value, dict):
        if set(value) == {"secure"}:
            return placeholder, True
        found = False
        out = {}
        for k, v in value.items():
            out[k], inner = _replace_secure(v, placeholder)
            found = found or inner
        return out, found
    if isinstance(value, list):
        pairs = [_replace_secure(v, placeholder) for v in value]
        return [p[0] for p in pairs], any(p[1] for p in pairs)
    return value, False
