"""`dataplat plan`: what a stack would create, without a cloud account or the Pulumi CLI.

`--stack` may be given several times (`--stack dev --stack staging --stack prod --out-dir
build`): the stacks are planned one after the other in this one process, which imports the
SDKs once, and each is written to `DIR/plan-<stack>.<ext>` with the same resources as its
single-stack plan. `--out` infers the format from its extension (.json, .md, .sarif, .txt)
unless `--format` is given; an output directory must exist (it is never created).

`--cost-base FILE` (one stack) or `--cost-base-dir DIR` (DIR/plan-<stack>.json, what
`--out-dir` writes) give the base branch's plans: the Markdown then states each stack's
monthly cost change against its base and the line items that changed. A stack without a
base file says "no base plan" (the base branch may predate it); an unreadable or invalid
base file is bad input.

`--workflows DIR` (default: the project's .github/workflows) is where the key-rotation
journey looks for a scheduled `pulumi up --refresh` of the stack (scripts/workflows.py).

Exit codes: 0 the plans were written and no mandatory policy is violated; 1 the plans
were written and mandatory policies are violated; 2 bad input (flags, project, stack
config or program, a missing output directory, or a program the Pulumi engine would
refuse, such as two resources under one URN: see engine_checks.py; an unreadable or
invalid cost base), with a message naming the file and what is wrong, and no output file
written for that stack.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pulumi

from policies.rules.core.index import StackIndex
from policies.rules.core.settings import PolicySettings, with_default_property
from policies.rules.facts.stack_layout import DIY_ORGANIZATION, qualified
from policies.rules.facts.tokens import PULUMI_STACK_REFERENCE
from policies.rules.journeys.key_rotates import RULE_ID as KEY_ROTATES_RULE
from policies.rules.journeys.scheduled_refresh import PROPERTY as SCHEDULED_REFRESH
from policies.rules.preflight.aws_data_paths_allowed import RULE as _DATA_PATHS
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, UserError
from scripts.files import output_format, output_refusal, stack_name_refusal, write_atomically
from scripts.plan.document import build_document, mandatory_violations
from scripts.plan.engine_checks import check_registrations
from scripts.plan.environment import (
    EnvironmentStack,
    environment_stacks,
    only_domains,
    outputs_of,
    plan_environment,
    referenced_plans,
)
from scripts.plan.exit_path import freeze_at_exit
from scripts.plan.locations import Locator
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.plan_file import CostBase, cost_base, cost_base_path
from scripts.plan.policy import evaluate_document, load_policy_config, views
from scripts.plan.preflight import preflight_section
from scripts.plan.progress import Progress, progress
from scripts.plan.project import (
    Project,
    StackConfig,
    load_project,
    load_stack_config,
)
from scripts.plan.render import EXTENSIONS, FORMATS, render, summary
from scripts.plan.runtime import collector_for_a_run, run_program
from scripts.project_root import project_root
from scripts.render.fold import MARKDOWN_LIMIT
from scripts.workflows import scheduled_refresh_property

if TYPE_CHECKING:
    from rich.console import Console

DATA_PATHS_RULE = _DATA_PATHS.id


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat plan`."""
    parser.add_argument(
        "--stack",
        action="append",
        help="stack name; its config is <stackConfigDir>/Pulumi.<stack>.yaml; repeat it to "
        "plan several stacks in one process (with --out-dir)",
    )
    parser.add_argument(
        "--program",
        type=Path,
        help="a Pulumi Python project directory (default: the project around the current "
        "directory, see -C)",
    )
    parser.add_argument("--config", type=Path, help="stack config file (default: from --stack)")
    parser.add_argument(
        "--env",
        help="plan every stack of this environment in deploy order (with --out-dir): its "
        "platform stack, and with `domain_stacks: true` each domain's stack and the edges "
        "stack, each reading the stacks before it through its stack references",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="DOMAIN",
        help="with --env: plan only this domain's stack (repeat it for several), reading the "
        "platform's outputs from --references: a domain change previewed in seconds",
    )
    parser.add_argument(
        "--references",
        type=Path,
        metavar="DIR",
        help="with --only: a directory of earlier `plan --env` JSON plans (plan-<stack>.json) "
        "whose outputs the planned stacks' references read and whose resources they are "
        "judged with",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        action="append",
        help="output format (default: from the --out extension .json, .md, .sarif or .txt, "
        "else text); repeat it with --out-dir to write several formats of one plan",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="write the plan to this file instead of standard output; its directory must exist",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        help="write each stack's plan to DIR/plan-<stack>.<ext> (ext from --format: json, md, "
        "sarif, txt); the directory must exist",
    )
    parser.add_argument(
        "--tree", action="store_true", help="text and markdown: the resource tree, not tables"
    )
    parser.add_argument(
        "--hops",
        action="store_true",
        help="text: every hop of every journey (default: one line a journey, and the hop "
        "that decided each one that does not work)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress display on standard error"
    )
    parser.add_argument(
        "--account-id", help="account id for mocked ARNs (default: from the config)"
    )
    parser.add_argument("--region", help="region for mocked ARNs (default: from the config)")
    parser.add_argument(
        "--policy-config",
        type=Path,
        help="policy pack config JSON (the file `pulumi preview --policy-pack-config` takes): "
        "enforcement levels, rule properties and suppressions (default: "
        "<stackConfigDir>/policy.<stack>.json when it exists)",
    )
    parser.add_argument(
        "--workflows",
        type=Path,
        metavar="DIR",
        help="the GitHub workflows the key-rotation journey reads for a scheduled "
        "`pulumi up --refresh` of the stack (default: the project's .github/workflows)",
    )
    parser.add_argument(
        "--cost-base",
        type=Path,
        metavar="FILE",
        help="markdown: the base branch's plan JSON of the stack; the cost line then shows "
        "the change against it and the line items that changed (one --stack)",
    )
    parser.add_argument(
        "--cost-base-dir",
        type=Path,
        metavar="DIR",
        help="markdown: as --cost-base, reading each stack's base plan from "
        "DIR/plan-<stack>.json; a stack without one says so (the base may predate it)",
    )
    parser.add_argument(
        "--markdown-limit",
        type=_limit,
        default=MARKDOWN_LIMIT,
        metavar="CHARS",
        help=f"markdown: at most this many characters per stack (default: {MARKDOWN_LIMIT:,}, "
        "under GitHub's comment limit; lower it to post several stacks in one comment)",
    )


