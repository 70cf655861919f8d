"""AWS line items: MWAA, NAT gateways and interface endpoints, KMS, Secrets Manager, Glue, S3.

Bounds take the most a resource can bill in a month as configured: MWAA at maxWorkers,
every Glue run at its timeout on every attempt, each always-on resource for 730 hours.
Data processed (NAT, endpoints), requests (KMS, Secrets Manager, S3) and transfer are not
part of the bound: they depend on traffic the plan does not know.
"""

from __future__ import annotations

from typing import Any

from ..core.index import StackIndex
from ..core.view import ResourceView
from ..facts.tokens import (
    EC2_NAT_GATEWAY,
    EC2_VPC_ENDPOINT,
    GLUE_JOB,
    KMS_KEY,
    MWAA_ENVIRONMENT,
    S3_BUCKET,
    SECRETSMANAGER_SECRET,
)
from .assumptions import Assumptions
from .items import LineItem, usd
from .prices import DPU_PER_WORKER, HOURS_PER_MONTH, price

MWAA = MWAA_ENVIRONMENT
NAT_GATEWAY = EC2_NAT_GATEWAY
VPC_ENDPOINT = EC2_VPC_ENDPOINT
SECRET = SECRETSMANAGER_SECRET
BUCKET = S3_BUCKET
H = HOURS_PER_MONTH
# AWS's defaults when the input is absent (MWAA CreateEnvironment, Glue CreateJob).
MWAA_DEFAULTS = {
    "environmentClass": "mw1.small",
    "minWorkers": 1,
    "maxWorkers": 10,
    "schedulers": 2,
}
MWAA_INCLUDED_SCHEDULERS = 2
GLUE_DEFAULT_TIMEOUT_MINUTES = 2880
GLUE_DEFAULT_DPUS = {"pythonshell": 0.0625, "glueetl": 10.0, "gluestreaming": 10.0}


def aws_items(index: StackIndex, assume: Assumptions) -> list[LineItem]:
    """Every AWS item of the stack, in a stable order (by category, then resource)."""
    items: list[LineItem] = []
    for env in index.of_type(MWAA):
        items += mwaa_items(env)
    items += [_hourly("network", nat, "vpc.nat_gateway", 1) for nat in index.of_type(NAT_GATEWAY)]
    for endpoint in index.of_type(VPC_ENDPOINT):
        if str(endpoint.need("vpcEndpointType") or "Gateway") == "Interface":
            azs = len(endpoint.need("subnetIds") or []) or 1
            items.append(_hourly("network", endpoint, "vpc.interface_endpoint", azs))
    for key in index.of_type(KMS_KEY):
        items.append(kms_item(key))
    items += [_monthly("secrets", s, "secretsmanager.secret") for s in index.of_type(SECRET)]
    items += [glue_item(job, assume) for job in index.of_type(GLUE_JOB)]
    for bucket in index.of_type(BUCKET):
        gb = assume.s3_gb_per_bucket
        cost = usd(gb * price("s3.standard").usd)
        detail = f"{gb:g} GB assumed x ${price('s3.standard').usd:g}/GB-month"
        item = LineItem("s3", bucket.name, "s3.standard", gb, cost, cost, detail, bucket.urn)
        items.append(item)
    return items


