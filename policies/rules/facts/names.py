"""The name pattern of everything a stack or domain file names (zones aside)."""

from __future__ import annotations

# A lower-case word with digits and underscores, at most 31 characters: it becomes part of
# Snowflake identifiers, IAM role names and Glue names, so it stays within all of them.
SLUG_PATTERN = r"^[a-z][a-z0-9_]{0,30}$"
# The same, for a whole-string match (`re.fullmatch`).
SLUG = SLUG_PATTERN[1:-1]
# The tag naming the data contracts (ODCS `id`s, space-separated) that cover what a
# crawler or pipe produces (issue 19); set by components/quality, read by the pack.
DATA_CONTRACT_TAG = "data-contract"
# Its Snowflake counterpart: a tag object (in the governance schema, beside the PII tag)
# set on a pipe, whose value is the same space-separated contract ids (issue 19: "a tag
# on the pipe and the crawler naming the contract"). Set by
# components/snowflake/pipe_contract_tags.py, read by the pack (pii-pipe-has-contract).
DATA_CONTRACT_SNOWFLAKE_TAG = "DATA_CONTRACT"
# The AWS tag naming the data domain a resource belongs to (composition: `for_data(...,
# domain=<name>)`): a domain's resources carry it, the platform's do not.
DOMAIN_TAG = "domain"
