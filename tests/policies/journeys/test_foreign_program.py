"""A foreign team's program (tests/fixtures/journey_program) with each deployment mistake
that deploys and then never works draws exactly one journey violation per mistake, and its
correct twin (no mistakes) draws none. Planned as a team would: `dataplat plan --program
DIR --config FILE`, with the mistakes chosen in the stack config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.foreign_programs import plan_with_mistakes

ROOT = Path(__file__).resolve().parents[3]
PROGRAM = ROOT / "tests" / "fixtures" / "journey_program"

# mistake -> (journey rule, resource the violation names, what its message says)
MISTAKES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "events-key-condition": (
        "journey-failure-alerted",
        "alerts-key",
        (
            "journey [a failure of Glue job [etl] reaches a person] cannot work",
            "hop [kms:GenerateDataKey by events.amazonaws.com]",
            "change Key [alerts-key]",
        ),
    ),
    "airflow-no-way-out": (
        "journey-connection-logs-in",
        "private-0",
        (
            "journey [Airflow [airflow] connection snowflake_loader logs in to Snowflake] "
            "cannot work",
            "hop [Snowflake account host: route]",
            "no route to 0.0.0.0/0",
            "change RouteTable [private-0]",
        ),
    ),
    "user-admits-no-nat": (
        "journey-connection-logs-in",
        "loader",
        (
            "hop [network policy admits Airflow's addresses]",
            "does not take Eip [nat]'s publicIp, the address Airflow leaves from",
            "change NetworkPolicy [loader]",
        ),
    ),
}


def plan(tmp_path: Path, mistakes: list[str]) -> dict[str, Any]:
    return plan_with_mistakes(PROGRAM, "team-journeys", tmp_path, mistakes)


def journey_violations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in document["violations"] if v["policy"].startswith("journey-")]


def test_the_correct_twin_draws_no_journey_violation(tmp_path: Path) -> None:
    document = plan(tmp_path, [])
    assert journey_violations(document) == []
    verdicts = {j["name"]: j["verdict"] for j in document["preflight"]["journeys"]}
    assert verdicts == {
        "a failure of Glue job [etl] reaches a person": "works",
        "a failure of MWAA environment [airflow] reaches a person": "works",
        "Airflow [airflow] connection snowflake_loader logs in to Snowflake": "works",
        "Glue job [growth-etl] runs": "works",
        "an engineer opens the Airflow UI of [growth-airflow]": "works",
    }


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_draws_one_journey_violation_naming_hop_and_resource(
    tmp_path: Path, mistake: str
) -> None:
    rule, name, fragments = MISTAKES[mistake]
    (violation,) = journey_violations(plan(tmp_path, [mistake]))
    assert (violation["policy"], violation["name"], violation["level"]) == (
        rule,
        name,
        "mandatory",
    )
    for fragment in fragments:
        assert fragment in violation["message"], violation["message"]
