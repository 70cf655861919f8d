"""The pack started the way the Pulumi CLI starts a Python policy pack.

The CLI runs `python -u -m pulumi.policy <engine address> .` in the pack's directory
with PULUMI_STACK / PULUMI_PROJECT / PULUMI_DRY_RUN / PULUMI_CONFIG set, reads the
gRPC port from the first line of stdout, and talks to it as an Analyzer. This test
does the same, so a broken entry point or import cannot hide.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from policies.rules.adapter import REPORTER_ID
from policies.rules.registry import rule_ids

PACK = Path(__file__).resolve().parents[2] / "policies"


@pytest.fixture(scope="module")
def analyzer() -> Iterator[analyzer_pb2_grpc.AnalyzerStub]:
    env = {
        **os.environ,
        "PULUMI_STACK": "prod",
        "PULUMI_PROJECT": "data-platform",
        "PULUMI_DRY_RUN": "true",
        "PULUMI_CONFIG": "{}",
    }
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "pulumi.policy", "127.0.0.1:0", "."],
        cwd=PACK,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode().strip()
        assert line.isdigit(), f"no port on stdout: {line!r} {process.stderr.read().decode()}"  # type: ignore[union-attr]
        channel = grpc.insecure_channel(f"127.0.0.1:{line}")
        grpc.channel_ready_future(channel).result(timeout=30)
        yield analyzer_pb2_grpc.AnalyzerStub(channel)
        channel.close()
    finally:
        process.kill()
        process.wait(timeout=10)


def _request(type_: str, name: str, props: dict) -> analyzer_pb2.AnalyzeRequest:
    properties = struct_pb2.Struct()
    properties.update(props)
    return analyzer_pb2.AnalyzeRequest(
        type=type_,
        name=name,
        urn=f"urn:pulumi:prod::data-platform::{type_}::{name}",
        properties=properties,
    )


def test_get_analyzer_info_lists_every_registered_policy(analyzer):
    info = analyzer.GetAnalyzerInfo(empty_pb2.Empty())
    assert info.name == "data-platform"
    assert [p.name for p in info.policies] == [*rule_ids(), REPORTER_ID]


def test_prod_stack_registers_prod_levels(analyzer):
    info = analyzer.GetAnalyzerInfo(empty_pb2.Empty())
    levels = {p.name: p.enforcementLevel for p in info.policies}
    assert levels["no-force-destroy-in-prod"] == analyzer_pb2.MANDATORY
    assert levels["s3-bucket-object-lock"] == analyzer_pb2.ADVISORY


def test_analyze_reports_a_key_without_rotation(analyzer):
    response = analyzer.Analyze(
        _request(
            "aws:kms/key:Key",
            "bad-key",
            {
                "enableKeyRotation": False,
                "policy": json.dumps(
                    {
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"AWS": "arn:aws:iam::1:root"},
                                "Action": "kms:*",
                                "Resource": "*",
                            }
                        ]
                    }
                ),
            },
        )
    )
    found = {(d.policyName, d.enforcementLevel) for d in response.diagnostics}
    assert ("kms-key-rotation-enabled", analyzer_pb2.MANDATORY) in found
    assert all(d.policyName != "kms-key-policy-scoped" for d in response.diagnostics)


def test_an_unknown_input_is_not_applicable_until_apply(analyzer):
    unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    response = analyzer.Analyze(_request("aws:kms/key:Key", "k", {"enableKeyRotation": unknown}))
    reasons = {n.policy_name: n.reason for n in response.not_applicable}
    assert "not evaluated until apply" in reasons["kms-key-rotation-enabled"]
    assert all(d.policyName != "kms-key-rotation-enabled" for d in response.diagnostics)


def test_analyze_stack_joins_a_bucket_to_its_parts(analyzer):
    bucket = analyzer_pb2.AnalyzerResource(
        type="aws:s3/bucket:Bucket",
        name="data",
        urn="urn:pulumi:prod::data-platform::aws:s3/bucket:Bucket::data",
        properties=_struct({"bucket": "data-physical", "id": "data-physical"}),
    )
    versioning = analyzer_pb2.AnalyzerResource(
        type="aws:s3/bucketVersioning:BucketVersioning",
        name="data-v",
        urn="urn:pulumi:prod::data-platform::aws:s3/bucketVersioning:BucketVersioning::data-v",
        properties=_struct(
            {"bucket": "data-physical", "versioningConfiguration": {"status": "Suspended"}}
        ),
    )
    response = analyzer.AnalyzeStack(
        analyzer_pb2.AnalyzeStackRequest(resources=[bucket, versioning])
    )
    versioning_findings = [
        d for d in response.diagnostics if d.policyName == "s3-bucket-versioning-enabled"
    ]
    assert len(versioning_findings) == 1 and "Suspended" in versioning_findings[0].message
    assert versioning_findings[0].urn == bucket.urn


def _struct(data: dict) -> struct_pb2.Struct:
    s = struct_pb2.Struct()
    s.update(data)
    return s


def test_configured_suppressions_are_applied_and_reported_advisory(analyzer):
    properties = _struct(
        {
            "suppressions": [
                {
                    "resources": "legacy-*",
                    "reason": "vendor key cannot rotate",
                    "expires": "2999-12-31",
                }
            ]
        }
    )
    analyzer.Configure(
        analyzer_pb2.ConfigureAnalyzerRequest(
            policyConfig={
                "kms-key-rotation-enabled": analyzer_pb2.PolicyConfig(
                    enforcementLevel=analyzer_pb2.MANDATORY, properties=properties
                )
            }
        )
    )
    response = analyzer.Analyze(
        _request("aws:kms/key:Key", "legacy-key", {"enableKeyRotation": False})
    )
    assert all(d.policyName != "kms-key-rotation-enabled" for d in response.diagnostics)
    stack = analyzer.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=[]))
    reported = [d for d in stack.diagnostics if d.policyName == REPORTER_ID]
    assert len(reported) == 1 and reported[0].enforcementLevel == analyzer_pb2.ADVISORY
    assert "vendor key cannot rotate" in reported[0].message


def _glue_job(project: str) -> analyzer_pb2.AnalyzerResource:
    return analyzer_pb2.AnalyzerResource(
        type="aws:glue/job:Job",
        name="etl",
        urn=f"urn:pulumi:prod.sales::{project}::aws:glue/job:Job::etl",
        properties=_struct({"name": "etl", "roleArn": "arn:aws:iam::123456789012:role/etl"}),
    )


def test_stack_rules_judge_a_whole_stack_but_not_a_part_of_an_environment(analyzer):
    """A domain stack holds part of its environment: the environment-wide rules (a budget,
    a subscribed alerts topic) are judged by `dataplat plan --env` on the union, not here."""

    def stack_rules(project: str) -> set[str]:
        response = analyzer.AnalyzeStack(
            analyzer_pb2.AnalyzeStackRequest(resources=[_glue_job(project)])
        )
        return {d.policyName for d in response.diagnostics}

    whole = stack_rules("data-platform")
    assert {"stack-budget-notifies", "alerts-topic-subscribed"} <= whole
    part = stack_rules("data-platform-domain")
    assert not {"stack-budget-notifies", "alerts-topic-subscribed"} & part
