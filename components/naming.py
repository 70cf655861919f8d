"""Physical names of the platform's cloud resources, built in one place.

Every physical name is environment-prefixed (`<prefix>-<env>-...`) so that stacks
sharing an account never collide, and fits the target service's length and
character rules. A name that would be too long keeps its readable head and ends in
a short hash of the whole, so it stays unique and stable across runs.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from vocabulary.s3_buckets import S3_RESERVED_BUCKET_PREFIXES, S3_RESERVED_BUCKET_SUFFIXES

S3_BUCKET_MAX = 63
KMS_ALIAS_MAX = 256
IAM_ROLE_MAX = 64
SNOWFLAKE_IDENTIFIER_MAX = 255
GLUE_NAME_MAX = 255
# EventBridge rule names are the shortest common limit of the names built by `resource_name`.
EVENT_RULE_MAX = 64
_HASH_LENGTH = 8


def fit(name: str, max_length: int, separator: str = "-") -> str:
    """Shorten `name` to `max_length`, keeping its head and ending in a hash of the whole."""
    if len(name) <= max_length:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:_HASH_LENGTH]
    head = name[: max_length - _HASH_LENGTH - 1].rstrip(separator)
    return f"{head}{separator}{digest}"


def s3_bucket_name(*parts: str) -> str:
    """A valid, DNS-compatible general-purpose bucket name from `parts`.

    Lowercase letters, digits and single hyphens only (no dots, which break TLS on
    virtual-hosted URLs), 3 to 63 characters, none of S3's reserved affixes.
    """
    name = re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")
    name = fit(name, S3_BUCKET_MAX)
    if len(name) < 3:
        raise ValueError(f"bucket name {name!r} is shorter than 3 characters")
    if name.startswith(S3_RESERVED_BUCKET_PREFIXES) or name.endswith(S3_RESERVED_BUCKET_SUFFIXES):
        raise ValueError(f"bucket name {name!r} uses an affix that S3 reserves")
    return name


def kms_alias_name(*parts: str) -> str:
    """A KMS alias (`alias/...`); `alias/aws/` is reserved for AWS-managed keys."""
    body = re.sub(r"[^a-zA-Z0-9/_-]+", "-", "-".join(parts)).strip("-")
    if body.startswith("aws/"):
        raise ValueError(f"alias {body!r} would fall under the reserved alias/aws/ prefix")
    return fit(f"alias/{body}", KMS_ALIAS_MAX)


def iam_role_name(*parts: str) -> str:
    """An IAM role name: up to 64 characters of letters, digits and `+=,.@_-`."""
    return fit(re.sub(r"[^\w+=,.@-]+", "-", "-".join(parts)).strip("-"), IAM_ROLE_MAX)


def snowflake_identifier(*parts: str) -> str:
    """An unquoted-style Snowflake identifier: uppercase letters, digits and underscores.

    The provider quotes every identifier, so a lowercase name would become a
    case-sensitive object that SQL written without quotes cannot find; uppercase
    names behave the same quoted or not.
    """
    name = re.sub(r"[^A-Z0-9_]+", "_", "_".join(parts).upper()).strip("_")
    if not name or not name[0].isalpha():
        raise ValueError(f"Snowflake identifier {name!r} must start with a letter")
    return fit(name, SNOWFLAKE_IDENTIFIER_MAX, separator="_").upper()


def glue_name(*parts: str) -> str:
    """A Glue catalog name (databases): lowercase letters, digits and underscores.

    Glue stores catalog names in lowercase and Athena/Spark SQL cannot use a hyphen
    in an unquoted identifier, so hyphens become underscores.
    """
    name = re.sub(r"[^a-z0-9_]+", "_", "_".join(parts).lower()).strip("_")
    if not name:
        raise ValueError(f"Glue name from {parts!r} is empty")
    return fit(name, GLUE_NAME_MAX, separator="_")


def resource_name(*parts: str, max_length: int = GLUE_NAME_MAX) -> str:
    """A general resource name (Glue jobs, crawlers, SNS topics, EventBridge rules, log
    groups' last segment): letters, digits, `-` and `_`, at most `max_length`."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(parts)).strip("-")
    if not name:
        raise ValueError(f"resource name from {parts!r} is empty")
    return fit(name, max_length)


@dataclass(frozen=True)
class Naming:
    """The naming scheme of one stack: prefix, environment, account and region.

    Bucket names are global across all AWS accounts, so they also carry the account
    id and region; names scoped to an account (aliases, roles) do not need to.
    """

    prefix: str
    environment: str
    account_id: str
    region: str

    def in_region(self, region: str) -> Naming:
        """The same scheme for resources in another region (a replica's bucket names)."""
        return replace(self, region=region)

    @property
    def stem(self) -> str:
        """`<prefix>-<environment>`, the start of every physical name."""
        return f"{self.prefix}-{self.environment}"

    def bucket(self, purpose: str) -> str:
        """The bucket name for `purpose` (a lake zone, `access-logs`, ...)."""
        return s3_bucket_name(self.stem, purpose, self.account_id, self.region)

    def airflow_bucket(self) -> str:
        """The MWAA DAG bucket: MWAA requires its name to start with `airflow-`."""
        return s3_bucket_name("airflow", self.stem, self.account_id, self.region)

    def bucket_patterns(self) -> tuple[str, ...]:
        """Name patterns matching every bucket of this stack (lake zones and DAG bucket)."""
        return (f"{self.stem}-*", f"airflow-{self.stem}-*")

    def kms_alias(self, purpose: str) -> str:
        """The alias of the customer-managed key for `purpose`."""
        return kms_alias_name(self.stem, purpose)

    def iam_role(self, purpose: str) -> str:
        """The name of the IAM role for `purpose`."""
        return iam_role_name(self.stem, purpose)

    def snowflake(self, *purpose: str) -> str:
        """An account-level Snowflake identifier (`ACME_DP_PROD_LOADING`)."""
        return snowflake_identifier(self.prefix, self.environment, *purpose)

    def secret(self, *path: str) -> str:
        """A Secrets Manager name under the stack's stem: `<stem>/<path>/...`."""
        return "/".join((self.stem, *path))

    def glue_database(self, zone: str, *scope: str) -> str:
        """The Glue catalog database of a lake zone (`acme_dp_prod_raw`)."""
        return glue_name(self.prefix, self.environment, zone, *scope)

    def resource(self, purpose: str, max_length: int = GLUE_NAME_MAX) -> str:
        """The name of a regional resource for `purpose` (`acme-dp-prod-glue-alerts`)."""
        return resource_name(self.stem, purpose, max_length=max_length)
