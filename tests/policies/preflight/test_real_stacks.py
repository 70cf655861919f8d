"""The preflight ordering rules over the real prod plan find only the known defects.

Issue 12 defect 2a: the Glue job script upload names the DAG bucket by a plain string.
Defect 2b: the MWAA files (and the Glue script) depend on the DAG bucket only, not on its
encryption, versioning and public-access block. Once the components are fixed these
sets shrink to nothing; anything else reported is a new defect or a rule bug.
"""

from __future__ import annotations

import pytest

from scripts.plan.command import plan

GLUE_SCRIPT = "data-platform-orchestration-glue-jobs-crm_to_staged-script"
MWAA_FILES = {
    f"data-platform-orchestration-airflow-{f}" for f in ("plugins", "requirements", "startup")
}
KNOWN = {
    "preflight-container-dependency": {GLUE_SCRIPT},
    "preflight-upload-after-bucket-configuration": {GLUE_SCRIPT, *MWAA_FILES},
}


@pytest.fixture(scope="module")
def prod() -> dict:
    return plan(None, "prod", None)


@pytest.mark.parametrize("rule", sorted(KNOWN))
def test_each_violation_on_prod_is_a_known_defect(prod, rule):
    found = {v["name"] for v in prod["violations"] if v["policy"] == rule}
    unexpected = found - KNOWN[rule]
    assert not unexpected, f"{rule}: new violations on prod: {sorted(unexpected)}"


def test_the_glue_script_is_reported_for_the_dag_bucket(prod):
    messages = [
        v["message"]
        for v in prod["violations"]
        if v["policy"] == "preflight-container-dependency" and v["name"] == GLUE_SCRIPT
    ]
    assert all("data-platform-orchestration-airflow-dags" in m for m in messages), messages
