"""The repository's Airflow DAGs and their rendered config, uploaded to MWAA's `dags/` folder.

A DAG cannot import the Pulumi program, and names differ per stack, so the program renders
the names a DAG needs (Glue jobs, crawlers, rulesets) into one JSON file uploaded beside the
DAGs (`dags/platform_pipelines.json`); the DAG reads it next to its own file at parse time.
Chosen over Airflow Variables: a Variable read at parse time is a Secrets Manager call on
every parse of every scheduler, and the plan (hence the journeys and the DAG integrity
test) sees the rendered file's content but never a Variable's value.

MWAA reads DAGs from the `dag_s3_path` folder of its source bucket, which must block public
access and be versioned (AWS, "Working with DAGs on Amazon MWAA",
https://docs.aws.amazon.com/mwaa/latest/userguide/working-dags.html), and syncs them by
itself: "Amazon MWAA automatically syncs new and changed objects from your Amazon S3 bucket
to Amazon MWAA scheduler and worker containers' /usr/local/airflow/dags folder every 30
seconds, preserving the Amazon S3 source's file hierarchy, regardless of file type" ("Adding
or updating DAGs", .../configuring-dag-folder.html), so the JSON config travels with the
DAGs. DAG files are not pinned by object version as requirements.txt and plugins.zip are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pulumi
import pulumi_aws as aws

from components.storage.secure_bucket import SecureBucket

DAG_FOLDER = "dags/"
CONFIG_NAME = "platform_pipelines.json"
CONFIG_FORMAT = 1


@dataclass(frozen=True)
class CheckedTable:
    """A lake table a contract's Glue Data Quality ruleset checks, as a DAG needs it.

    Names only (all known before anything is created), so that the pipelines of every
    job can be worked out before the domains' crawlers and rulesets are built.

    Attributes:
        bucket: The zone bucket holding the table's files.
        prefix: The table's key prefix there (`domains/marketing/hubspot/`).
        crawler: The crawler that creates the table from that prefix.
        ruleset: The ruleset's name.
        database: The Glue database of the table.
        table: The table's name.
        role: The ARN of the evaluation role Glue runs the ruleset as.
        results: Where the evaluation writes its results (`s3://bucket/prefix`,
            `ResultsS3Prefix`). Defaults to "": none.
    """

    bucket: str
    prefix: str
    crawler: str
    ruleset: str
    database: str
    table: str
    role: str
    results: str = ""

    def evaluation(self) -> dict[str, str]:
        """The config entry of one evaluation of this table's ruleset."""
        entry = {
            "ruleset": self.ruleset,
            "database": self.database,
            "table": self.table,
            "role": self.role,
        }
        return {**entry, "results": self.results} if self.results else entry


def tables_under(
    tables: Sequence[CheckedTable], bucket: str, prefixes: Sequence[str]
) -> list[CheckedTable]:
    """The checked tables whose files lie under one of `prefixes` of `bucket` (all of the
    bucket's when `prefixes` is empty: a job without prefixes reads the whole bucket)."""
    return [
        t
        for t in tables
        if t.bucket == bucket
        and (not prefixes or any(t.prefix.startswith(p.lstrip("/")) for p in prefixes))
    ]


@dataclass(frozen=True)
class PipelineSpec:
    """One pipeline a DAG runs: crawl its sources, check them, run its job, crawl its
    output, check it.

    Attributes:
        dag_id: The DAG's id (unique in the environment).
        job: The Glue job's name.
        crawl_before: Crawlers that catalogue the job's input, run first. Defaults to none.
        gate: The contract gate: Glue Data Quality evaluations of the job's source tables,
            run after `crawl_before` and before the job, which runs only when every rule
            passes; each a mapping with `ruleset`, `database`, `table` and `role` (the
            evaluation role's ARN). Defaults to none (the job runs ungated).
        crawl_after: Crawlers that catalogue the job's output. Defaults to none.
        quality: Evaluations of the job's output tables, run last (same shape as `gate`).
            Defaults to none.
        schedule: When the DAG runs, an Airflow cron expression. Defaults to "0 4 * * *"
            (04:00 UTC daily, after the 03:00 crawls of the default crawler schedule).
        retries: Retries of each task. Defaults to 2.
    """

    dag_id: str
    job: pulumi.Input[str]
    crawl_before: Sequence[pulumi.Input[str]] = ()
    crawl_after: Sequence[pulumi.Input[str]] = ()
    quality: Sequence[Mapping[str, str]] = ()
    schedule: str = "0 4 * * *"
    retries: int = 2
    gate: Sequence[Mapping[str, str]] = ()


