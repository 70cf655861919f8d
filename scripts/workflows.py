"""Which GitHub workflows run `pulumi up` with refresh on a schedule, for which stack, how often.

A `time.Rotating` turns due only on a refresh, so key rotation depends on something outside
the program: a scheduled `pulumi up --refresh`. The journey `journey-key-rotates` cannot
read the repository; `dataplat plan` can, and passes what this module finds as the rule's
`scheduled_refresh` property (policies/rules/journeys/scheduled_refresh.py has its shape).

What is read, from the workflow YAML alone (no GitHub API): `on.schedule` crons; jobs,
their matrices and calls of local reusable workflows (`uses: $/.github/workflows/X.yml`, the
self-repository form, or the older workspace-relative `./.github/workflows/X.yml`, with
`with:` inputs, followed with the inputs bound, X's defaults filling the rest); steps and
the simple `if:` forms `inputs.x` / `!inputs.x` / `matrix.x`, alone or as terms of an
`&&` chain (any other condition is a runtime fact and counts as "may run"); a
`pulumi/actions` step with `command: up` and `refresh: true` (its `stack-name`, `target`),
or a `run` line with `pulumi up`, `--refresh` and `--stack`. `${{ vars.* }}` and other
expressions that cannot be resolved here read as empty, so
`${{ vars.PULUMI_STACK_PREFIX }}prod` names the stack `prod`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.errors import UserError
from stacks.input_files import CONFIG, InputRefused, parse_yaml, read_text

# The self-repository form (`$/`, resolved at the running commit) and the workspace-relative one.
LOCAL_WORKFLOWS = ("$/.github/workflows/", "./.github/workflows/")
MAX_DEPTH = 4  # GitHub nests at most four levels of workflows
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
CONTEXT_REF = re.compile(r"^(inputs|matrix)\.([\w-]+)$")
STACK_FLAG = re.compile(r"(?:--stack|-s)[=\s]+\"?([^\"\s]+)\"?")
CRON_WINDOW_DAYS = 4 * 366  # every weekday/day-of-month combination, leap days included
CRON_START = dt.date(2025, 1, 1)


@dataclass(frozen=True)
class ScheduledRun:
    """One scheduled path to `pulumi up --refresh` of a stack."""

    workflow: str
    job: str
    stack: str
    cron: tuple[str, ...]
    interval_hours: float | None
    targeted: bool

    def as_property(self) -> dict[str, Any]:
        """The shape the journey rule reads (scheduled_refresh.py)."""
        return {
            "workflow": self.workflow,
            "job": self.job,
            "cron": list(self.cron),
            "interval_hours": self.interval_hours,
            "targeted": self.targeted,
        }


def parse(text: str, path: Path = Path("<workflow>")) -> dict[str, Any]:
    """A workflow file as data; PyYAML reads the key `on` as True (YAML 1.1): normalised.

    Read by the project's one input reader: a refused file raises UserError."""
    try:
        data, _ = parse_yaml(text, path, CONFIG)
    except InputRefused as exc:
        raise UserError(str(exc)) from None
    if not isinstance(data, dict):
        return {}
    if True in data:
        data["on"] = data.pop(True)
    return data


def load(directory: Path) -> dict[str, dict[str, Any]]:
    """Every `*.yml` / `*.yaml` workflow of `directory` by file name."""
    files = sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])
    return {f.name: parse(_text(f), f) for f in files}


def _text(path: Path) -> str:
    try:
        return read_text(path, CONFIG)
    except InputRefused as exc:
        raise UserError(str(exc)) from None


def scheduled_refreshes(workflows: Mapping[str, dict[str, Any]], stack: str) -> list[ScheduledRun]:
    """Every scheduled path from a cron to `pulumi up --refresh` of `stack`."""
    runs = []
    for name, workflow in workflows.items():
        crons = _crons(workflow)
        if not crons:
            continue
        interval = cron_interval_hours(crons)
        for path, found_stack, targeted in _refreshing_ups(workflows, name, {}, (), 0):
            if _same_stack(found_stack, stack):
                runs.append(ScheduledRun(name, " -> ".join(path), stack, crons, interval, targeted))
    return runs


