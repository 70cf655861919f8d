"""The merged comment of the sharded cloud preview: every stack, within GitHub's limit."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.cli import build_parser
from scripts.comment.command import run
from scripts.comment.previews import StackPreview, compose, read_results
from scripts.render.fold import GITHUB_COMMENT_LIMIT


def results(path: Path, env: str, stacks: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"operation": "preview", "env": env, "split": True, "stacks": stacks}
    path.write_text(json.dumps(doc))


def stack(key: str, status: str = "succeeded", detail: str = "", **changes: int) -> dict:
    name = "dev" if key in ("platform", "edges") else f"dev.{key}"
    return {"key": key, "stack": name, "status": status, "detail": detail, "changes": changes}


def test_few_stacks_get_a_row_each_in_layer_order(tmp_path):
    results(tmp_path / "r" / "dev-1" / "results.json", "dev", [stack("sales", create=2, same=5)])
    results(tmp_path / "r" / "dev-2" / "results.json", "dev", [stack("edges", same=3)])
    results(tmp_path / "r" / "platform-dev" / "results.json", "dev", [stack("platform", same=9)])
    text = compose(read_results(tmp_path / "r"))
    assert text.splitlines() == [
        "## Cloud previews of this change",
        "",
        "### `dev`: 3 stacks (1 with changes, 2 without changes)",
        "",
        "| stack | result | create | update | replace | delete | note |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
        "| `dev` | succeeded | 0 | 0 | 0 | 0 |  |",
        "| `dev.sales` | succeeded | 2 | 0 | 0 | 0 |  |",
        "| `dev` | succeeded | 0 | 0 | 0 | 0 |  |",
    ]


def test_a_stack_whose_job_wrote_nothing_is_listed(tmp_path):
    results(tmp_path / "r" / "a.json", "dev", [stack("sales", same=1)])
    affected = tmp_path / "affected.json"
    affected.write_text(
        json.dumps({"environments": [{"env": "dev", "stacks": {"sales": [], "support": []}}]})
    )
    previews = read_results(tmp_path / "r", affected)
    assert [(p.key, p.status) for p in previews] == [
        ("sales", "succeeded"),
        ("support", "no result"),
    ]
    assert "| `dev.support` | no result | 0 | 0 | 0 | 0 | its job wrote no results" in compose(
        previews
    )


NAME = "domain-with-a-long-name-as-teams-like-them-to-be-xxxxxxxxxxxxxxxxxx"


def six_hundred(changed_every: int) -> list[StackPreview]:
    return [
        StackPreview(
            env,
            f"{NAME}-{i:03}",
            f"{env}.{NAME}-{i:03}",
            "failed" if i == 7 else "succeeded",
            "preview of it failed: error: the provider said no" if i == 7 else "",
            {"create": 1, "same": 90} if i % changed_every == 0 else {"same": 91},
        )
        for env in ("dev", "staging", "prod")
        for i in range(200)
    ]


def test_600_stacks_fold_the_unchanged_ones_and_say_how_many():
    previews = six_hundred(changed_every=50)
    text = compose(previews)
    assert len(text) <= GITHUB_COMMENT_LIMIT
    assert len(compose(previews, limit=10**6)) > GITHUB_COMMENT_LIMIT  # the full form
    assert f"| `dev.{NAME}-007` | failed |" in text
    assert "<details><summary>195 stacks without changes</summary>" in text
    assert text.rstrip().endswith(
        "_585 stacks summarised in short form to fit GitHub's comment limit; each job's "
        "results artifact has every stack._"
    )
    # Each stack is named once: the 15 that need a look in rows, the rest folded.
    assert all(text.count(f"{p.key}`") == 3 for p in previews[:200])


def test_when_even_that_is_too_long_one_line_each_and_the_rest_counted():
    previews = six_hundred(changed_every=1)
    text = compose(previews, limit=20_000)
    assert len(text) <= 20_000
    assert f"- `{NAME}-007`: failed (preview of it failed" in text
    assert f"- `{NAME}-000`: +1 ~0 ±0 -0" in text
    assert "stacks that need a look did not fit: see the results artifacts." in text
    full = compose(previews)
    assert len(full) <= GITHUB_COMMENT_LIMIT and "did not fit" not in full


def test_the_cli_writes_the_merged_comment(tmp_path):
    results(tmp_path / "r" / "a.json", "dev", [stack("sales", "blocked", "platform failed")])
    out = tmp_path / "comment.md"
    args = build_parser("comment").parse_args(
        ["comment", "--results-dir", str(tmp_path / "r"), "--out", str(out)]
    )
    assert run(args) == 0
    assert "| `dev.sales` | blocked | 0 | 0 | 0 | 0 | platform failed |" in out.read_text()
    bad = build_parser("comment").parse_args(["comment", "--results-dir", str(tmp_path / "x")])
    assert run(bad) == 2


def test_what_a_preview_run_writes_is_what_the_comment_reads(tmp_path):
    """The results file has two sides, the writer (`results_document`, behind `dataplat preview
    --results`) and this reader: they must agree on every key, not only on hand-made files."""
    from types import SimpleNamespace

    from scripts.orchestrate.runner import Operation, StackResult, Status, results_document

    written = [
        StackResult("platform", "dev", Status.SUCCEEDED, "", {"same": 9}),
        StackResult("sales", "dev.sales", Status.FAILED, "preview failed", {"create": 2}),
    ]
    env = SimpleNamespace(name="dev", split=True)
    document = results_document(Operation.PREVIEW, env, written)  # type: ignore[arg-type]
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "results.json").write_text(json.dumps(document))
    assert read_results(tmp_path / "r") == [
        StackPreview("dev", "platform", "dev", "succeeded", "", {"same": 9}),
        StackPreview("dev", "sales", "dev.sales", "failed", "preview failed", {"create": 2}),
    ]
