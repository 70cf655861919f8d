"""One PR comment for every stack's cloud preview, however many stacks were previewed.

The sharded PR preview (docs/design/workflows.md) runs `dataplat preview --env E --only ...
--results FILE` in up to 256 jobs; each uploads its results (every stack's status, reason
and the engine's resource counts). This module merges them into one comment within
GitHub's 65,536 characters, at the most detailed of three forms that fits:
- full: per environment, one table row per stack;
- short: rows only for the stacks that need a look (failed, blocked, or with changes);
  the others (no changes, skipped) folded per environment as a list of names;
- shortest: one line per stack that needs a look, the others only counted; lines that
  still do not fit are cut, counted in the closing note.
The comment says how many stacks it summarised in short form. Stacks the selection
expected (`dataplat affected --format json`) without a result are listed as "no result"
(their job failed before writing one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scripts.errors import UserError
from scripts.files import read_json
from scripts.render.cells import cell, code
from scripts.render.fold import GITHUB_COMMENT_LIMIT
from scripts.render.markdown import details, heading, table
from scripts.render.text import clip

TITLE = heading(2, "Cloud previews of this change")
COUNTED = ("create", "update", "replace", "delete")
SIGNS = {"create": "+", "update": "~", "replace": "±", "delete": "-"}
NEEDS_A_LOOK = ("failed", "blocked", "no result")
NO_RESULT = "no result"
ORDER = ("dev", "staging", "prod")


@dataclass(frozen=True)
class StackPreview:
    """One stack's preview outcome, as a shard's results file holds it."""

    env: str
    key: str
    stack: str
    status: str
    detail: str = ""
    changes: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the engine counted a create, update, replace or delete."""
        return any(self.changes.get(op, 0) for op in COUNTED)

    @property
    def needs_a_look(self) -> bool:
        """Failed, blocked, without a result, or with changes."""
        return self.status in NEEDS_A_LOOK or self.changed


def read_results(directory: Path, affected: Path | None = None) -> list[StackPreview]:
    """Every stack of every `*.json` results file under `directory` (searched recursively:
    one artifact directory per job), plus a "no result" entry for each stack `affected`
    expected but no file holds. Raises UserError on an unreadable or foreign file."""
    if not directory.is_dir():
        raise UserError(f"{directory}: --results-dir is not a directory")
    found: dict[tuple[str, str], StackPreview] = {}
    for path in sorted(directory.rglob("*.json")):
        data = read_json(path, "preview results")
        if not isinstance(data, dict) or not isinstance(data.get("stacks"), list):
            raise UserError(f"{path}: not a results file (dataplat preview --results)")
        env = str(data.get("env"))
        for entry in data["stacks"]:
            preview = StackPreview(
                env,
                str(entry["key"]),
                str(entry["stack"]),
                str(entry["status"]),
                str(entry.get("detail") or ""),
                {str(k): int(v) for k, v in (entry.get("changes") or {}).items()},
            )
            found[(env, preview.key)] = preview
    for env, key in _expected(affected):
        if (env, key) not in found:
            stack = env if key in ("platform", "edges") else f"{env}.{key}"
            detail = "its job wrote no results (see the job's log)"
            found[(env, key)] = StackPreview(env, key, stack, NO_RESULT, detail)
    return sorted(found.values(), key=_order)


def _expected(affected: Path | None) -> list[tuple[str, str]]:
    if affected is None:
        return []
    data = read_json(affected, "affected stacks")
    try:
        return [(e["env"], key) for e in data["environments"] for key in e["stacks"]]
    except (KeyError, TypeError):
        raise UserError(f"{affected}: not `dataplat affected --format json` output") from None


def _order(preview: StackPreview) -> tuple[int, str, int, str]:
    env_rank = ORDER.index(preview.env) if preview.env in ORDER else len(ORDER)
    layer = {"platform": 0, "edges": 2}.get(preview.key, 1)
    return (env_rank, preview.env, layer, preview.key)