@dataclass(frozen=True)
class AirflowDagsArgs:
    """Arguments of `AirflowDags`.

    Attributes:
        bucket: MWAA's source bucket; every upload waits for its encryption, versioning
            and public-access block (`SecureBucket.ready`). Required.
        dags_dir: The repository folder of the DAG files (`*.py`, uploaded as they are).
            Required.
        tags: Tags of every uploaded object. Required.
        pipelines: What the rendered config names. Defaults to none (an empty config).
    """

    bucket: SecureBucket
    dags_dir: Path
    tags: dict[str, str]
    pipelines: Sequence[PipelineSpec] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        ids = [p.dag_id for p in self.pipelines]
        errors = []
        if len(set(ids)) != len(ids):
            errors.append(f"pipelines: dag ids must be unique; got {ids}")
        if not dag_files(self.dags_dir):
            errors.append(f"dags_dir: no *.py DAG file in {self.dags_dir}")
        if errors:
            raise ValueError(f"AirflowDagsArgs: {'; '.join(errors)}")


class AirflowDags(pulumi.ComponentResource):
    """One S3 object per DAG file under `dags/`, and the rendered pipeline config beside them.

    Objects carry `source_hash` (the SSE-KMS bucket's ETag is no content hash), so a
    changed DAG shows in the plan and uploads again; the bucket's default encryption
    (SSE-KMS with the orchestration key) encrypts them.
    """

    keys: list[str]

    def __init__(
        self, name: str, args: AirflowDagsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:orchestration:AirflowDags", name, None, opts)
        upload = pulumi.ResourceOptions(parent=self, depends_on=args.bucket.ready)
        self.keys = []
        for path in dag_files(args.dags_dir):
            key = f"{DAG_FOLDER}{path.name}"
            aws.s3.BucketObjectv2(
                f"{name}-{path.stem}",
                bucket=args.bucket.name,
                key=key,
                source=pulumi.FileAsset(str(path)),
                source_hash=hashlib.sha256(path.read_bytes()).hexdigest(),
                content_type="text/x-python",
                tags=args.tags,
                opts=upload,
            )
            self.keys.append(key)
        content = pulumi.Output.all(*[_resolved(p) for p in args.pipelines]).apply(
            lambda resolved: render_config(list(resolved))
        )
        config_key = f"{DAG_FOLDER}{CONFIG_NAME}"
        aws.s3.BucketObjectv2(
            f"{name}-config",
            bucket=args.bucket.name,
            key=config_key,
            content=content,
            content_type="application/json",
            tags=args.tags,
            opts=upload,
        )
        self.keys.append(config_key)
        self.register_outputs({"keys": self.keys})


def dag_files(directory: Path) -> list[Path]:
    """The DAG files of `directory` (`*.py`, not private `_*.py`), sorted by name."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.py") if not p.name.startswith("_"))


def _resolved(spec: PipelineSpec) -> pulumi.Output[dict[str, object]]:
    """The spec with every name resolved, as the config entry."""
    return pulumi.Output.all(
        pulumi.Output.from_input(spec.job),
        pulumi.Output.all(*spec.crawl_before),
        pulumi.Output.all(*spec.crawl_after),
        pulumi.Output.all(*[pulumi.Output.all(**dict(q)) for q in spec.quality]),
        pulumi.Output.all(*[pulumi.Output.all(**dict(g)) for g in spec.gate]),
    ).apply(
        lambda v: pipeline_entry(
            spec, str(v[0]), [str(c) for c in v[1]], [str(c) for c in v[2]], list(v[3]), list(v[4])
        )
    )


def pipeline_entry(
    spec: PipelineSpec,
    job: str,
    crawl_before: Sequence[str],
    crawl_after: Sequence[str],
    quality: Sequence[Mapping[str, object]],
    gate: Sequence[Mapping[str, object]] = (),
) -> dict[str, object]:
    """One pipeline of the config, with its names resolved."""
    return {
        "dag_id": spec.dag_id,
        "job": job,
        "crawl_before": list(crawl_before),
        "gate": [dict(sorted(g.items())) for g in gate],
        "crawl_after": list(crawl_after),
        "quality": [dict(sorted(q.items())) for q in quality],
        "schedule": spec.schedule,
        "retries": spec.retries,
    }


def render_config(pipelines: Sequence[Mapping[str, object]]) -> str:
    """The config file's text: stable (sorted keys), so an unchanged stack plans no diff."""
    body = {"format": CONFIG_FORMAT, "pipelines": sorted(pipelines, key=lambda p: str(p["dag_id"]))}
    return json.dumps(body, indent=2, sort_keys=True) + "\n"
