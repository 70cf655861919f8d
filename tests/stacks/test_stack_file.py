"""Every kind of malformed stack file gives one message naming the file, path and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacks.stack_file import ConfigError, load_stack_file

GOOD = """\
config:
  aws:region: eu-west-1
  data-platform:platform:
    environment: dev
    account_id: "111122223333"
    region: eu-west-1
    name_prefix: acme-dp
    owner: team@acme.example
    cost_center: CC-1
    deployers: ["arn:aws:iam::111122223333:role/deployer"]
"""


def _load(tmp_path: Path, text: str) -> ConfigError:
    path = tmp_path / "Pulumi.test.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_stack_file(path)
    assert caught.value.source == str(path)
    assert str(path) in str(caught.value)
    return caught.value


def test_the_good_file_loads(tmp_path):
    path = tmp_path / "Pulumi.test.yaml"
    path.write_text(GOOD)
    assert load_stack_file(path).platform.account_id == "111122223333"


def test_a_typo_in_a_key_names_the_path_line_and_allowed_keys(tmp_path):
    error = _load(tmp_path, GOOD + "    lake:\n      zonez: []\n")
    (issue,) = error.issues
    assert issue.path == "platform.lake.zonez"
    assert issue.line == 12
    assert issue.message == "unknown key; allowed keys: replica_region, retention, zones"


def test_a_wrong_type_names_the_path_and_the_value(tmp_path):
    error = _load(tmp_path, GOOD.replace('"111122223333"', "111122223333"))
    (issue,) = error.issues
    assert issue.path == "platform.account_id"
    assert issue.line == 5
    assert "valid string" in issue.message and "111122223333" in issue.message


def test_an_unknown_environment_lists_the_allowed_ones(tmp_path):
    error = _load(tmp_path, GOOD.replace("environment: dev", "environment: qa"))
    (issue,) = error.issues
    assert issue.path == "platform.environment"
    assert "'dev', 'staging' or 'prod'" in issue.message and "'qa'" in issue.message


def test_a_misspelt_project_key_is_reported(tmp_path):
    error = _load(tmp_path, GOOD.replace("data-platform:platform:", "data-platform:platfrom:"))
    paths = [i.path for i in error.issues]
    assert paths == ["config.data-platform:platfrom", "config.data-platform:platform"]
    assert "allowed keys: data-platform:platform" in error.issues[0].message
    assert error.issues[1].message == "required object is missing"


def test_a_missing_required_key_is_reported(tmp_path):
    error = _load(tmp_path, GOOD.replace("    owner: team@acme.example\n", ""))
    (issue,) = error.issues
    assert (issue.path, issue.message) == ("platform.owner", "required key is missing")


def test_all_problems_are_reported_at_once(tmp_path):
    text = GOOD.replace("environment: dev", "environment: qa").replace(
        "region: eu-west-1\n    name", "region: moon\n    name"
    )
    error = _load(tmp_path, text + "    extra: 1\n")
    assert [i.path for i in error.issues] == [
        "platform.environment",
        "platform.region",
        "platform.extra",
    ]
    assert "3 problems" in str(error)


def test_invalid_yaml_names_the_line(tmp_path):
    error = _load(tmp_path, GOOD + "    lake: [unclosed\n")
    (issue,) = error.issues
    assert issue.path == "(file)" and "not valid YAML" in issue.message and issue.line


def test_a_file_without_config_is_reported(tmp_path):
    error = _load(tmp_path, "secretsprovider: passphrase\n")
    assert error.issues[0].path == "config"


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_stack_file(tmp_path / "Pulumi.none.yaml")


SNOWFLAKE = """\
    snowflake:
      connection: {organization_name: ACME, account_name: DATA_DEV, user: PULUMI_DEPLOY}
      account_cloud: aws
      account_region: eu-west-1