def scheduled_refresh_property(
    directory: Path, stack: str, root: Path | None = None
) -> dict[str, Any]:
    """The `scheduled_refresh` property of the journey rule for `stack`; the directory is
    shown relative to `root` when under it (the plan's bytes do not depend on the checkout)."""
    if not directory.is_dir():
        return {"workflows": None, "runs": []}
    shown = directory.resolve()
    if root is not None and shown.is_relative_to(root.resolve()):
        shown = shown.relative_to(root.resolve())
    runs = scheduled_refreshes(load(directory), stack)
    return {"workflows": shown.as_posix(), "runs": [r.as_property() for r in runs]}


def _crons(workflow: Mapping[str, Any]) -> tuple[str, ...]:
    on = workflow.get("on")
    schedule = on.get("schedule") if isinstance(on, dict) else None
    return tuple(str(s["cron"]) for s in schedule or [] if isinstance(s, dict) and "cron" in s)


def _refreshing_ups(
    workflows: Mapping[str, dict[str, Any]],
    name: str,
    inputs: Mapping[str, Any],
    path: tuple[str, ...],
    depth: int,
) -> Iterator[tuple[tuple[str, ...], str, bool]]:
    """(job path, stack, targeted) of each `pulumi up --refresh` the workflow may run."""
    workflow = workflows.get(name)
    if workflow is None or depth >= MAX_DEPTH:
        return
    bound = {**_input_defaults(workflow), **inputs}
    for job_id, job in (workflow.get("jobs") or {}).items():
        for matrix in _matrix(job):
            context = {"inputs": bound, "matrix": matrix}
            if not _may_run(job.get("if"), context):
                continue
            here = (*path, f"{name}:{job_id}")
            uses = str(job.get("uses", ""))
            local = next((p for p in LOCAL_WORKFLOWS if uses.startswith(p)), None)
            if local is not None:
                called = uses.removeprefix(local).split("@")[0]
                given = {k: _resolve(v, context) for k, v in (job.get("with") or {}).items()}
                yield from _refreshing_ups(workflows, called, given, here, depth + 1)
                continue
            for step in job.get("steps") or []:
                if _may_run(step.get("if"), context):
                    found = _pulumi_up_refresh(step, {**job.get("env", {}), **step.get("env", {})})
                    if found is not None:
                        yield here, str(_resolve(found[0], context)), found[1]


def _pulumi_up_refresh(step: Mapping[str, Any], env: Mapping[str, Any]) -> tuple[Any, bool] | None:
    """(stack expression, targeted) when the step runs `pulumi up` with refresh."""
    if str(step.get("uses", "")).startswith("pulumi/actions"):
        given = step.get("with") or {}
        if given.get("command") == "up" and _truthy(given.get("refresh")):
            return given.get("stack-name", ""), bool(given.get("target"))
        return None
    script = str(step.get("run", ""))
    if "pulumi up" not in script or "--refresh" not in script:
        return None
    match = STACK_FLAG.search(script.split("pulumi up", 1)[1])
    stack = match.group(1) if match else ""
    variable = re.fullmatch(r"\$\{?(\w+)\}?", stack)
    if variable:
        stack = str(env.get(variable.group(1), ""))
    return stack, "--target" in script


def _input_defaults(workflow: Mapping[str, Any]) -> dict[str, Any]:
    on = workflow.get("on")
    call = on.get("workflow_call") if isinstance(on, dict) else None
    declared = (call or {}).get("inputs") or {}
    return {k: v.get("default") for k, v in declared.items() if isinstance(v, dict)}