def _limit(text: str) -> int:
    """An argparse type: a markdown limit of at least 2,000 characters (the fixed head)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 2000:
        raise argparse.ArgumentTypeError(f"{value} is below the minimum of 2000")
    return value


def run(args: argparse.Namespace, console: Console | None = None) -> int:
    """Plan each stack, write the outputs, and return the exit code.

    The process then exits without the collector re-reading the SDKs (exit_path.py).
    """
    freeze_at_exit()
    if args.env is not None:
        if refusal := _env_refusal(args):
            print(f"dataplat plan: {refusal}", file=sys.stderr)
            return EXIT_BAD_INPUT
        with progress(args.quiet, console) as shown:
            code, text = _plan_env(args, shown)
        sys.stdout.write(text)
        return code
    try:
        targets = _targets(args)
    except UserError as exc:
        print(f"dataplat plan: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    codes, printed = [], []
    with progress(args.quiet, console) as shown:
        for stack, outputs in targets:
            code, text = _plan_one(args, stack, outputs, shown)
            codes.append(code)
            printed.append(text)
    # Standard output is written once the progress display has stopped, never under it.
    sys.stdout.write("".join(printed))
    return max(codes)


Outputs = list[tuple[str, Path | None]]


def _plan_one(
    args: argparse.Namespace, stack: str | None, outputs: Outputs, shown: Progress
) -> tuple[int, str]:
    """The exit code of one stack and what it has for standard output."""
    label = stack or str(args.config)
    task = shown.task(f"plan {label}")
    try:
        target = resolve(args.program, stack, args.config, args.policy_config)
        if args.workflows is not None:
            target = dataclasses.replace(target, workflows=args.workflows)
        base_path = cost_base_path(args.cost_base, args.cost_base_dir, target.stack)
        base = cost_base(base_path, target.stack) if base_path is not None else None
        document = plan_target(
            target,
            args.account_id,
            args.region,
            on_register=lambda n: task.update(f"plan {label}: registering resources", n),
        )
    except UserError as exc:
        task.update(f"plan {label}: bad input")
        print(f"dataplat plan: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT, ""
    return _written(args, document, target, base, outputs, task, label)


def _written(
    args: argparse.Namespace,
    document: dict[str, Any],
    target: Target,
    base: CostBase | None,
    outputs: Outputs,
    task: Any,
    label: str,
) -> tuple[int, str]:
    """Write a planned stack's document in each format; its exit code and standard output."""
    stdout = []
    # Only SARIF points at config lines: the stack and domain YAML files are composed for it
    # alone, once per stack (about 10 ms a stack, measured, for each format written before).
    locator = target.locator() if any(fmt == "sarif" for fmt, _ in outputs) else None
    for fmt, out in outputs:
        task.update(f"plan {label}: writing {fmt}")
        text = render(
            document,
            fmt,
            tree=args.tree,
            hops=args.hops,
            locator=locator,
            cost_base=base,
            markdown_limit=args.markdown_limit,
        )
        if out is None:
            stdout.append(text)
        else:
            write_atomically(out, text)
    if any(out is not None for _, out in outputs):
        stdout.append(summary(document) + "\n")
    task.update(f"plan {label}: {len(document['resources'])} resources, done")
    return EXIT_VIOLATIONS if mandatory_violations(document) else EXIT_OK, "".join(stdout)


