"""`jobs:` in a domain file (issue 19): each refusal names the field and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.bench_domains.command import synthetic_project
from scripts.cli import main
from stacks.domain_file import load_domain_file
from stacks.stack_file import ConfigError
from vocabulary.glue_schedule import glue_cron_problem

DOMAIN = """\
name: finance
owner: finance-data@acme.example
description: Ledger entries and their daily reconciliation.
data_classification: confidential
zones: [raw, curated]
schemas:
  - {name: ledger}
warehouses:
  - {name: finance, size: XSMALL, credit_quota: 10}
jobs:
  - name: nightly
    script: pipeline_code/glue/crm_to_staged.py
    schedule: "cron(15 5 * * ? *)"
    source_zone: raw
    target_zone: curated
"""


def _issues(tmp_path: Path, text: str) -> dict[str, tuple[int, str]]:
    path = tmp_path / "finance.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_domain_file(path)
    return {i.path: (i.line, i.message) for i in caught.value.issues}


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_the_job_loads_with_its_defaults(tmp_path):
    path = tmp_path / "finance.yaml"
    path.write_text(DOMAIN)
    (job,) = load_domain_file(path).jobs
    assert (job.name, job.schedule, job.source_zone, job.target_zone) == (
        "nightly",
        "cron(15 5 * * ? *)",
        "raw",
        "curated",
    )
    assert (job.worker_type, job.number_of_workers, job.timeout_minutes, job.max_retries) == (
        "G.1X",
        2,
        60,
        1,
    )


def test_a_zone_the_domain_does_not_have_is_refused_at_its_line(tmp_path):
    text = DOMAIN.replace("target_zone: curated", "target_zone: staged")
    issues = _issues(tmp_path, text)
    assert issues == {
        "jobs[nightly].target_zone": (
            _line_of(text, "target_zone: staged"),
            "[staged] is not among the domain's zones; allowed: raw, curated",
        )
    }


@pytest.mark.parametrize("script", ["../outside/job.py", "/etc/job.py", "x/../../job.py"])
def test_a_script_outside_the_project_is_refused_at_its_line(tmp_path, script):
    text = DOMAIN.replace("script: pipeline_code/glue/crm_to_staged.py", f"script: {script}")
    ((path, (line, message)),) = _issues(tmp_path, text).items()
    assert (path, line) == ("jobs[0].script", _line_of(text, "script:"))
    assert "stays inside it (no leading / and no ..)" in message


@pytest.mark.parametrize(
    ("schedule", "says"),
    [
        ("0 5 * * *", "not a cron(...) expression"),
        ("cron(15 5 * * ?)", "six fields"),
        ("cron(15 5 * * MON *)", "exactly one of Day-of-month and Day-of-week is `?`"),
        ("cron(15 5 ? * ? *)", "exactly one of Day-of-month and Day-of-week is `?`"),
    ],
)
def test_a_bad_cron_is_refused_at_its_line(tmp_path, schedule, says):
    text = DOMAIN.replace('"cron(15 5 * * ? *)"', f'"{schedule}"')
    ((path, (line, message)),) = _issues(tmp_path, text).items()
    assert (path, line) == ("jobs[0].schedule", _line_of(text, "schedule:"))
    assert says in message


def test_a_repeated_job_name_is_refused(tmp_path):
    entry = DOMAIN[DOMAIN.index("  - name: nightly") :]
    text = DOMAIN + entry
    issues = _issues(tmp_path, text)
    assert list(issues) == ["jobs[1].name"]
    assert issues["jobs[1].name"][1].startswith("repeated job [nightly]")


@pytest.mark.parametrize(
    "expression",
    ["cron(0 3 * * ? *)", "cron(0/15 * * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0 8 L * ? *)"],
)
def test_glues_documented_examples_pass(expression):
    assert glue_cron_problem(expression) is None


def test_the_plan_exits_2_naming_the_file_and_field(tmp_path, capsys):
    project = synthetic_project(tmp_path, 0)
    (project / "stacks" / "domains" / "finance.yaml").write_text(
        DOMAIN.replace("source_zone: raw", "source_zone: landing")
    )
    assert main(["plan", "--program", str(project), "--stack", "dev"]) == 2
    err = capsys.readouterr().err
    assert "finance.yaml" in err and "jobs[nightly].source_zone" in err
    assert "Traceback" not in err