def _matrix(job: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The job's matrix combinations; a matrix given as an expression (`${{ fromJSON(...)
    }}`, known only at run time) is one combination of unknown values."""
    matrix = (job.get("strategy") or {}).get("matrix") or {}
    if not isinstance(matrix, dict):
        return [{}]
    axes = {k: v for k, v in matrix.items() if isinstance(v, list)}
    return [dict(zip(axes, combo, strict=True)) for combo in itertools.product(*axes.values())]


def _lookup(expression: str, context: Mapping[str, Mapping[str, Any]]) -> tuple[bool, Any]:
    ref = CONTEXT_REF.match(expression.strip())
    if ref is None or ref.group(2) not in context.get(ref.group(1), {}):
        return False, None
    return True, context[ref.group(1)][ref.group(2)]


def _resolve(value: Any, context: Mapping[str, Mapping[str, Any]]) -> Any:
    """`value` with `${{ inputs.x }}` / `${{ matrix.x }}` bound; other expressions empty."""
    if not isinstance(value, str):
        return value
    whole = EXPRESSION.fullmatch(value.strip())
    if whole:
        known, bound = _lookup(whole.group(1), context)
        return bound if known else ""
    return EXPRESSION.sub(lambda m: str(_lookup(m.group(1), context)[1] or ""), value)


def _may_run(condition: Any, context: Mapping[str, Mapping[str, Any]]) -> bool:
    """False only when a simple condition on inputs or the matrix (alone, or one term of
    an `&&` chain) is false; anything else is a runtime fact: it may run."""
    if condition is None or isinstance(condition, bool):
        return condition is not False
    text = str(condition).strip()
    whole = EXPRESSION.fullmatch(text)
    text = whole.group(1).strip() if whole else text
    for term in text.split("&&") if "||" not in text else [text]:
        term = term.strip()
        negate = term.startswith("!")
        known, value = _lookup(term.lstrip("!").strip(), context)
        if known and _truthy(value) == negate:
            return False
    return True


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _same_stack(found: str, stack: str) -> bool:
    """`prod` matches `prod` and `acme/prod` (an organization's stack)."""
    return bool(found) and (found == stack or found.rsplit("/", 1)[-1] == stack)


def cron_interval_hours(crons: tuple[str, ...] | list[str]) -> float | None:
    """The longest time between two consecutive runs of the crons (UTC, as GitHub runs
    them), over four years; None if a cron cannot be read or never runs."""
    try:
        fields = [_cron_fields(c) for c in crons]
    except ValueError:
        return None
    longest, previous = 0, None
    for offset in range(CRON_WINDOW_DAYS):
        day = CRON_START + dt.timedelta(days=offset)
        minutes = sorted({h * 60 + m for f in fields if _day_matches(f, day) for h, m in f[0]})
        for minute in minutes:
            now = offset * 1440 + minute
            if previous is not None:
                longest = max(longest, now - previous)
            previous = now
    return longest / 60 if longest else None


CronFields = tuple[list[tuple[int, int]], set[int], set[int], set[int], bool, bool]


def _cron_fields(cron: str) -> CronFields:
    parts = cron.split()
    if len(parts) != 5:
        raise ValueError(cron)
    minute, hour, dom, month, dow = parts
    times = [(h, m) for h in _field(hour, 0, 23) for m in _field(minute, 0, 59)]
    weekdays = {d % 7 for d in _field(dow, 0, 7)}
    return times, _field(dom, 1, 31), _field(month, 1, 12), weekdays, dom != "*", dow != "*"


def _field(text: str, low: int, high: int) -> set[int]:
    values: set[int] = set()
    for part in text.split(","):
        body, _, step = part.partition("/")
        if body == "*":
            start, end = low, high
        elif "-" in body:
            start, end = (int(x) for x in body.split("-", 1))
        else:
            start = int(body)
            end = high if step else start
        if not (low <= start <= end <= high):
            raise ValueError(text)
        values.update(range(start, end + 1, int(step) if step else 1))
    return values


def _day_matches(fields: CronFields, day: dt.date) -> bool:
    _, doms, months, weekdays, dom_set, dow_set = fields
    if day.month not in months:
        return False
    in_month, in_week = day.day in doms, day.isoweekday() % 7 in weekdays
    if dom_set and dow_set:  # cron's rule: either restriction matches
        return in_month or in_week
    return in_month and in_week