def _plan_env(args: argparse.Namespace, shown: Progress) -> tuple[int, str]:
    """Every stack of `--env` in deploy order (scripts/plan/environment.py), each written
    to `--out-dir` as `plan-<label>.<ext>`; stops at the first stack that cannot be planned
    (the later ones read its outputs). With `--only`, just those domain stacks, their
    references answered by the plans in `--references`, judged with them."""
    env, out_dir = args.env, args.out_dir
    formats: list[str] = list(dict.fromkeys(args.format or [])) or ["json"]
    codes, printed = [EXIT_OK], []
    try:
        platform = resolve(args.program, env, None, args.policy_config)
        workflows = args.workflows or platform.workflows_dir
        stacks = environment_stacks(
            platform.project, platform.config_file, env, args.account_id, args.region
        )
        known: list[dict[str, Any]] = []
        if args.only:
            stacks = only_domains(stacks, env, args.only)
            replanned = {s.qualified_name for s in stacks}
            # What a domain stack reads and is judged with: the platform and the edges.
            known = [
                d
                for d in referenced_plans(args.references, [env, f"{env}.edges"])
                if qualified(DIY_ORGANIZATION, d["project"], d["stack"]) not in replanned
            ]

        def plan_one(stack: EnvironmentStack, references: dict[str, Any]) -> dict[str, Any]:
            task = shown.task(f"plan {stack.label}")
            target = Target(
                stack.project, stack.stack, platform.config_file, platform.policy_config, workflows
            )
            return _in_stack(
                stack.label,
                lambda: plan_target(
                    target,
                    on_register=lambda n: task.update(f"plan {stack.label}: registering", n),
                    config=stack.config,
                    references=references,
                    modules_dir=stack.modules_dir,
                    evaluate=False,
                ),
            )

        planned = list(plan_environment(stacks, plan_one, outputs_of(known)))
        settings = _settings(dataclasses.replace(platform, workflows=workflows), stacks[0].config)
        documents = evaluate_environment([d for _, d in planned] + known, settings)
        for (stack, _), document in zip(planned, documents, strict=False):
            outputs: Outputs = [
                (f, out_dir / f"plan-{stack.label}{EXTENSIONS[f]}") for f in formats
            ]
            for _, out in outputs:
                if out is not None and (refusal := output_refusal(out)):
                    raise UserError(f"--out-dir: {refusal}")
            code, text = _written(
                args, document, platform, None, outputs, shown.task(f"plan {stack.label}"),
                stack.label,
            )  # fmt: skip
            codes.append(code)
            printed.append(text)
    except UserError as exc:
        print(f"dataplat plan: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT, "".join(printed)
    return max(codes), "".join(printed)


def _targets(args: argparse.Namespace) -> list[tuple[str | None, Outputs]]:
    """Per stack, each format and where it goes (None: standard output)."""
    stacks: list[str | None] = list(dict.fromkeys(args.stack or [])) or [None]
    formats: list[str] = list(dict.fromkeys(args.format or []))
    if args.out is not None and args.out_dir is not None:
        raise UserError("give --out FILE or --out-dir DIR, not both")
    if len(stacks) > 1 and args.out_dir is None:
        raise UserError("several --stack need --out-dir DIR (one file per stack)")
    if len(stacks) > 1 and args.config is not None:
        raise UserError("--config names one stack's file; give it with a single --stack")
    if len(formats) > 1 and args.out_dir is None:
        raise UserError("several --format need --out-dir DIR (one file per format)")
    if args.cost_base is not None and args.cost_base_dir is not None:
        raise UserError("give --cost-base FILE or --cost-base-dir DIR, not both")
    if len(stacks) > 1 and args.cost_base is not None:
        raise UserError(
            "--cost-base names one stack's base plan; with several --stack give "
            "--cost-base-dir DIR (DIR/plan-<stack>.json)"
        )
    if args.cost_base_dir is not None:
        _directory_exists(args.cost_base_dir, "--cost-base-dir")
    for stack in stacks:
        if stack is not None and (refusal := stack_name_refusal(stack)):
            raise UserError(refusal)
    if args.out is not None:
        fmt = _format_of(args.out, formats[0] if formats else None)
        if refusal := output_refusal(args.out):
            raise UserError(f"--out: {refusal}")
        return [(stacks[0], [(fmt, args.out)])]
    formats = formats or ["text"]
    if args.out_dir is not None:
        _directory_exists(args.out_dir, "--out-dir")
        targets = [
            (s, [(f, args.out_dir / f"plan-{s or 'offline'}{EXTENSIONS[f]}") for f in formats])
            for s in stacks
        ]
        for _, outputs in targets:
            for _, out in outputs:
                if out is not None and (refusal := output_refusal(out)):
                    raise UserError(f"--out-dir: {refusal}")
        return targets
    return [(stacks[0], [(formats[0], None)])]


def _in_stack(label: str, plan: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """`plan()`, its bad input reported as that of the stack `label`."""
    try:
        return plan()
    except UserError as exc:
        raise UserError(f"stack {label}: {exc}") from None


def _env_refusal(args: argparse.Namespace) -> str | None:
    """Why `--env` cannot run with the other flags given, or None."""
    if args.stack or args.config is not None or args.out is not None:
        return "--env plans every stack of an environment: give it without --stack, --config, --out"
    if args.cost_base is not None or args.cost_base_dir is not None:
        return "--env takes no cost base (compare the stacks' plans one by one)"
    if args.out_dir is None:
        return "--env needs --out-dir DIR (one file per stack: DIR/plan-<stack>.<ext>)"
    if args.only and args.references is None:
        return "--only plans domain stacks alone: give --references DIR with the plans they read"
    if args.references is not None and not args.only:
        return "--references answers --only's stack references; give --only DOMAIN too"
    if not args.out_dir.is_dir():
        return f"--out-dir: the directory {args.out_dir} does not exist; create it first"
    return stack_name_refusal(args.env)


def _format_of(out: Path, given: str | None) -> str:
    inferred = output_format(out, None, {ext: fmt for fmt, ext in EXTENSIONS.items()})
    if given is not None and inferred is not None and given != inferred:
        raise UserError(
            f"--format {given} conflicts with --out {out} (a {out.suffix} file holds "
            f"{inferred}); drop --format or change the extension"
        )
    return given or inferred or "text"


def _directory_exists(directory: Path, flag: str) -> None:
    if not directory.is_dir():
        raise UserError(f"{flag}: the directory {directory} does not exist; create it first")


@dataclass(frozen=True)
class Target:
    """One stack of one project, with its files resolved."""

    project: Project
    stack: str
    config_file: Path
    policy_config: Path | None
    workflows: Path | None = None

    @property
    def workflows_dir(self) -> Path:
        """The GitHub workflows read for the stack's scheduled refresh (key rotation)."""
        return self.workflows or self.project.directory / ".github" / "workflows"

    def locator(self) -> Locator:
        """Where the config of this stack's resources lives (SARIF locations)."""
        return Locator.for_stack(
            self.project.directory, self.config_file, self.project.stack_config_dir / "domains"
        )


def resolve(
    program: Path | None, stack: str | None, config_file: Path | None, policy_config: Path | None
) -> Target:
    """The project, stack name, config file and policy config. Raises UserError."""
    if program is None and stack is None:
        raise UserError("give --stack NAME, or --program DIR with --config FILE or --stack NAME")
    project = load_project((program or project_root()).resolve())
    if config_file is None:
        assert stack is not None
        config_file = project.stack_file(stack)
        if not config_file.is_file():
            known = ", ".join(project.stacks()) or "none"
            raise UserError(f"{config_file}: no such stack config; stacks with a config: {known}")
    stack = stack or _stack_name(config_file)
    if policy_config is None and (project.stack_config_dir / f"policy.{stack}.json").is_file():
        policy_config = project.stack_config_dir / f"policy.{stack}.json"
    return Target(project, stack, config_file, policy_config)


def plan(
    program: Path | None,
    stack: str | None,
    config_file: Path | None,
    account_id: str | None = None,
    region: str | None = None,
    policy_config: Path | None = None,
) -> dict[str, Any]:
    """The plan document of a stack, with its policy results. Raises UserError for bad input."""
    return plan_target(resolve(program, stack, config_file, policy_config), account_id, region)


def plan_target(
    target: Target,
    account_id: str | None = None,
    region: str | None = None,
    on_register: Callable[[int], None] | None = None,
    *,
    config: StackConfig | None = None,
    references: Mapping[str, Mapping[str, Any]] | None = None,
    modules_dir: Path | None = None,
    evaluate: bool = True,
) -> dict[str, Any]:
    """The plan document of a resolved stack: program run, policies, preflight section
    (without them when not `evaluate`: an environment's stacks are judged together).

    `config` replaces the stack file's (a domain or edges stack's generated config),
    `references` are the outputs of stacks planned before (what its stack references
    read), `modules_dir` where its program's packages live (scripts/plan/environment.py).
    """
    project = target.project
    if config is None:
        config = load_stack_config(project, target.config_file, target.stack, account_id, region)
    # Read before the run, so a bad policy config is refused before the program runs.
    settings = _settings(target, config) if evaluate else None
    with collector_for_a_run():
        run = _run(
            project, target.config_file, config.stack, config, on_register, references, modules_dir
        )
        check_registrations(run.registrations, run.reads)
        # Asset paths relative to the repository (a domain program's lies a level below).
        base = modules_dir or project.directory
        document = build_document(project.name, target.stack, run, [], base)
        if settings is None:
            return document
        # One index for the rules and the preflight section: what both need is built once.
        index = StackIndex(views(document))
        document = evaluate_document(document, settings, index=index)
        document["preflight"] = preflight_section(document, settings, index)
    return document


def stack_reference_views(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One resource per stack reference the stacks read, depending on every resource of
    the stack it names: a stack's outputs exist once that stack is deployed (the
    orchestrator runs it first), so whatever reads them is created after all of it. The
    ordering rules then see the order across stacks as they see it inside one."""
    by_name = {
        f"{DIY_ORGANIZATION}/{d['project']}/{d['stack']}": [r["urn"] for r in d["resources"]]
        for d in documents
    }
    found: dict[str, dict[str, Any]] = {}
    for d in documents:
        for r in d["resources"]:
            for dependency in r.get("dependencies") or []:
                parts = dependency.split("::")
                if len(parts) < 4 or not parts[2].endswith(PULUMI_STACK_REFERENCE):
                    continue
                name = parts[-1]
                found.setdefault(
                    dependency,
                    {
                        "urn": dependency,
                        "type": PULUMI_STACK_REFERENCE,
                        "name": name,
                        "custom": True,
                        "parent": None,
                        "dependencies": by_name.get(name, []),
                        "provider": None,
                        "protect": False,
                        "retainOnDelete": False,
                        "inputs": {"name": name},
                        "outputs": {},
                    },
                )
    return list(found.values())


def evaluate_environment(
    documents: list[dict[str, Any]], settings: PolicySettings
) -> list[dict[str, Any]]:
    """The documents of an environment's stacks with the policy results and preflight
    section filled in, judged on their union: a journey that starts in a domain stack and
    ends in the platform's is followed end to end, and a rule about the whole environment
    (a budget, a subscribed topic) sees all of it. Each result goes to the stack holding
    its resource; results about no resource, to the first stack (the platform's)."""
    resources = [r for d in documents for r in d["resources"]]
    union = {**documents[0], "resources": resources + stack_reference_views(documents)}
    with collector_for_a_run():
        index = StackIndex(views(union))
        union = evaluate_document(union, settings, index=index)
        preflight = preflight_section(union, settings, index)
    home = {r["urn"]: i for i, d in enumerate(documents) for r in d["resources"]}

    def share(entries: list[dict[str, Any]], i: int) -> list[dict[str, Any]]:
        return [e for e in entries if home.get(str(e.get("urn")), 0) == i]

    judged = []
    for i, document in enumerate(documents):
        document = {**document, "policyEnvironment": union["policyEnvironment"]}
        for section in ("violations", "notEvaluated", "suppressions"):
            document[section] = share(union[section], i)
        document["preflight"] = {
            k: share(v, i) if isinstance(v, list) else v for k, v in preflight.items()
        }
        judged.append(document)
    return judged


def policy_settings(target: Target) -> PolicySettings:
    """The policy settings `plan_target` evaluates the stack with (benchmarks re-use them)."""
    config = load_stack_config(target.project, target.config_file, target.stack, None, None)
    return _settings(target, config)


def _settings(target: Target, config: StackConfig) -> PolicySettings:
    # The deployers are platform config; the data-path rule checks their paths too.
    settings = with_default_property(
        load_policy_config(target.policy_config),
        DATA_PATHS_RULE,
        "deployers",
        list(config.deployers),
    )
    # Facts outside the program: the scheduled `pulumi up --refresh` key rotation needs.
    return with_default_property(
        settings,
        KEY_ROTATES_RULE,
        SCHEDULED_REFRESH,
        scheduled_refresh_property(target.workflows_dir, target.stack, target.project.directory),
    )


def _run(
    project: Project,
    config_file: Path,
    stack: str,
    config: Any,
    on_register: Callable[[int], None] | None = None,
    references: Mapping[str, Mapping[str, Any]] | None = None,
    modules_dir: Path | None = None,
) -> Any:
    try:
        return run_program(
            project.main,
            project=project.name,
            stack=stack,
            config=config.values,
            secret_keys=config.secret_keys,
            mocks=PlausibleMocks(config.account_id, config.region, stacks=references),
            on_register=on_register,
            modules_dir=modules_dir,
        )
    except pulumi.RunError as exc:  # our program's config errors arrive as RunError
        raise UserError(f"{config_file}: {exc}") from None
    except Exception as exc:
        raise UserError(
            f"the program {project.main} failed{_where(exc, project.directory)}: "
            f"{type(exc).__name__}: {exc}"
        ) from None


def _where(exc: BaseException, directory: Path) -> str:
    """` at FILE:LINE`, the deepest frame inside the program's own directory."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if Path(f.filename).resolve().is_relative_to(directory)
    ]
    return f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""


def _stack_name(config_file: Path) -> str:
    match = re.match(r"^Pulumi\.(.+)\.ya?ml$", config_file.name)
    return match.group(1) if match else "offline"
