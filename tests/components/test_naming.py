"""Physical names are environment-prefixed and fit each service's rules."""

from __future__ import annotations

import re

import pytest

from components.naming import Naming, fit, iam_role_name, kms_alias_name, s3_bucket_name

NAMING = Naming("acme-dp", "prod", "410987654321", "eu-west-1")


def test_bucket_names_carry_environment_account_and_region():
    assert NAMING.bucket("raw") == "acme-dp-prod-raw-410987654321-eu-west-1"


def test_long_bucket_names_are_shortened_with_a_stable_hash():
    name = s3_bucket_name(
        "acme-data-platform", "staging", "x" * 60, "410987654321", "ap-southeast-2"
    )
    assert len(name) == 63
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*[a-z0-9]", name)
    assert name == s3_bucket_name(
        "acme-data-platform", "staging", "x" * 60, "410987654321", "ap-southeast-2"
    )
    assert name.startswith("acme-data-platform-staging-")


def test_bucket_names_are_lowercase_without_dots_or_runs_of_hyphens():
    assert s3_bucket_name("Acme.DP", "dev", "Raw__Zone") == "acme-dp-dev-raw-zone"


@pytest.mark.parametrize("parts", [("sthree", "dev"), ("a",), ("lake", "s3alias")])
def test_names_s3_reserves_or_rejects_are_refused(parts):
    with pytest.raises(ValueError):
        s3_bucket_name(*parts)


def test_aliases_and_roles_fit_their_limits():
    assert NAMING.kms_alias("lake-raw") == "alias/acme-dp-prod-lake-raw"
    assert len(iam_role_name("r" * 100)) == 64
    with pytest.raises(ValueError, match="reserved"):
        kms_alias_name("aws/s3")


def test_fit_keeps_short_names_unchanged():
    assert fit("short", 10) == "short"
    assert len(fit("x" * 20, 10)) == 10


def test_glue_database_names_are_lowercase_with_underscores():
    assert NAMING.glue_database("Raw-Zone") == "acme_dp_prod_raw_zone"


def test_resource_names_fit_the_given_limit_with_a_stable_hash():
    assert NAMING.resource("glue-job-alerts") == "acme-dp-prod-glue-job-alerts"
    long = NAMING.resource("x" * 80, max_length=64)
    assert len(long) == 64 and long == NAMING.resource("x" * 80, max_length=64)
