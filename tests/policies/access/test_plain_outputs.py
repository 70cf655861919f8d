"""access-no-secret-in-plain-output: synthetic stack views, and a real program planned offline
(a secret output reaches the plan as `[secret]`, a plain one with its value)."""

from __future__ import annotations

import json
from pathlib import Path

from policies.rules.facts.tokens import PULUMI_STACK
from scripts.cli import main
from tests.policies.helpers import failing, run, view

RULE = "access-no-secret-in-plain-output"
PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"


def stack(outputs: dict[str, object], props: dict[str, object] | None = None) -> object:
    return view(PULUMI_STACK, "app-prod", props or {}, outputs=outputs)


def test_secret_and_ordinary_outputs_pass():
    outputs = {"key": "[secret]", "bucket": "acme-raw", "users": {"loader": "LOADER"}}
    assert failing(RULE, [stack(outputs)]) == set()


def test_a_plain_private_key_output_fails_naming_the_output():
    results = run(RULE, [stack({"service": {"private_key": PEM}, "bucket": "acme-raw"})])
    assert [r.status for r in results] == ["violation"]
    assert "stack output [service.private_key] holds a PEM private key" in results[0].message


def test_a_plain_connection_string_with_a_password_fails():
    outputs = {"dsn": "postgresql://loader:hunter2@db.example.com:5432/raw"}
    assert failing(RULE, [stack(outputs)]) == {"app-prod"}
    odbc = {"dsn": "Driver=Snowflake;Server=acme.snowflakecomputing.com;uid=LOADER;pwd=hunter2"}
    assert failing(RULE, [stack(odbc)]) == {"app-prod"}


def test_a_connection_string_without_a_password_passes():
    outputs = {"dsn": "snowflake://LOADER@acme/RAW?warehouse=LOADING&authenticator=SNOWFLAKE_JWT"}
    assert failing(RULE, [stack(outputs)]) == set()


def test_in_the_pack_where_secrets_are_unmarked_nothing_is_judged():
    outputs = {"key": PEM}
    assert run(RULE, [stack(outputs, props=outputs)]) == []


PROGRAM = """\
import pulumi

PEM = {pem!r}
pulumi.export("bucket", "acme-raw")
pulumi.export("sealed_key", pulumi.Output.secret(PEM))
pulumi.export("derived", pulumi.Output.secret(PEM).apply(lambda k: {{"pem": k}}))
{extra}
"""


def _plan(tmp_path: Path, extra: str) -> dict[str, object]:
    program = tmp_path / "program"
    program.mkdir()
    (program / "Pulumi.yaml").write_text("name: outputs-app\nruntime: python\n")
    (program / "__main__.py").write_text(PROGRAM.format(pem=PEM, extra=extra))
    config = tmp_path / "Pulumi.prod.yaml"
    config.write_text("config: {}\n")
    out = tmp_path / "plan.json"
    flags = ["--program", str(program), "--config", str(config), "--format", "json"]
    main(["plan", *flags, "--out", str(out)])
    document: dict[str, object] = json.loads(out.read_text())
    return document


def test_a_planned_program_exporting_secrets_only_draws_nothing(tmp_path: Path):
    document = _plan(tmp_path, "")
    assert document["outputs"] == {
        "bucket": "acme-raw",
        "sealed_key": "[secret]",
        "derived": "[secret]",
    }
    assert [v for v in document["violations"] if v["policy"] == RULE] == []  # type: ignore[union-attr]


def test_a_planned_program_exporting_a_plain_key_draws_the_violation(tmp_path: Path):
    document = _plan(tmp_path, 'pulumi.export("leaked_key", PEM)')
    found = [v for v in document["violations"] if v["policy"] == RULE]  # type: ignore[union-attr]
    assert len(found) == 1 and "stack output [leaked_key]" in found[0]["message"]