def mwaa_items(env: ResourceView) -> list[LineItem]:
    """The environment hours, the workers beyond the first and the schedulers beyond two."""
    cls = str(_or(env, "environmentClass"))
    low, high = int(_or(env, "minWorkers")), int(_or(env, "maxWorkers"))
    schedulers = int(_or(env, "schedulers"))
    base = _hourly("mwaa", env, f"mwaa.environment.{cls}", 1, cls, "environment")
    worker = price(f"mwaa.worker.{cls}").usd
    workers = LineItem(
        "mwaa",
        f"{env.name} (workers)",
        f"mwaa.worker.{cls}",
        (high - 1) * H,
        usd((high - 1) * H * worker),
        usd((low - 1) * H * worker),
        f"workers {low}..{high}: {high - 1} beyond the included one x {H:g} h x "
        f"${worker:g}/worker-hour; expected {low - 1}",
        env.urn,
    )
    extra = max(0, schedulers - MWAA_INCLUDED_SCHEDULERS)
    scheduler = _hourly(
        "mwaa",
        env,
        f"mwaa.scheduler.{cls}",
        extra,
        f"{schedulers} schedulers, {extra} beyond the {MWAA_INCLUDED_SCHEDULERS} included",
        "schedulers",
    )
    return [base, workers, scheduler]


def glue_item(job: ResourceView, assume: Assumptions) -> LineItem:
    """DPUs x timeout hours x attempts x runs a month (the bound); the expected run length."""
    command = str(job.need("command.name") or "glueetl")
    worker_type, workers = job.need("workerType"), job.need("numberOfWorkers")
    if isinstance(worker_type, str) and isinstance(workers, int | float):
        if worker_type not in DPU_PER_WORKER:
            raise ValueError(f"glue job [{job.name}]: unknown workerType {worker_type!r}")
        dpus = DPU_PER_WORKER[worker_type] * workers
        how = f"{workers:g} x {worker_type} = {dpus:g} DPU"
    else:
        capacity = job.need("maxCapacity")
        dpus = float(capacity) if isinstance(capacity, int | float) else GLUE_DEFAULT_DPUS[command]
        how = f"{dpus:g} DPU"
    timeout = job.need("timeout") or GLUE_DEFAULT_TIMEOUT_MINUTES
    attempts = 1 + int(job.need("maxRetries") or 0)
    runs = assume.glue_runs_per_month
    if command == "gluestreaming":  # runs continuously: a month of hours, once
        hours, runs, attempts = H, 1.0, 1
    else:
        hours = timeout / 60
    rate = price("glue.dpu_hour").usd
    dpu_hours = dpus * hours * attempts * runs
    expected = dpus * min(assume.glue_expected_minutes, hours * 60) / 60 * runs
    return LineItem(
        "glue jobs",
        job.name,
        "glue.dpu_hour",
        round(dpu_hours, 4),
        usd(dpu_hours * rate),
        usd(expected * rate),
        f"{how} x {hours:g} h timeout x {attempts} attempt(s) x {runs:g} runs/month; "
        f"expected {assume.glue_expected_minutes:g} min a run",
        job.urn,
    )


def kms_item(key: ResourceView) -> LineItem:
    """$1 a key-month; a rotating key is bounded at its two billed rotations, expected at $1."""
    if not key.need("enableKeyRotation"):
        return _monthly("kms keys", key, "kms.key")
    bound, first = price("kms.key.rotated").usd, price("kms.key").usd
    detail = f"rotating: ${bound:g}/key-month at most (the key and two rotations), ${first:g} now"
    return LineItem(
        "kms keys", key.name, "kms.key.rotated", 1, usd(bound), usd(first), detail, key.urn
    )


def _or(env: ResourceView, prop: str) -> Any:
    value = env.need(prop)
    return MWAA_DEFAULTS[prop] if value is None else value


def _hourly(
    category: str, view: ResourceView, key: str, units: float, what: str = "", part: str = ""
) -> LineItem:
    rate = price(key).usd
    cost = usd(units * H * rate)
    detail = f"{what or f'{units:g}'} x {H:g} h x ${rate:g}/{price(key).unit}"
    name = f"{view.name} ({part})" if part else view.name
    return LineItem(category, name, key, units * H, cost, cost, detail, view.urn)


def _monthly(category: str, view: ResourceView, key: str) -> LineItem:
    rate = price(key).usd
    detail = f"${rate:g}/{price(key).unit}"
    return LineItem(category, view.name, key, 1, usd(rate), usd(rate), detail, view.urn)
