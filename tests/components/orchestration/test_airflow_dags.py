"""AirflowDags: each DAG file one object under dags/ with its hash, and the rendered config."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from components.orchestration.airflow_dags import (
    AirflowDags,
    AirflowDagsArgs,
    CheckedTable,
    PipelineSpec,
    dag_files,
    tables_under,
)
from components.orchestration.glue_jobs import GlueJobSpec
from components.orchestration.orchestration import dag_evaluations
from components.storage.secure_bucket import SecureBucket, SecureBucketArgs
from tests.components.orchestration.conftest import KEY
from tests.components.synthetic import Probe, build

HUBSPOT = CheckedTable(
    bucket="raw",
    prefix="domains/marketing/hubspot/",
    crawler="acme-dp-prod-crawl-marketing-hubspot",
    ruleset="acme-dp-prod-dq-marketing-raw-hubspot-contacts",
    database="acme_dp_prod_raw_marketing",
    table="hubspot",
    role="arn:aws:iam::123456789012:role/acme-dp-prod-dq-eval-marketing",
)


def _dags(tmp_path: Path) -> Path:
    folder = tmp_path / "dags"
    folder.mkdir()
    (folder / "jobs.py").write_text("from airflow import DAG\n")
    (folder / "_helpers.py").write_text("X = 1\n")
    (folder / "notes.md").write_text("not a DAG\n")
    return folder


def test_only_public_python_files_are_dags(tmp_path):
    assert [p.name for p in dag_files(_dags(tmp_path))] == ["jobs.py"]


def test_every_dag_and_the_rendered_config_are_uploaded_after_the_bucket(tmp_path):
    folder = _dags(tmp_path)

    def construct():
        bucket = SecureBucket(
            "dags-bucket",
            SecureBucketArgs(
                bucket_name="airflow-acme", tags={}, kms_key_arn=KEY, access_log_bucket="logs"
            ),
        )
        spec = PipelineSpec(
            dag_id="job_orders",
            job=Probe("job-name", "acme-dp-prod-job-orders").value,
            crawl_before=["acme-dp-prod-crawl-raw-orders"],
            gate=[HUBSPOT.evaluation()],
        )
        dags = AirflowDags("dags", AirflowDagsArgs(bucket, folder, {"env": "prod"}, [spec]))
        return {"keys": dags.keys}

    built = build(construct)
    assert built.outputs["keys"] == ["dags/jobs.py", "dags/platform_pipelines.json"]
    dag = built.named("dags-jobs").inputs
    assert dag["key"] == "dags/jobs.py"
    assert dag["sourceHash"] == hashlib.sha256(b"from airflow import DAG\n").hexdigest()
    config = built.named("dags-config").inputs
    assert json.loads(config["content"]) == {
        "format": 1,
        "pipelines": [
            {
                "dag_id": "job_orders",
                "job": "acme-dp-prod-job-orders",
                "crawl_before": ["acme-dp-prod-crawl-raw-orders"],
                "gate": [
                    {
                        "database": "acme_dp_prod_raw_marketing",
                        "role": "arn:aws:iam::123456789012:role/acme-dp-prod-dq-eval-marketing",
                        "ruleset": "acme-dp-prod-dq-marketing-raw-hubspot-contacts",
                        "table": "hubspot",
                    }
                ],
                "crawl_after": [],
                "quality": [],
                "schedule": "0 4 * * *",
                "retries": 2,
            }
        ],
    }
    # Each waits for the bucket's configuration (`SecureBucket.ready`), not only the bucket.
    for name in ("dags-jobs", "dags-config"):
        assert len([d for d in built.depends_on(name) if d.startswith("dags-bucket")]) >= 5, name


def test_a_job_is_gated_by_the_checked_tables_under_what_it_reads():
    other = CheckedTable(
        "curated", "domains/marketing/x/", "c", "r2", "acme_dp_prod_curated_marketing", "x", "a"
    )
    tables = [HUBSPOT, other]
    assert tables_under(tables, "raw", ["domains/marketing/"]) == [HUBSPOT]
    assert tables_under(tables, "raw", []) == [HUBSPOT]  # the whole bucket
    assert tables_under(tables, "raw", ["crm/"]) == []
    assert tables_under(tables, "curated", ["domains/marketing/"]) == [other]


def test_a_folder_without_dags_or_repeated_ids_is_refused(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    spec = PipelineSpec(dag_id="same", job="j")
    with pytest.raises(ValueError, match=r"dag ids must be unique.*no \*\.py DAG file"):
        AirflowDagsArgs(object(), empty, {}, [spec, spec])  # type: ignore[arg-type]


def _job(source_bucket: str, prefixes: tuple[str, ...] = ()) -> GlueJobSpec:
    return GlueJobSpec(
        name="crm_to_staged",
        script_path="pipeline_code/glue/crm_to_staged.py",
        source_bucket=source_bucket,
        source_kms_key_arn="k1",
        source_database="acme_dp_prod_raw",
        target_bucket="staged",
        target_kms_key_arn="k2",
        target_database="acme_dp_prod_staged",
        source_prefixes=prefixes,
    )


def test_mwaa_may_evaluate_only_the_rulesets_its_dags_run():
    """A contract no DAG gates is left to its schedule: MWAA's role gets no right to it."""
    other = CheckedTable(
        "curated", "domains/marketing/x/", "c", "r2", "acme_dp_prod_curated_marketing", "x", "a"
    )
    domain_dag = PipelineSpec(dag_id="job_marketing-x", job="j", gate=[other.evaluation()])
    assert dag_evaluations([HUBSPOT, other], [_job("raw", ("crm/",))], []) == []
    assert dag_evaluations([HUBSPOT, other], [_job("raw")], []) == [HUBSPOT.evaluation()]
    assert dag_evaluations([HUBSPOT, other], [_job("raw", ("crm/",))], [domain_dag]) == [
        other.evaluation()
    ]