def compose(previews: Sequence[StackPreview], limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """The comment: the most detailed form within `limit` characters (module docstring)."""
    if not previews:
        return "\n".join([TITLE, "", "No stack is touched by this change."]) + "\n"
    for form in (_full, _short):
        text = form(previews)
        if len(text) <= limit:
            return text
    return _shortest(previews, limit)


def _envs(previews: Sequence[StackPreview]) -> list[tuple[str, list[StackPreview]]]:
    envs: dict[str, list[StackPreview]] = {}
    for preview in previews:
        envs.setdefault(preview.env, []).append(preview)
    return list(envs.items())


def _env_heading(env: str, stacks: Sequence[StackPreview]) -> str:
    counts: dict[str, int] = {}
    for s in stacks:
        label = s.status if s.status in NEEDS_A_LOOK else "with changes" if s.changed else ""
        label = label or ("skipped" if s.status == "skipped" else "without changes")
        counts[label] = counts.get(label, 0) + 1
    shown = ", ".join(f"{n} {label}" for label, n in sorted(counts.items()))
    return heading(3, f"`{env}`: {len(stacks)} stacks ({shown})")


def _row(s: StackPreview) -> list[str]:
    return [
        code(s.stack),
        cell(s.status),
        *(str(s.changes.get(op, 0)) for op in COUNTED),
        cell(clip(s.detail, 120)),
    ]


def _table(stacks: Sequence[StackPreview]) -> list[str]:
    header = ["stack", "result", *COUNTED, "note"]
    return table(header, [_row(s) for s in stacks], right=range(2, 2 + len(COUNTED)))


def _full(previews: Sequence[StackPreview]) -> str:
    lines = [TITLE, ""]
    for env, stacks in _envs(previews):
        lines += [_env_heading(env, stacks), "", *_table(stacks), ""]
    return _finish(lines, 0)


def _short(previews: Sequence[StackPreview]) -> str:
    lines, short = [TITLE, ""], 0
    for env, stacks in _envs(previews):
        look = [s for s in stacks if s.needs_a_look]
        rest = [s for s in stacks if not s.needs_a_look]
        lines += [_env_heading(env, stacks), ""]
        if look:
            lines += [*_table(look), ""]
        if rest:
            names = ", ".join(code(s.key, table=False) for s in rest)
            lines += [*details(f"{len(rest)} stacks without changes", [names]), ""]
            short += len(rest)
    return _finish(lines, short)


def _shortest(previews: Sequence[StackPreview], limit: int) -> str:
    lines, short, cut = [TITLE, ""], 0, 0
    closing = 200  # room kept for the closing note
    for env, stacks in _envs(previews):
        look = [s for s in stacks if s.needs_a_look]
        rest = len(stacks) - len(look)
        lines += [_env_heading(env, stacks), ""]
        for s in look:
            line = f"- {code(s.key, table=False)}: {_one_line(s)}"
            if len("\n".join(lines)) + len(line) + closing > limit:
                cut += 1
                continue
            lines.append(line)
            short += 1
        if rest:
            lines.append(f"- {rest} stacks without changes (names in the results artifacts)")
            short += rest
        lines.append("")
    note = f" {cut} stacks that need a look did not fit: see the results artifacts." if cut else ""
    return clip(_finish(lines, short, note), limit)


def _one_line(s: StackPreview) -> str:
    if s.status in NEEDS_A_LOOK:
        return f"{s.status} ({clip(s.detail, 80)})" if s.detail else s.status
    return " ".join(f"{SIGNS[op]}{s.changes.get(op, 0)}" for op in COUNTED)


def _finish(lines: list[str], short: int, extra: str = "") -> str:
    if short:
        lines.append(
            f"_{short} stacks summarised in short form to fit GitHub's comment limit; each "
            f"job's results artifact has every stack._{extra}"
        )
    return "\n".join(lines).rstrip() + "\n"