"""


def test_a_zone_name_with_a_hyphen_is_refused_at_its_line_not_in_the_plan(tmp_path):
    zones = "    lake:\n      zones:\n        - {name: raw-eu, data_classification: pii}\n"
    error = _load(tmp_path, GOOD + zones + SNOWFLAKE)
    (issue,) = error.issues
    assert (issue.path, issue.line) == ("platform.lake.zones[0].name", 13)
    assert issue.message == ("String should match pattern '^[a-z][a-z0-9]{0,15}$' (got 'raw-eu')")


def test_a_name_prefix_with_a_run_of_hyphens_is_refused_at_its_line(tmp_path):
    error = _load(tmp_path, GOOD.replace("name_prefix: acme-dp", "name_prefix: acme--dp"))
    (issue,) = error.issues
    assert (issue.path, issue.line) == ("platform.name_prefix", 7)
    assert issue.message == (
        "String should match pattern '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' (got 'acme--dp')"
    )


@pytest.mark.parametrize("prefix", ["sthree", "amzn-s3-demo", "sthree-x"])
def test_a_name_prefix_that_starts_bucket_names_with_a_reserved_prefix_is_refused(tmp_path, prefix):
    error = _load(tmp_path, GOOD.replace("name_prefix: acme-dp", f"name_prefix: {prefix}"))
    (issue,) = error.issues
    assert (issue.path, issue.line) == ("platform.name_prefix", 7)
    assert "which S3 reserves; reserved: xn--, sthree-, amzn-s3-demo-" in issue.message


@pytest.mark.parametrize("prefix", ["ab", "acme-dp", "a1-b2-c3", "x" * 20, "xn", "sthreex"])
def test_name_prefixes_of_single_hyphen_separated_words_load(tmp_path, prefix):
    path = tmp_path / "Pulumi.test.yaml"
    path.write_text(GOOD.replace("name_prefix: acme-dp", f"name_prefix: {prefix}"))
    assert load_stack_file(path).platform.name_prefix == prefix


@pytest.mark.parametrize("prefix", ["a", "acme-", "-acme", "acme--dp", "Acme", "x" * 21])
def test_other_name_prefixes_are_refused(tmp_path, prefix):
    error = _load(tmp_path, GOOD.replace("name_prefix: acme-dp", f"name_prefix: '{prefix}'"))
    assert [i.path for i in error.issues] == ["platform.name_prefix"]


def test_an_ingest_prefix_longer_than_a_quarter_key_is_refused_with_the_s3_limit(tmp_path):
    long_prefix = "landing/" + "a" * 249 + "/"  # 258 bytes
    ingest = (
        "    orchestration:\n"
        "      ingest_sources:\n"
        f"        - {{name: crm, zone: raw, prefix: {long_prefix}, database: raw,"
        " schema: main}\n"
    )
    error = _load(tmp_path, GOOD + SNOWFLAKE + ingest)
    (issue,) = error.issues
    assert (issue.path, issue.line) == ("platform.orchestration.ingest_sources[crm].prefix", 17)
    assert issue.message.startswith("key prefix of 258 bytes (landing/aaa")
    assert issue.message.endswith(
        "at most 256 bytes: S3 object keys stop at 1024 bytes of UTF-8, prefix included, "
        "and the files landing under it need the rest"
    )
    path = tmp_path / "Pulumi.test.yaml"
    path.write_text(GOOD + SNOWFLAKE + ingest.replace(long_prefix, long_prefix[2:]))
    assert load_stack_file(path).platform.orchestration is not None


def test_a_second_deployers_key_is_refused_naming_both_lines(tmp_path):
    """YAML keeps the last of two keys: a second `deployers: [role/*]` would silently give
    every role of the account the keys' Decrypt, PutKeyPolicy and ScheduleKeyDeletion."""
    widened = GOOD + '    deployers: ["arn:aws:iam::111122223333:role/*"]\n'
    (issue,) = _load(tmp_path, widened).issues
    assert issue.line == 11
    assert "duplicate key `deployers` (lines 10 and 11)" in issue.message


def test_an_anchor_bomb_in_another_namespace_is_refused_at_its_line(tmp_path):
    levels = ['  other:a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"  other:a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    (issue,) = _load(tmp_path, GOOD + "\n".join(levels) + "\n").issues
    assert issue.path == "(file)" and "aliases expand to more than 10,000 nodes" in issue.message


def test_a_bad_sibling_stack_file_is_reported_as_that_files_problem(tmp_path):
    sibling = tmp_path / "Pulumi.other.yaml"
    sibling.write_bytes(b"config:\n  owner: \xff\n")
    path = tmp_path / "Pulumi.test.yaml"
    # A stack owning the catalog's encryption reads its siblings (one owner per account).
    path.write_text(
        GOOD + SNOWFLAKE + "    orchestration:\n      glue: {catalog_encryption: own}\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_stack_file(path)
    assert caught.value.source == str(sibling)
    (issue,) = caught.value.issues
    assert issue.line == 2 and issue.message.startswith("not UTF-8 text: byte 17 (0xff)")


@pytest.mark.parametrize(
    "entries",
    [
        ["0.0.0.0/0"],
        ["0.0.0.0/1", "128.0.0.0/1"],
        ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/1"],
    ],
)
def test_a_world_open_allow_list_is_refused_at_the_config_edge(tmp_path, entries):
    users = (
        "      service_users:\n"
        f"        - {{name: loader, role: r, warehouse: w, allowed_ips: {entries}}}\n"
    )
    issues = _load(tmp_path, GOOD + SNOWFLAKE + users).issues
    assert [i.path for i in issues] == ["platform.snowflake.service_users[0].allowed_ips"]
    assert "0.0.0.0/0" in issues[0].message


@pytest.mark.parametrize("script", ["../../x.py", "/etc/x.py", "jobs/../../x.py"])
def test_a_glue_script_outside_the_project_is_refused(tmp_path, script):
    jobs = (
        "    orchestration:\n"
        "      glue:\n"
        "        jobs:\n"
        f"          - {{name: j, script: {script}, source_zone: raw, target_zone: staged}}\n"
    )
    (issue,) = _load(tmp_path, GOOD + SNOWFLAKE + jobs).issues
    assert issue.path == "platform.orchestration.glue.jobs[0].script"
    assert "stays inside it" in issue.message


def test_an_ingest_prefix_that_climbs_is_refused_and_one_that_does_not_is_normalised(tmp_path):
    ingest = (
        "    orchestration:\n"
        "      ingest_sources:\n"
        "        - {name: crm, zone: raw, prefix: PREFIX, database: raw, schema: main}\n"
    )
    (issue,) = _load(tmp_path, GOOD + SNOWFLAKE + ingest.replace("PREFIX", "x/../../crm/")).issues
    assert issue.path == "platform.orchestration.ingest_sources[0].prefix"
    assert "climbs out of the prefix" in issue.message
    path = tmp_path / "Pulumi.test.yaml"
    path.write_text(GOOD + SNOWFLAKE + ingest.replace("PREFIX", "crm/./landing//"))
    orchestration = load_stack_file(path).platform.orchestration
    assert orchestration is not None
    assert [s.prefix for s in orchestration.ingest_sources] == ["crm/landing/"]
